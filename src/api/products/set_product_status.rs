use leptos::prelude::*;

use crate::domain::{AppError, Product};

/// Publish, Unpublish (`draft`) or Archive a product.
#[server(prefix = "/api/catalog", endpoint = "set_product_status")]
pub async fn set_product_status(product_id: i64, status: String) -> Result<Product, AppError> {
    use crate::domain::{Permission, ProductId, ProductStatus};
    use crate::server::{context, products};
    context::authorize(Permission::ManageCatalog)?;
    let status: ProductStatus = status.parse()?;
    products::set_status(&context::app_state()?, ProductId(product_id), status).await
}
