use leptos::prelude::*;

use crate::domain::AppError;

/// Deletes an Internal or Automatic asset with all its versions; Public ones are refused (409).
#[server(prefix = "/api/manage", endpoint = "delete_asset")]
pub async fn delete_asset(asset_id: i64) -> Result<(), AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{context, deletion};
    context::authorize(Permission::Manage)?;
    deletion::delete_asset(&context::app_state()?, AssetId(asset_id)).await
}
