use leptos::prelude::*;

use crate::domain::{AppError, Asset, AssetVersion};

/// Everything the details panel shows of an asset, in one call: the asset and all its versions,
/// newest first.
#[server(prefix = "/api/view", endpoint = "asset_details", input = server_fn::codec::GetUrl)]
pub async fn asset_details(asset_id: i64) -> Result<(Asset, Vec<AssetVersion>), AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::details(&context::app_state()?, AssetId(asset_id)).await
}
