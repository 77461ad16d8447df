use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Every user, by name.
#[server(prefix = "/api/users", endpoint = "list_users", input = server_fn::codec::GetUrl)]
pub async fn list_users() -> Result<Vec<User>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, users};
    context::authorize(Permission::ManageUsers)?;
    users::list(&context::app_state()?.db).await
}
