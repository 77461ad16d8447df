use leptos::prelude::*;

use crate::domain::{AppError, AssetId, Product};

/// Every product the filters of Select products match (`filter` as in `list_products`), for
/// Select all matching.
#[server(prefix = "/api/view", endpoint = "matching_products", input = server_fn::codec::GetUrl)]
pub async fn matching_products(
    #[server(default)] filter: String,
    #[server(default)] asset_id: Option<AssetId>,
) -> Result<Vec<Product>, AppError> {
    use crate::domain::{Permission, ProductSearch};
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    let search = ProductSearch::from_query(&filter)?;
    products::all_matching(&context::app_state()?, &search, asset_id).await
}
