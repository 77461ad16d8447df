use leptos::prelude::*;

use crate::domain::{AppError, AssetFacets};

/// The Filters panel's groups with a count per value for `filter` (the page's URL query, read as
/// an `AssetFilter`), and how many assets it matches.
#[server(prefix = "/api/view", endpoint = "filter_counts", input = server_fn::codec::GetUrl)]
pub async fn filter_counts(#[server(default)] filter: String) -> Result<AssetFacets, AppError> {
    use crate::domain::{AssetFilter, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let filter = AssetFilter::from_query(&filter)?;
    assets::facets(&context::app_state()?, &filter).await
}
