use leptos::prelude::*;

use crate::domain::{AppError, Asset, AssetId};

/// Copies an older version (of the main file, or of the file for `locale`) into a new current
/// version of that file; the old one stays as it was.
#[server(prefix = "/api/manage", endpoint = "restore_version")]
pub async fn restore_version(
    asset_id: AssetId,
    number: u32,
    #[server(default)] locale: Option<String>,
) -> Result<Asset, AppError> {
    use crate::domain::{Locale, Permission};
    use crate::server::{assets, context};
    let user = context::authorize(Permission::Manage)?;
    let locale = Locale::chosen(locale.as_deref())?;
    assets::restore(&context::app_state()?, asset_id, locale.as_ref(), number, &user).await
}
