use leptos::prelude::*;

use crate::domain::{AppError, AssetId, CategoryPath};

/// Saves Add asset to categories, a form of checkboxes: `was` the categories checked when the
/// page opened, `chosen` those checked now. Only the difference changes, so links someone else
/// made meanwhile stay. A plain form post comes back to the asset's Categories tab.
#[server(prefix = "/api/manage", endpoint = "change_asset_categories")]
pub async fn change_asset_categories(
    asset_id: AssetId,
    #[server(default)] was: Vec<i64>,
    #[server(default)] chosen: Vec<i64>,
) -> Result<Vec<CategoryPath>, AppError> {
    use crate::domain::{CategoryId, LinkChanges, Permission};
    use crate::server::{catalogs, context};
    context::authorize(Permission::Manage)?;
    let changes = LinkChanges::between(was.into_iter().map(CategoryId), chosen.into_iter().map(CategoryId))?;
    let paths = catalogs::change_asset_categories(&context::app_state()?, asset_id, &changes).await?;
    leptos_axum::redirect(&crate::domain::paths::asset_tab(asset_id, "categories"));
    Ok(paths)
}
