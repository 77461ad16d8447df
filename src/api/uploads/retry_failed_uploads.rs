use leptos::prelude::*;

use crate::domain::{AppError, UploadImport};

/// Tries the import's failed files again, as the assets and locales are now.
#[server(prefix = "/api/manage", endpoint = "retry_failed_uploads")]
pub async fn retry_failed_uploads(import_id: i64) -> Result<UploadImport, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, mass_import};
    let user = context::authorize(Permission::Manage)?;
    mass_import::retry_failed(&context::app_state()?, &user, import_id).await
}
