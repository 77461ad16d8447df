use leptos::prelude::*;

use crate::domain::{AppError, Role, User};

/// Gives a user another role; it applies to their next request.
#[server(prefix = "/api/users", endpoint = "set_user_role")]
pub async fn set_user_role(user_id: i64, role: Role) -> Result<User, AppError> {
    use crate::domain::UserId;
    use crate::server::{context, users};
    let state = context::app_state()?;
    users::set_role(&state.db, &context::user()?, UserId(user_id), role).await
}
