use leptos::prelude::*;

use crate::domain::{AppError, Asset};

/// One asset with its current file, for the details panel.
#[server(prefix = "/api/view", endpoint = "get_asset", input = server_fn::codec::GetUrl)]
pub async fn get_asset(asset_id: i64) -> Result<Asset, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{context, db};
    context::authorize(Permission::View)?;
    let state = context::app_state()?;
    db::assets::load(&state.db, AssetId(asset_id)).await
}
