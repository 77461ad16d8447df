use leptos::prelude::*;

use crate::domain::{AppError, AssetId, ShareLinks};

/// The public link (this version, for ever) and the static link (always the current version) of
/// a published asset, for its file for `locale` when given. Anyone who may view assets may copy
/// them.
#[server(prefix = "/api/view", endpoint = "copy_links")]
pub async fn copy_links(asset_id: AssetId, #[server(default)] locale: Option<String>) -> Result<ShareLinks, AppError> {
    use crate::domain::{Locale, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let locale = Locale::chosen(locale.as_deref())?;
    let host = context::host().await?;
    assets::share_links(&context::app_state()?, asset_id, locale.as_ref(), host).await
}
