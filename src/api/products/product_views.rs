use leptos::prelude::*;

use crate::domain::{AppError, SavedView};

/// The signed-in user's saved Select products filters.
#[server(prefix = "/api/view", endpoint = "product_views", input = server_fn::codec::GetUrl)]
pub async fn product_views() -> Result<Vec<SavedView>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    saved_views::of_products(&context::app_state()?, &user).await
}
