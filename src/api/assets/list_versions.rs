use leptos::prelude::*;

use crate::domain::{AppError, AssetVersion};

/// Every version of an asset, newest first.
#[server(prefix = "/api/view", endpoint = "list_versions", input = server_fn::codec::GetUrl)]
pub async fn list_versions(asset_id: i64) -> Result<Vec<AssetVersion>, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::versions(&context::app_state()?, AssetId(asset_id)).await
}
