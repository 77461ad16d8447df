use leptos::prelude::*;

use crate::domain::{AppError, SavedView};

/// Deletes one of the signed-in user's Select products views; returns the rest.
#[server(prefix = "/api/view", endpoint = "delete_product_view")]
pub async fn delete_product_view(view_id: i64) -> Result<Vec<SavedView>, AppError> {
    use crate::domain::{Permission, ViewKind};
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    let state = context::app_state()?;
    saved_views::delete(&state, &user, ViewKind::Products, view_id).await?;
    saved_views::of_products(&state, &user).await
}
