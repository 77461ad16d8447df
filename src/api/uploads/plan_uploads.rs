use leptos::prelude::*;

use crate::domain::{AppError, FilePlan};

/// Where each of these files would go if imported now, read from its name: checked as files are
/// added to the Upload assets page, before any byte is sent. At most 1,000 names.
#[server(prefix = "/api/manage", endpoint = "plan_uploads")]
pub async fn plan_uploads(#[server(default)] names: Vec<String>) -> Result<Vec<FilePlan>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, mass_import};
    let _user = context::authorize(Permission::Manage)?;
    mass_import::plan(&context::app_state()?, &names).await
}
