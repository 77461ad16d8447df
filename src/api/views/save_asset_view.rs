use leptos::prelude::*;

use crate::domain::{AppError, SavedView};

/// Saves `query` (the grid's filter and order) as a new view named `name` (no `view_id`), or
/// changes one of the user's views; `shared` (a checkbox) lets everyone see it.
#[server(prefix = "/api/view", endpoint = "save_asset_view")]
pub async fn save_asset_view(
    view_id: Option<i64>,
    name: String,
    query: String,
    shared: Option<String>,
) -> Result<SavedView, AppError> {
    use crate::domain::{Permission, ViewFields, ViewKind};
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    let fields = ViewFields::parse(ViewKind::Assets, &name, &query, shared.is_some_and(|s| !s.is_empty()))?;
    let view = saved_views::save(&context::app_state()?, &user, view_id, &fields).await?;
    leptos_axum::redirect(&view.href());
    Ok(view)
}
