use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Deactivates a user (their sessions stop working at once), or reactivates them.
#[server(prefix = "/api/users", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<User, AppError> {
    use crate::domain::{Permission, UserId};
    use crate::server::{context, users};
    let user = context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    users::set_active(&state.db, &user, UserId(user_id), active).await
}
