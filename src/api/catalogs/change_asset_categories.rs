use leptos::prelude::*;

use crate::domain::{AppError, CategoryPath};

/// Saves Add asset to categories: `assign` and `unassign` are comma-separated category ids, only
/// the changes.
#[server(prefix = "/api/manage", endpoint = "change_asset_categories")]
pub async fn change_asset_categories(
    asset_id: i64,
    assign: String,
    unassign: String,
) -> Result<Vec<CategoryPath>, AppError> {
    use crate::domain::{AssetId, CategoryId, LinkChanges, Permission};
    use crate::server::{catalogs, context};
    context::authorize(Permission::Manage)?;
    let changes = LinkChanges::<CategoryId>::parse(&assign, &unassign)?;
    catalogs::change_asset_categories(&context::app_state()?, AssetId(asset_id), &changes).await
}
