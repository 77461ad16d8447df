//! The one check every request passes: who is asking, and may they reach this path.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{SignedIn, action_of, keep_alive, session_user};
use crate::domain::{ApiAccess, AppError, paths};
use crate::server::state::AppState;

/// Loads the signed-in user into the request, enforces each server function's access prefix,
/// and sends anonymous visitors of a page to Sign in (and back afterwards).
pub async fn guard(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    let user = match session_user(&state, &session).await {
        Ok(user) => user,
        Err(error) => return error.into_response(),
    };
    if user.is_some()
        && let Err(error) = keep_alive(&session, state.config.session_lifetime, &state.config.clock).await
    {
        return error.into_response();
    }
    let path = request.uri().path();
    if paths::is_api(path) {
        let refusal = match (ApiAccess::of_path(path), &user) {
            // Fail closed: a server function without a known prefix serves no one.
            (None, _) => Some(AppError::NotFound),
            (Some(ApiAccess::Public), _) => None,
            (Some(ApiAccess::Requires(_)), None) => Some(AppError::Unauthenticated),
            (Some(ApiAccess::Requires(permission)), Some(user)) => {
                (!user.role.can(permission)).then(|| AppError::Forbidden {
                    action: action_of(permission).into(),
                })
            }
        };
        if let Some(error) = refusal {
            return error.into_response();
        }
    } else if user.is_none() && is_page_behind_sign_in(path, &state.leptos_options.site_pkg_dir) {
        let next = request.uri().path_and_query().map_or(path, |p| p.as_str());
        let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        return Redirect::to(&paths::sign_in_then(&next)).into_response();
    }
    request.extensions_mut().insert(SignedIn(user));
    next.run(request).await
}

/// Pages need a signed-in user; sign-in itself, health checks, the browser's bundle (served from
/// `bundle_dir`), public files and public links (which check their own asset's availability) do not.
fn is_page_behind_sign_in(path: &str, bundle_dir: &str) -> bool {
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    let in_bundle = path
        .strip_prefix('/')
        .and_then(|path| path.strip_prefix(bundle_dir))
        .is_some_and(|rest| rest.starts_with('/'));
    let open = path == paths::SIGN_IN
        || path == paths::HEALTH
        || in_bundle
        || paths::is_shared_link(path)
        || last_segment.contains('.');
    !open
}

#[cfg(test)]
mod tests {
    use super::is_page_behind_sign_in;

    #[test]
    fn pages_need_sign_in_but_files_and_sign_in_do_not() {
        let behind = |path| is_page_behind_sign_in(path, "pkg");
        assert!(behind("/assets"));
        assert!(behind("/assets/12"));
        assert!(behind("/"));
        assert!(behind("/pkgs"));
        assert!(!behind("/sign-in"));
        assert!(!behind("/pkg/damson.js"));
        assert!(!behind("/pkg/chunks/details"));
        assert!(!behind("/favicon.ico"));
        assert!(!behind("/healthz"));
        assert!(!behind("/static/0123abcd/README"));
        assert!(!behind("/public/0123abcd/shoe.jpg"));
    }
}
