use leptos::prelude::*;

use crate::domain::{AppError, AssetId, Product};

/// Every product the filters of Select products match, for Select all matching.
#[server(prefix = "/api/view", endpoint = "matching_products", input = server_fn::codec::GetUrl)]
pub async fn matching_products(
    search: String,
    status: String,
    #[server(default)] asset_id: Option<AssetId>,
    linked: String,
    categories: String,
) -> Result<Vec<Product>, AppError> {
    use crate::domain::{Permission, ProductSearch};
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    let mut search = ProductSearch::parse(&search, &status)?.in_categories(&categories)?;
    if let Some(asset_id) = asset_id {
        search = search.with_link(asset_id, &linked)?;
    }
    products::all_matching(&context::app_state()?, &search).await
}
