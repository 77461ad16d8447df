use leptos::prelude::*;

use crate::domain::AppError;

/// Ends the session and goes to Sign in.
#[server(prefix = "/api/public", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{auth, context};
    auth::sign_out(&context::session().await?).await?;
    leptos_axum::redirect(crate::domain::paths::SIGN_IN);
    Ok(())
}
