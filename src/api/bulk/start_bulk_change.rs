use leptos::prelude::*;

use crate::domain::{AppError, BulkReport};

/// Applies `action` to every asset `selection` names (`ids=1,2,3`, or `all=1` and a grid filter):
/// `set_availability` (value: an availability), `add_labels` and `remove_labels` (value: the
/// labels, comma-separated), `link_to_products` and `add_to_categories` (value: ids,
/// comma-separated), or `delete` (Public assets are skipped). A few hundred assets are changed
/// before it answers with the final report; more run as a job whose report it answers at once.
#[server(prefix = "/api/manage", endpoint = "start_bulk_change")]
pub async fn start_bulk_change(
    selection: String,
    action: String,
    #[server(default)] value: String,
) -> Result<BulkReport, AppError> {
    use crate::domain::{AssetSelection, BulkAction, Permission};
    use crate::server::{bulk_changes, context};
    let user = context::authorize(Permission::Manage)?;
    let selection = AssetSelection::from_query(&selection)?;
    let action = BulkAction::parse(&action, &value)?;
    bulk_changes::start(&context::app_state()?, &user, &selection, &action).await
}
