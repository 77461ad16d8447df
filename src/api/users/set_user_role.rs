use leptos::prelude::*;

use crate::domain::{AppError, Role, User, UserId};

/// Gives a user another role and ends their sessions: they sign in again with the new one.
#[server(prefix = "/api/users", endpoint = "set_user_role")]
pub async fn set_user_role(user_id: UserId, role: Role) -> Result<User, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, users};
    let user = context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    users::set_role(&state.db, &user, user_id, role).await
}
