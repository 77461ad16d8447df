use leptos::prelude::*;

use crate::domain::AppError;

/// Moves a category one place `up` or `down` among its siblings.
#[server(prefix = "/api/catalog", endpoint = "reorder_category")]
pub async fn reorder_category(category_id: i64, direction: String) -> Result<(), AppError> {
    use crate::domain::{CategoryId, Permission};
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
    catalogs::reorder_category(&context::app_state()?, CategoryId(category_id), up).await
}
