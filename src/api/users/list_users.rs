use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Every user, by name.
#[server(prefix = "/api/users", endpoint = "list_users", input = server_fn::codec::GetUrl)]
pub async fn list_users() -> Result<Vec<User>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, db};
    context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    db::users::list(&state.db).await
}
