use leptos::prelude::*;

use crate::domain::{AppError, ProductView};

/// Deletes one of the signed-in user's views.
#[server(prefix = "/api/view", endpoint = "delete_product_view")]
pub async fn delete_product_view(view_id: i64) -> Result<Vec<ProductView>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, products};
    let user = context::authorize(Permission::View)?;
    products::delete_view(&context::app_state()?, &user, view_id).await
}
