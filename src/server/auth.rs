//! Who is asking, and may they: sign-in, sessions and the one access guard for every request.

mod cross_site;
mod guard;
mod password;
mod throttle;
mod typed_text;

pub use cross_site::refuse_cross_site;
pub use guard::guard;
pub use password::hash_password;
pub use typed_text::refuse_nul;

use tower_sessions::Session;

use super::{clock::Clock, db, state::AppState};
use crate::domain::{AppError, Permission, User, UserId, paths};

use db::sessions::USER_ID_KEY;

/// The session key of when the session was last kept alive (Unix milliseconds).
const SEEN_AT_KEY: &str = "seen_at";

/// The user the guard found for a request (`None`: anonymous). Kept in request extensions.
#[derive(Clone, Debug)]
pub struct SignedIn(pub Option<User>);

impl SignedIn {
    /// The user, when their role grants `permission`.
    ///
    /// # Errors
    /// `Unauthenticated` when nobody is signed in, `Forbidden` when the role does not grant it.
    pub fn authorize(self, permission: Permission) -> Result<User, AppError> {
        let user = self.0.ok_or(AppError::Unauthenticated)?;
        if user.role.can(permission) {
            Ok(user)
        } else {
            Err(AppError::Forbidden {
                action: action_of(permission).into(),
            })
        }
    }
}

/// Checks the password, then starts a fresh session for the user.
///
/// # Errors
/// `TooManyAttempts` while the name is locked, `Busy` when too many passwords are being checked,
/// `WrongCredentials` for an unknown name or a wrong password alike, `Forbidden` for a deactivated
/// user who knew the password.
pub async fn sign_in(state: &AppState, session: &Session, user_name: &str, password: &str) -> Result<User, AppError> {
    let key = throttle::key(user_name);
    let attempt = throttle::attempt(&state.db, &key).await?;
    let credentials = db::users::find_credentials(&state.db, &key).await?;
    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = match password::verify(password.to_owned(), hash).await {
        Ok(matches) => matches,
        Err(error) => {
            throttle::withdraw(&state.db, attempt).await?;
            return Err(error);
        }
    };
    // A wrong password leaves the attempt counted as a failure.
    let Some(credentials) = credentials.filter(|_| matches) else {
        return Err(AppError::WrongCredentials);
    };
    throttle::forgive(&state.db, attempt).await?;
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

/// Keeps a signed-in user's session alive: the idle lifetime starts again from this request. Written
/// at most every eighth of the lifetime (and at least every minute), not on every request.
///
/// # Errors
/// The store cannot be reached.
pub async fn keep_alive(session: &Session, lifetime: std::time::Duration, clock: &Clock) -> Result<(), AppError> {
    let now = clock.now_millis();
    let every = (lifetime / 8).min(std::time::Duration::from_secs(60)).as_millis() as i64;
    let seen_at = session.get::<i64>(SEEN_AT_KEY).await?.unwrap_or(0);
    if now - seen_at >= every {
        session.insert(SEEN_AT_KEY, now).await?;
    }
    Ok(())
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

/// Where to go after signing in: a path on this site, or the Assets page. Browsers drop tabs and
/// line breaks from addresses (`/\t/evil.example` becomes `//evil.example`, another site) and a
/// line break cannot go into a header at all, so a `next` with any control or space character,
/// or one that names another host, is not followed.
pub fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = paths::ASSETS;
    let Some(path) = next else {
        return HOME.to_owned();
    };
    let on_this_site = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_control() || c.is_whitespace());
    if on_this_site { path.to_owned() } else { HOME.to_owned() }
}

/// The words a refusal uses for each permission.
pub fn action_of(permission: Permission) -> &'static str {
    match permission {
        Permission::View => "view assets",
        Permission::Manage => "manage assets",
        Permission::ManageUsers => "manage users",
        Permission::ManageCatalog => "manage products and catalogs",
        Permission::ManageSettings => "change damson's settings",
        Permission::ManageIntegrations => "manage webhooks",
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

    #[test]
    fn next_with_control_or_space_characters_goes_home() {
        for hostile in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/assets\r\nSet-Cookie: x=1",
            "/ /evil",
            "/\u{a0}/x",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/assets", "{hostile:?}");
        }
    }
}
