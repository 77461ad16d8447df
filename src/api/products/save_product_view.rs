use leptos::prelude::*;

use crate::domain::{AppError, ProductView};

/// Saves `query` (the filters) as the user's view `name`, replacing one of that name.
#[server(prefix = "/api/view", endpoint = "save_product_view")]
pub async fn save_product_view(name: String, query: String) -> Result<Vec<ProductView>, AppError> {
    use crate::domain::{Permission, ViewFields};
    use crate::server::{context, products};
    let user = context::authorize(Permission::View)?;
    let fields = ViewFields::parse(&name, &query)?;
    products::save_view(&context::app_state()?, &user, &fields).await
}
