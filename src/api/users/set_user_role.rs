use leptos::prelude::*;

use crate::domain::{AppError, Role, User};

/// Gives a user another role and ends their sessions: they sign in again with the new one.
#[server(prefix = "/api/users", endpoint = "set_user_role")]
pub async fn set_user_role(user_id: i64, role: Role) -> Result<User, AppError> {
    use crate::domain::{Permission, UserId};
    use crate::server::{context, users};
    let user = context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    users::set_role(&state.db, &user, UserId(user_id), role).await
}
