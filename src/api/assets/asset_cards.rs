use leptos::prelude::*;

use crate::domain::{AppError, AssetCard, AssetId};

/// The current cards of these assets: how the grid learns that a thumbnail is ready.
#[server(prefix = "/api/view", endpoint = "asset_cards", input = server_fn::codec::Json)]
pub async fn asset_cards(ids: Vec<AssetId>) -> Result<Vec<AssetCard>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, db};
    context::authorize(Permission::View)?;
    if ids.len() > 200 {
        return Err(AppError::Validation("Ask for at most 200 cards at a time.".into()));
    }
    let state = context::app_state()?;
    db::asset_list::cards(&state.db, &ids).await
}
