use leptos::prelude::*;

use crate::domain::{AppError, BulkReport};

/// Where a bulk change the caller started stands: counts, and the assets skipped or failed.
#[server(prefix = "/api/manage", endpoint = "bulk_change_report", input = server_fn::codec::GetUrl)]
pub async fn bulk_change_report(id: i64) -> Result<BulkReport, AppError> {
    use crate::domain::{BulkChangeId, Permission};
    use crate::server::{bulk_changes, context};
    let user = context::authorize(Permission::Manage)?;
    bulk_changes::report(&context::app_state()?, &user, BulkChangeId(id)).await
}
