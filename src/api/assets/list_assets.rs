use leptos::prelude::*;

use crate::domain::{AppError, AssetPage};

/// One page of the grid: what `filter` (the page's URL query, read as an `AssetFilter`) matches,
/// in its order, after the cursor `after` (from the previous page).
#[server(prefix = "/api/view", endpoint = "list_assets", input = server_fn::codec::GetUrl)]
pub async fn list_assets(#[server(default)] filter: String, after: Option<String>) -> Result<AssetPage, AppError> {
    use crate::domain::{AssetFilter, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let filter = AssetFilter::from_query(&filter)?;
    assets::page(
        &context::app_state()?,
        &filter,
        after.as_deref(),
        assets::GRID_PAGE_SIZE,
    )
    .await
}
