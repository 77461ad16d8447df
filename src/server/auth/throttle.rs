//! At most `MAX_FAILURES` failed sign-ins per user name in `WINDOW`; then the name waits.
//! Kept in the database so that every app instance sees the same count.

use sea_orm::ConnectionTrait;

use crate::domain::AppError;
use crate::server::db::{self, sign_in_failures};

pub const MAX_FAILURES: u64 = 5;
const WINDOW_MILLIS: i64 = 60_000;

/// The name failures are counted under: as typed, trimmed and lowercased, whether or not such a user exists.
pub fn key(user_name: &str) -> String {
    user_name.trim().to_lowercase().chars().take(256).collect()
}

/// # Errors
/// `TooManyAttempts` with the seconds until the oldest failure in the window expires.
pub async fn check(db: &impl ConnectionTrait, key: &str) -> Result<(), AppError> {
    let now = db::now_millis();
    let failures = sign_in_failures::since(db, key, now - WINDOW_MILLIS, MAX_FAILURES).await?;
    match failures.last() {
        Some(&oldest) if failures.len() as u64 >= MAX_FAILURES => {
            let wait_millis = (oldest + WINDOW_MILLIS - now).max(1000);
            Err(AppError::TooManyAttempts {
                retry_after_secs: (wait_millis as u64).div_ceil(1000),
            })
        }
        _ => Ok(()),
    }
}

/// # Errors
/// Database failures.
pub async fn record_failure(db: &impl ConnectionTrait, key: &str) -> Result<(), AppError> {
    sign_in_failures::record(db, key, db::now_millis()).await
}

/// Clears the name's count after a good password, and everyone's stale failures.
///
/// # Errors
/// Database failures.
pub async fn forgive(db: &impl ConnectionTrait, key: &str) -> Result<(), AppError> {
    sign_in_failures::clear(db, key, db::now_millis() - WINDOW_MILLIS).await
}
