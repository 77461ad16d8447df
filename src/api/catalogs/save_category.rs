use leptos::prelude::*;

use crate::domain::{AppError, CatalogId, CatalogTree, CategoryId};

/// Adds a category (no `category_id`) to a catalog under `parent_id` (empty for the top), or
/// renames one and moves it within its catalog.
#[server(prefix = "/api/catalog", endpoint = "save_category")]
pub async fn save_category(
    category_id: Option<CategoryId>,
    catalog_id: CatalogId,
    parent_id: String,
    number: String,
    name: String,
) -> Result<CatalogTree, AppError> {
    use crate::domain::{CategoryFields, CategoryPlace, Permission};
    use crate::server::{catalogs, context};
    context::authorize(Permission::ManageCatalog)?;
    let fields = CategoryFields::parse(&number, &name)?;
    let parent = match parent_id.trim() {
        "" => None,
        id => Some(CategoryId(id.parse().map_err(|_| {
            AppError::Validation(format!("\"{id}\" is not a category id."))
        })?)),
    };
    let place = CategoryPlace {
        catalog: catalog_id,
        parent,
    };
    catalogs::save_category(&context::app_state()?, category_id, place, &fields).await
}
