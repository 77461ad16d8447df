use leptos::prelude::*;

use crate::domain::{AppError, AssetOverview};

/// Everything the details panel shows of an asset, in one call.
#[server(prefix = "/api/view", endpoint = "asset_details", input = server_fn::codec::GetUrl)]
pub async fn asset_details(asset_id: i64) -> Result<AssetOverview, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::details(&context::app_state()?, AssetId(asset_id)).await
}
