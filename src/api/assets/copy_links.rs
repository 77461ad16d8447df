use leptos::prelude::*;

use crate::domain::{AppError, ShareLinks};

/// The public link (this version, for ever) and the static link (always the current version) of
/// a published asset. Anyone who may view assets may copy them.
#[server(prefix = "/api/view", endpoint = "copy_links")]
pub async fn copy_links(asset_id: i64) -> Result<ShareLinks, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::share_links(&context::app_state()?, AssetId(asset_id)).await
}
