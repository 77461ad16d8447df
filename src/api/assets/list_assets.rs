use leptos::prelude::*;

use crate::domain::{AppError, AssetPage, AssetSort};

/// One page of the grid in `sort` order, after the cursor `after` (from the previous page).
#[server(prefix = "/api/view", endpoint = "list_assets", input = server_fn::codec::GetUrl)]
pub async fn list_assets(sort: AssetSort, after: Option<String>) -> Result<AssetPage, AppError> {
    use crate::domain::{Cursor, Permission};
    use crate::server::{context, db};
    /// Cards per page: a few screens' worth.
    const PAGE_SIZE: u64 = 48;
    context::authorize(Permission::View)?;
    let state = context::app_state()?;
    let after = after
        .filter(|raw| !raw.is_empty())
        .map(|raw| Cursor::decode(&raw))
        .transpose()?;
    db::asset_list::page(&state.db, sort, after, PAGE_SIZE).await
}
