use leptos::prelude::*;

use crate::domain::{AppError, Product, ProductId};

/// Publish, Unpublish (`draft`) or Archive a product.
#[server(prefix = "/api/catalog", endpoint = "set_product_status")]
pub async fn set_product_status(product_id: ProductId, status: String) -> Result<Product, AppError> {
    use crate::domain::{Permission, ProductStatus};
    use crate::server::{context, products};
    context::authorize(Permission::ManageCatalog)?;
    let status: ProductStatus = status.parse()?;
    products::set_status(&context::app_state()?, product_id, status).await
}
