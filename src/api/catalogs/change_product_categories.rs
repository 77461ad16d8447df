use leptos::prelude::*;

use crate::domain::{AppError, Product, ProductId};

/// Saves a product's categories, a form of checkboxes as on Add asset to categories: `was` the
/// categories checked when the page opened, `chosen` those checked now.
#[server(prefix = "/api/catalog", endpoint = "change_product_categories")]
pub async fn change_product_categories(
    product_id: ProductId,
    #[server(default)] was: Vec<i64>,
    #[server(default)] chosen: Vec<i64>,
) -> Result<Product, AppError> {
    use crate::domain::{CategoryId, LinkChanges, Permission};
    use crate::server::{catalogs, context};
    context::authorize(Permission::ManageCatalog)?;
    let changes = LinkChanges::between(was.into_iter().map(CategoryId), chosen.into_iter().map(CategoryId))?;
    catalogs::change_product_categories(&context::app_state()?, product_id, &changes).await
}
