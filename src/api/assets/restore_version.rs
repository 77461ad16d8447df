use leptos::prelude::*;

use crate::domain::{AppError, Asset};

/// Copies an older version into a new current version; the old one stays as it was.
#[server(prefix = "/api/manage", endpoint = "restore_version")]
pub async fn restore_version(asset_id: i64, number: u32) -> Result<Asset, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{assets, context};
    let user = context::authorize(Permission::Manage)?;
    assets::restore(&context::app_state()?, AssetId(asset_id), number, &user).await
}
