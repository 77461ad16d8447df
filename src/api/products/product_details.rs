use leptos::prelude::*;

use crate::domain::{AppError, ProductId, ProductOverview};

/// A product and the assets that illustrate it, in link order.
#[server(prefix = "/api/view", endpoint = "product_details", input = server_fn::codec::GetUrl)]
pub async fn product_details(product_id: ProductId) -> Result<ProductOverview, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    products::overview(&context::app_state()?, product_id).await
}
