use leptos::prelude::*;

use crate::domain::{AppError, AssetId, Product};

/// Saves the Select products page: `assign` and `unassign` are comma-separated product ids, only
/// the changes, so that two people linking the same asset at once both keep their links.
#[server(prefix = "/api/manage", endpoint = "change_asset_products")]
pub async fn change_asset_products(
    asset_id: AssetId,
    assign: String,
    unassign: String,
) -> Result<Vec<Product>, AppError> {
    use crate::domain::{LinkChanges, Permission, ProductId};
    use crate::server::{context, products};
    context::authorize(Permission::Manage)?;
    let changes = LinkChanges::<ProductId>::parse(&assign, &unassign)?;
    products::change_links(&context::app_state()?, asset_id, &changes).await
}
