use leptos::prelude::*;

use crate::domain::{AppError, SavedView};

/// Saves `query` (Select products' filters) as the user's view `name`, replacing one of that
/// name; returns the user's views.
#[server(prefix = "/api/view", endpoint = "save_product_view")]
pub async fn save_product_view(name: String, query: String) -> Result<Vec<SavedView>, AppError> {
    use crate::domain::{Permission, ViewFields, ViewKind};
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    let fields = ViewFields::parse(ViewKind::Products, &name, &query, false)?;
    saved_views::save_by_name(&context::app_state()?, &user, &fields).await
}
