use leptos::prelude::*;

use crate::domain::AppError;

/// Starts importing these uploads (all the user's waiting ones when `ids` is empty), as a job;
/// returns the import's id, for its report.
#[server(prefix = "/api/manage", endpoint = "import_uploads")]
pub async fn import_uploads(#[server(default)] ids: Vec<String>) -> Result<i64, AppError> {
    use crate::domain::{Permission, UploadId};
    use crate::server::{context, mass_import};
    let user = context::authorize(Permission::Manage)?;
    let ids: Vec<UploadId> = ids.into_iter().map(UploadId).collect();
    mass_import::start(&context::app_state()?, &user, &ids).await
}
