use leptos::prelude::*;

use crate::domain::{AppError, UploadImport};

/// Where the user's import stands: what became of each file so far.
#[server(prefix = "/api/manage", endpoint = "upload_import_report")]
pub async fn upload_import_report(import_id: i64) -> Result<UploadImport, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, mass_import};
    let user = context::authorize(Permission::Manage)?;
    mass_import::report(&context::app_state()?, &user, import_id).await
}
