use leptos::prelude::*;

use crate::domain::{AppError, Product};

/// Every product the filters of Select products match, for Select all matching.
#[server(prefix = "/api/view", endpoint = "matching_products", input = server_fn::codec::GetUrl)]
pub async fn matching_products(
    search: String,
    status: String,
    asset_id: i64,
    linked: String,
    categories: String,
) -> Result<Vec<Product>, AppError> {
    use crate::domain::{AssetId, Permission, ProductSearch};
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    let search = ProductSearch::parse(&search, &status)?
        .with_link(AssetId(asset_id), &linked)?
        .in_categories(&categories)?;
    products::all_matching(&context::app_state()?, &search).await
}
