//! Argon2id hashing, always on the blocking pool: a hash costs tens of milliseconds of CPU.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use std::sync::LazyLock;

use crate::domain::{AppError, Password};
use crate::server::errors::internal;

/// A hash of no one's password, checked when the user name is unknown so that both answers take as long.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"decoy password for unknown users", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

/// # Errors
/// `Internal` if hashing fails.
pub async fn hash_password(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| internal("password_hash", e))
    })
    .await
    .map_err(|e| internal("password_hash", e))?
}

/// Whether `candidate` matches `hash`; with no hash, checks against a decoy and answers false.
///
/// # Errors
/// `Internal` if the blocking task dies.
pub(super) async fn verify(candidate: String, hash: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let stored = hash.unwrap_or_else(|| DECOY_HASH.clone());
        let matches = PasswordHash::new(&stored)
            .map(|parsed| Argon2::default().verify_password(candidate.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        known && matches
    })
    .await
    .map_err(|e| internal("password_hash", e))
}
