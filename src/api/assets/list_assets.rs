use leptos::prelude::*;

use crate::domain::{AppError, AssetPage, AssetSort};

/// One page of the grid in `sort` order, after the cursor `after` (from the previous page).
#[server(prefix = "/api/view", endpoint = "list_assets", input = server_fn::codec::GetUrl)]
pub async fn list_assets(sort: AssetSort, after: Option<String>) -> Result<AssetPage, AppError> {
    use crate::domain::Permission;
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    assets::page(&context::app_state()?, sort, after.as_deref()).await
}
