use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Sets a new password for a user.
#[server(prefix = "/api/users", endpoint = "reset_user_password")]
pub async fn reset_user_password(user_id: i64, password: String) -> Result<User, AppError> {
    use crate::domain::{Password, UserId};
    use crate::server::{context, users};
    let state = context::app_state()?;
    users::reset_password(&state.db, UserId(user_id), Password::parse(&password)?).await
}
