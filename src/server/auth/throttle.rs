//! At most `MAX_FAILURES` failed sign-ins per user name in `WINDOW`; then the name waits.
//! Kept in the database so that every app instance sees the same count.
//!
//! An attempt is written down before its password is checked and counted after, so fifty guesses
//! sent at once cannot all pass a check that none of them has been counted in yet: each sees at
//! the attempts written before it (and not those after), so exactly the first `MAX_FAILURES` go on
//! to be checked.

use sea_orm::ConnectionTrait;

use crate::domain::AppError;
use crate::server::db::{self, sign_in_failures};

pub const MAX_FAILURES: u64 = 5;
const WINDOW_MILLIS: i64 = 60_000;

/// The name failures are counted under: as typed, trimmed and lowercased, without control
/// characters (PostgreSQL cannot store a NUL), whether or not such a user exists.
pub fn key(user_name: &str) -> String {
    user_name
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .take(256)
        .collect()
}

/// An attempt that was counted and may go on to have its password checked. Unless `forgive`n, it
/// stays counted as a failure.
pub struct Attempt {
    key: String,
    id: i64,
}

/// Counts an attempt for `key`.
///
/// # Errors
/// `TooManyAttempts`, with the seconds until the oldest counted failure leaves the window, when the
/// name has had its share; the refused attempt is not counted. Database failures.
pub async fn attempt(db: &impl ConnectionTrait, key: &str) -> Result<Attempt, AppError> {
    let now = db::now_millis();
    let since = now - WINDOW_MILLIS;
    let id = sign_in_failures::record(db, key, now).await?;
    if sign_in_failures::count_up_to(db, key, since, id).await? <= MAX_FAILURES {
        return Ok(Attempt {
            key: key.to_owned(),
            id,
        });
    }
    sign_in_failures::remove(db, id).await?;
    let oldest = sign_in_failures::oldest_since(db, key, since).await?.unwrap_or(now);
    let wait_millis = (oldest + WINDOW_MILLIS - now).max(1000);
    Err(AppError::TooManyAttempts {
        retry_after_secs: (wait_millis as u64).div_ceil(1000),
    })
}

/// Takes back an attempt whose password could not be checked (the server was too busy).
///
/// # Errors
/// Database failures.
pub async fn withdraw(db: &impl ConnectionTrait, attempt: Attempt) -> Result<(), AppError> {
    Ok(sign_in_failures::remove(db, attempt.id).await?)
}

/// Clears the name's count after a good password, and everyone's stale failures.
///
/// # Errors
/// Database failures.
pub async fn forgive(db: &impl ConnectionTrait, attempt: Attempt) -> Result<(), AppError> {
    Ok(sign_in_failures::clear(db, &attempt.key, db::now_millis() - WINDOW_MILLIS).await?)
}
