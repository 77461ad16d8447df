use leptos::prelude::*;

use crate::domain::{AppError, CategoryId};

/// Moves a category one place `up` or `down` among its siblings.
#[server(prefix = "/api/catalog", endpoint = "reorder_category")]
pub async fn reorder_category(category_id: CategoryId, direction: String) -> Result<(), AppError> {
    use crate::domain::Permission;
    use crate::server::{catalogs, context};
    context::authorize(Permission::ManageCatalog)?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        other => {
            return Err(AppError::Validation(format!(
                "A category moves up or down, not \"{other}\"."
            )));
        }
    };
    catalogs::reorder_category(&context::app_state()?, category_id, up).await
}
