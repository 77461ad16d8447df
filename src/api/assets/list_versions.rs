use leptos::prelude::*;

use crate::domain::{AppError, AssetVersion};

/// Every version of an asset's main file, or of its own file for `locale`, newest first.
#[server(prefix = "/api/view", endpoint = "list_versions", input = server_fn::codec::GetUrl)]
pub async fn list_versions(
    asset_id: i64,
    #[server(default)] locale: Option<String>,
) -> Result<Vec<AssetVersion>, AppError> {
    use crate::domain::{AssetId, Locale, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let locale = Locale::chosen(locale.as_deref())?;
    assets::versions(&context::app_state()?, AssetId(asset_id), locale.as_ref()).await
}
