use leptos::prelude::*;

use crate::domain::{AppError, ProductView};

/// The signed-in user's saved Select products filters.
#[server(prefix = "/api/view", endpoint = "product_views", input = server_fn::codec::GetUrl)]
pub async fn product_views() -> Result<Vec<ProductView>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, products};
    let user = context::authorize(Permission::View)?;
    products::views(&context::app_state()?, &user).await
}
