use leptos::prelude::*;

use crate::domain::{AppError, CategoryId};

/// Deletes a category that no product, asset or subcategory is in.
#[server(prefix = "/api/catalog", endpoint = "delete_category")]
pub async fn delete_category(category_id: CategoryId) -> Result<(), AppError> {
    use crate::domain::Permission;
    use crate::server::{catalogs, context};
    context::authorize(Permission::ManageCatalog)?;
    catalogs::delete_category(&context::app_state()?, category_id).await
}
