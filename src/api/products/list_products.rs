use leptos::prelude::*;

use crate::domain::{AppError, AssetId, ProductPage};

/// One page of products by number: `search` is a number prefix or a name substring, `status`
/// empty for any, `after` the previous page's `next`. With `asset_id`, `linked` (`linked`,
/// `not_linked` or empty) filters on that asset's links. `categories`: comma-separated ids, each
/// with its subcategories.
#[server(prefix = "/api/view", endpoint = "list_products", input = server_fn::codec::GetUrl)]
pub async fn list_products(
    search: String,
    status: String,
    after: Option<String>,
    asset_id: Option<AssetId>,
    linked: Option<String>,
    categories: Option<String>,
) -> Result<ProductPage, AppError> {
    use crate::domain::{Permission, ProductSearch};
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    let mut search =
        ProductSearch::parse(&search, &status)?.in_categories(categories.as_deref().unwrap_or_default())?;
    if let Some(asset_id) = asset_id {
        search = search.with_link(asset_id, linked.as_deref().unwrap_or_default())?;
    }
    products::page(&context::app_state()?, &search, after.as_deref()).await
}
