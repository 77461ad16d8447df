use leptos::prelude::*;

use crate::domain::{AppError, Asset};

/// One asset with its current file, for the details panel.
#[server(prefix = "/api/view", endpoint = "get_asset", input = server_fn::codec::GetUrl)]
pub async fn get_asset(asset_id: i64) -> Result<Asset, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::get(&context::app_state()?, AssetId(asset_id)).await
}
