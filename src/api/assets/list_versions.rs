use leptos::prelude::*;

use crate::domain::{AppError, AssetId, AssetVersion};

/// Every version of an asset's main file, or of its own file for `locale`, newest first.
#[server(prefix = "/api/view", endpoint = "list_versions", input = server_fn::codec::GetUrl)]
pub async fn list_versions(
    asset_id: AssetId,
    #[server(default)] locale: Option<String>,
) -> Result<Vec<AssetVersion>, AppError> {
    use crate::domain::{Locale, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let locale = Locale::chosen(locale.as_deref())?;
    assets::versions(&context::app_state()?, asset_id, locale.as_ref()).await
}
