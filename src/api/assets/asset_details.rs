use leptos::prelude::*;

use crate::domain::{AppError, AssetId, AssetOverview};

/// Everything the details panel shows of an asset, in one call: for `locale`, its file for that
/// locale (its own, or else the main file) and that file's versions.
#[server(prefix = "/api/view", endpoint = "asset_details", input = server_fn::codec::GetUrl)]
pub async fn asset_details(
    asset_id: AssetId,
    #[server(default)] locale: Option<String>,
) -> Result<AssetOverview, AppError> {
    use crate::domain::{Locale, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let locale = Locale::chosen(locale.as_deref())?;
    assets::details(&context::app_state()?, asset_id, locale.as_ref()).await
}
