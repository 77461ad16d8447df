//! Who is asking, and may they: sign-in, sessions and the one access guard for every request.

mod guard;
mod password;
mod throttle;

pub use guard::guard;
pub use password::hash_password;

use tower_sessions::Session;

use super::{db, state::AppState};
use crate::domain::{AppError, Permission, User, UserId};

/// The session key under which the signed-in user's id is kept.
const USER_ID_KEY: &str = "user_id";

/// The user the guard found for a request (`None`: anonymous). Kept in request extensions.
#[derive(Clone, Debug)]
pub struct SignedIn(pub Option<User>);

/// Checks the password, then starts a fresh session for the user.
///
/// # Errors
/// `TooManyAttempts` while the name is locked, `WrongCredentials` for an unknown name or a wrong
/// password alike, `Forbidden` for a deactivated user who knew the password.
pub async fn sign_in(state: &AppState, session: &Session, user_name: &str, password: &str) -> Result<User, AppError> {
    let key = throttle::key(user_name);
    throttle::check(&state.db, &key).await?;
    let credentials = db::users::find_credentials(&state.db, &key).await?;
    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = password::verify(password.to_owned(), hash).await?;
    let Some(credentials) = credentials.filter(|_| matches) else {
        throttle::record_failure(&state.db, &key).await?;
        return Err(AppError::WrongCredentials);
    };
    throttle::forgive(&state.db, &key).await?;
    if !credentials.user.active {
        return Err(AppError::Forbidden {
            action: "sign in: this account is deactivated".into(),
        });
    }
    // A new id on sign-in, so a session id planted before cannot be ridden.
    session.cycle_id().await?;
    session.insert(USER_ID_KEY, credentials.user.id.0).await?;
    Ok(credentials.user)
}

/// Ends the session and removes it from the store.
///
/// # Errors
/// The store cannot be reached.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    Ok(session.flush().await?)
}

/// The active user behind a session, if any.
///
/// # Errors
/// The store or the database cannot be reached.
pub async fn session_user(state: &AppState, session: &Session) -> Result<Option<User>, AppError> {
    let Some(id) = session.get::<i64>(USER_ID_KEY).await? else {
        return Ok(None);
    };
    Ok(db::users::find(&state.db, UserId(id)).await?.filter(|user| user.active))
}

/// Where to go after signing in: only paths on this site, never another origin.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_owned(),
        _ => "/assets".to_owned(),
    }
}

/// The words a refusal uses for each permission.
pub fn action_of(permission: Permission) -> &'static str {
    match permission {
        Permission::View => "view assets",
        Permission::Manage => "manage assets",
        Permission::ManageUsers => "manage users",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/users?x=1")), "/users?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/assets");
        assert_eq!(safe_next(Some("https://evil.example")), "/assets");
        assert_eq!(safe_next(Some("/\\evil.example")), "/assets");
        assert_eq!(safe_next(None), "/assets");
    }
}
