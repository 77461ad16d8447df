use leptos::prelude::*;

use crate::domain::{AppError, ProductPage};

/// One page of products by number: `search` is a number prefix or a name substring, `status`
/// empty for any, `after` the previous page's `next`.
#[server(prefix = "/api/view", endpoint = "list_products", input = server_fn::codec::GetUrl)]
pub async fn list_products(search: String, status: String, after: Option<String>) -> Result<ProductPage, AppError> {
    use crate::domain::{Permission, ProductSearch};
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    let search = ProductSearch::parse(&search, &status)?;
    products::page(&context::app_state()?, &search, after.as_deref()).await
}
