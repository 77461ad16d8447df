use leptos::prelude::*;

use crate::domain::{AppError, AssetVersion};

/// Every version of an asset, newest first.
#[server(prefix = "/api/view", endpoint = "list_versions", input = server_fn::codec::GetUrl)]
pub async fn list_versions(asset_id: i64) -> Result<Vec<AssetVersion>, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{context, db};
    context::authorize(Permission::View)?;
    let state = context::app_state()?;
    db::versions::list(&state.db, AssetId(asset_id)).await
}
