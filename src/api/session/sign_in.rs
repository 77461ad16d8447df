use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Signs in and goes on to `next` (a path on this site), or to the Assets page.
#[server(prefix = "/api/public", endpoint = "sign_in")]
pub async fn sign_in(user_name: String, password: String, next: Option<String>) -> Result<User, AppError> {
    use crate::server::{auth, context};
    let state = context::app_state()?;
    let session = context::session().await?;
    let user = auth::sign_in(&state, &session, &user_name, &password).await?;
    leptos_axum::redirect(&auth::safe_next(next.as_deref()));
    Ok(user)
}
