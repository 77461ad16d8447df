use leptos::prelude::*;

use crate::domain::{AppError, AssetCard, AssetId};

/// The current cards of these assets: how the grid learns that a thumbnail is ready.
#[server(prefix = "/api/view", endpoint = "asset_cards", input = server_fn::codec::Json)]
pub async fn asset_cards(ids: Vec<AssetId>) -> Result<Vec<AssetCard>, AppError> {
    use crate::domain::Permission;
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::cards(&context::app_state()?, &ids).await
}
