use leptos::prelude::*;

use crate::domain::{AppError, Product, ProductId};

/// Creates a product (no `product_id`) or edits one.
#[server(prefix = "/api/catalog", endpoint = "save_product")]
pub async fn save_product(
    product_id: Option<ProductId>,
    number: String,
    name: String,
    description: String,
) -> Result<Product, AppError> {
    use crate::domain::{Permission, ProductFields};
    use crate::server::{context, products};
    context::authorize(Permission::ManageCatalog)?;
    let fields = ProductFields::parse(&number, &name, &description)?;
    products::save(&context::app_state()?, product_id, &fields).await
}
