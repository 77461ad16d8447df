use leptos::prelude::*;

use crate::domain::{AppError, Role, User};

/// Creates a user with a role and a first password.
#[server(prefix = "/api/users", endpoint = "create_user")]
pub async fn create_user(user_name: String, role: Role, password: String) -> Result<User, AppError> {
    use crate::domain::{NewUser, Password, Permission, UserName};
    use crate::server::{context, users};
    context::authorize(Permission::ManageUsers)?;
    let state = context::app_state()?;
    let new_user = NewUser {
        user_name: UserName::parse(&user_name)?,
        role,
        password: Password::parse(&password)?,
    };
    users::create_user(&state.db, new_user).await
}
