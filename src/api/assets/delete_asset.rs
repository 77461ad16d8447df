use leptos::prelude::*;

use crate::domain::{AppError, AssetId};

/// Deletes an Internal or Automatic asset with all its versions; Public ones are refused (409).
#[server(prefix = "/api/manage", endpoint = "delete_asset")]
pub async fn delete_asset(asset_id: AssetId) -> Result<(), AppError> {
    use crate::domain::Permission;
    use crate::server::{context, deletion};
    context::authorize(Permission::Manage)?;
    deletion::delete_asset(&context::app_state()?, asset_id).await
}
