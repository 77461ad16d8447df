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
/// `Internal` outside a request.
pub async fn host() -> Result<Option<String>, AppError> {
    let headers: axum::http::HeaderMap = leptos_axum::extract()
        .await
        .map_err(|e| internal("wiring", format!("no request headers: {e:?}")))?;
    Ok(host_of(&headers))
}

/// The `Host` a request names, when it names a plain one.
pub fn host_of(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(axum::http::header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| !host.is_empty() && !host.contains(['/', ' ']))
        .map(str::to_owned)
}

/// # Errors
/// `Internal` when the session layer is missing.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| internal("wiring", format!("no session layer: {e:?}")))
}

#[cfg(test)]
mod tests {
    use std::{fs, path::Path};

    /// A use case is called by pages and by the API alike, so it is handed what the request says
    /// (the user, the host) and never reaches into a page request's context for it: only server
    /// functions, the routes and the API's handlers read a request.
    #[test]
    fn use_cases_never_read_a_page_requests_context() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server");
        let mut folders = vec![root.clone()];
        let mut read = 0;
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(folder).unwrap().flatten() {
                let path = entry.path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    if !["routes", "rest", "auth"].contains(&name.as_str()) {
                        folders.push(path);
                    }
                    continue;
                }
                if ["context.rs", "startup.rs", "site.rs", "auth.rs"].contains(&name.as_str()) {
                    continue;
                }
                let source = fs::read_to_string(&path).unwrap();
                read += 1;
                for reach in ["context::", "leptos_axum::extract", "use_context"] {
                    assert!(!source.contains(reach), "{} uses {reach}", path.display());
                }
            }
        }
        assert!(read > 50, "use case files read: {read}");
    }
}
