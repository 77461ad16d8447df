//! API tokens: made, listed and revoked by their owners (a System admin sees and revokes anyone's),
//! and the check every API request passes. A token acts for its owner as the owner is at that
//! moment: a role change, a deactivation or a revocation counts from the next request, on every
//! instance, because each request reads them.

mod rate_limit;
mod secret;

use time::Duration;

pub use rate_limit::RateLimits;
pub use secret::TokenSecret;

use super::{auth::action_of, db, errors::internal, state::AppState};
use crate::domain::{ApiToken, ApiTokenId, AppError, CreatedApiToken, NewApiToken, Permission, Scope, User};

/// "Last used" is written at most this often, so that a busy token does not write on every request.
const LAST_USED_PRECISION: Duration = Duration::minutes(1);

/// Who an API request acts for: the token's owner as they are now, within the token's scopes.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user: User,
    pub token: ApiTokenId,
    pub scopes: Vec<Scope>,
}

impl Caller {
    /// The owner, when the token has `scope` and the owner's role grants what it needs.
    ///
    /// # Errors
    /// `Forbidden` naming what is missing.
    pub fn require(&self, scope: Scope) -> Result<&User, AppError> {
        if !self.scopes.contains(&scope) {
            return Err(AppError::Forbidden {
                action: format!(
                    "use this API token for {} (it lacks the scope {})",
                    scope.to_string().to_lowercase(),
                    scope.code()
                ),
            });
        }
        let permission = scope.permission();
        if !self.user.role.can(permission) {
            return Err(AppError::Forbidden {
                action: action_of(permission).into(),
            });
        }
        Ok(&self.user)
    }
}

/// Makes a token for `user`; its secret is in the answer and nowhere else.
///
/// # Errors
/// Database failures; no randomness.
pub async fn create(state: &AppState, user: &User, new: &NewApiToken) -> Result<CreatedApiToken, AppError> {
    let secret = TokenSecret::generate().map_err(|e| internal("random", e))?;
    let now = state.config.clock.now();
    let id = db::api_tokens::insert(&state.db, user.id, new, &secret.digest(), &secret.shown(), now).await?;
    let token = db::api_tokens::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(CreatedApiToken {
        token,
        secret: secret.expose().to_owned(),
    })
}

/// The tokens `user` may see: their own, or everyone's for a System admin.
///
/// # Errors
/// Database failures.
pub async fn visible_to(state: &AppState, user: &User) -> Result<Vec<ApiToken>, AppError> {
    let owner = (!sees_all(user)).then_some(user.id);
    Ok(db::api_tokens::list(&state.db, owner).await?)
}

/// Revokes a token at once: its next request is refused.
///
/// # Errors
/// `NotFound` for a token that is not there or not `user`'s to revoke; database failures.
pub async fn revoke(state: &AppState, user: &User, id: ApiTokenId) -> Result<(), AppError> {
    let token = db::api_tokens::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if token.owner != user.id && !sees_all(user) {
        return Err(AppError::NotFound);
    }
    db::api_tokens::delete(&state.db, id).await?;
    Ok(())
}

/// The caller an `Authorization` header names.
///
/// # Errors
/// `InvalidToken` saying why: no or a malformed token (refused before any look-up), an unknown
/// or revoked one, an expired one, or one whose owner was deactivated; `RateLimited` past the
/// token's requests a minute; database failures.
pub async fn authenticate(state: &AppState, authorization: Option<&str>) -> Result<Caller, AppError> {
    let secret = TokenSecret::from_header(authorization)?;
    let (token, owner) = db::api_tokens::by_secret_hash(&state.db, &secret.digest())
        .await?
        .ok_or_else(|| AppError::InvalidToken("This API token was revoked or never existed.".into()))?;
    state.api_rates.admit(token.id)?;
    let now = state.config.clock.now();
    if token.has_expired(now) {
        return Err(AppError::InvalidToken(format!(
            "This API token expired after {}; make a new one.",
            token.last_day().unwrap_or_default()
        )));
    }
    if !owner.active {
        return Err(AppError::InvalidToken(
            "The owner of this API token was deactivated.".into(),
        ));
    }
    if token.last_used_at.is_none_or(|at| at < now - LAST_USED_PRECISION) {
        db::api_tokens::note_use(&state.db, token.id, now, now - LAST_USED_PRECISION).await?;
    }
    Ok(Caller {
        user: owner,
        token: token.id,
        scopes: token.scopes,
    })
}

/// A System admin sees and revokes every user's tokens.
fn sees_all(user: &User) -> bool {
    user.role.can(Permission::ManageUsers)
}
