//! What a server function reads from the request it serves.

use axum::http::request::Parts;
use leptos::prelude::use_context;
use tower_sessions::Session;

use super::{auth::SignedIn, errors::internal, state::AppState};
use crate::domain::{AppError, Permission, User};

/// # Errors
/// `Internal` when called outside a request (a wiring mistake).
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("wiring", "AppState not in context"))
}

/// The signed-in user, as the access guard found them for this request.
pub fn signed_in_user() -> Option<User> {
    use_context::<Parts>()?.extensions.get::<SignedIn>()?.0.clone()
}

/// The signed-in user, when their role grants `permission`. Every server function but the public
/// ones starts with this, whether or not the access guard ran before it (functions called while
/// a page renders on the server never pass through the guard's path check).
///
/// # Errors
/// `Unauthenticated` when nobody is signed in, `Forbidden` when the role does not grant it.
pub fn authorize(permission: Permission) -> Result<User, AppError> {
    SignedIn(signed_in_user()).authorize(permission)
}

/// The `Host` this request was sent to, for links when no public URL is configured.
///
/// # Errors
/// `Validation` when the request names no host.
pub async fn host() -> Result<String, AppError> {
    let headers: axum::http::HeaderMap = leptos_axum::extract()
        .await
        .map_err(|e| internal("wiring", format!("no request headers: {e:?}")))?;
    headers
        .get(axum::http::header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| !host.is_empty() && !host.contains(['/', ' ']))
        .map(str::to_owned)
        .ok_or_else(|| AppError::Validation("The request names no host; set public-url.".into()))
}

/// # Errors
/// `Internal` when the session layer is missing.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| internal("wiring", format!("no session layer: {e:?}")))
}
