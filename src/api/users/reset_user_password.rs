use leptos::prelude::*;

use crate::domain::{AppError, User, UserId};

/// Sets a new password for a user.
#[server(prefix = "/api/users", endpoint = "reset_user_password")]
pub async fn reset_user_password(user_id: UserId, password: String) -> Result<User, AppError> {
    use crate::domain::{Password, Permission};
    use crate::server::{context, users};
    context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    // The admin's own session stays: only the user whose password changed is signed out.
    let own_session = context::session().await?.id().map(|id| id.to_string());
    users::reset_password(&state.db, user_id, Password::parse(&password)?, own_session.as_deref()).await
}
