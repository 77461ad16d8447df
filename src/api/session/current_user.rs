use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Who is signed in, if anyone.
#[server(prefix = "/api/public", endpoint = "current_user", input = server_fn::codec::GetUrl)]
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(crate::server::context::signed_in_user())
}
