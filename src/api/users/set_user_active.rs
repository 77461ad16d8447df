use leptos::prelude::*;

use crate::domain::{AppError, User, UserId};

/// Deactivates a user (their sessions stop working at once), or reactivates them.
#[server(prefix = "/api/users", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: UserId, active: bool) -> Result<User, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, users};
    let user = context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    users::set_active(&state.db, &user, user_id, active).await
}
