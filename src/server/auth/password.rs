//! Argon2id hashing, always on the blocking pool: a hash costs tens of milliseconds of CPU and
//! 19 MiB of memory. At most a few run at once, whatever the number of sign-ins arriving: memory
//! stays flat, and the rest wait their turn briefly or are asked to come back.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use std::{sync::LazyLock, time::Duration};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::domain::{AppError, Password};
use crate::server::errors::internal;

/// Hashes that may run at once: one per core, at most four (76 MiB of hashing memory).
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    Semaphore::new(cores.clamp(1, 4))
});
/// How long a password waits for its turn before the answer is "try again".
const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// A hash of no one's password, checked when the user name is unknown so that both answers take as long.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"decoy password for unknown users", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

async fn turn() -> Result<SemaphorePermit<'static>, AppError> {
    match tokio::time::timeout(QUEUE_WAIT, HASHING.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(closed)) => Err(internal("password_hash", closed)),
        Err(_) => Err(AppError::Busy { retry_after_secs: 2 }),
    }
}

/// # Errors
/// `Busy` when too many passwords are being hashed; `Internal` if hashing fails.
pub async fn hash_password(password: Password) -> Result<String, AppError> {
    let permit = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
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
/// `Busy` when too many passwords are being checked; `Internal` if the blocking task dies.
pub(super) async fn verify(candidate: String, hash: Option<String>) -> Result<bool, AppError> {
    let permit = turn().await?;
    tokio::task::spawn_blocking(move || {
        // Held until the hash is done, even if the request that asked for it is gone.
        let _permit = permit;
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
