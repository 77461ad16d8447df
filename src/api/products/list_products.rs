use leptos::prelude::*;

use crate::domain::{AppError, AssetId, ProductPage};

/// One page of products by number: `filter` is the page's address query (`ProductSearch`),
/// `after` the previous page's `next`. With `asset_id`, the filter's `linked` is about that
/// asset's links.
#[server(prefix = "/api/view", endpoint = "list_products", input = server_fn::codec::GetUrl)]
pub async fn list_products(
    #[server(default)] filter: String,
    after: Option<String>,
    asset_id: Option<AssetId>,
) -> Result<ProductPage, AppError> {
    use crate::domain::{Permission, ProductSearch};
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    let search = ProductSearch::from_query(&filter)?;
    products::page(&context::app_state()?, &search, asset_id, after.as_deref()).await
}
