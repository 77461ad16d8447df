//! `Idempotency-Key`: a POST that creates something, sent again with the same key and the same
//! request within a day, gets the first answer and creates nothing twice — a client retrying after
//! a timeout must not get two assets. Keys are per token. Only answers that did something are
//! kept: a refusal changed nothing, so sending it again simply runs again.

use sha2::{Digest, Sha256};
use time::Duration;

use super::{
    db::{
        self,
        idempotent_requests::{IdempotentRequest, KeptAnswer},
    },
    random,
    state::AppState,
};
use crate::domain::{ApiTokenId, AppError};

/// How long a key's first answer is given again.
pub const KEPT_FOR: Duration = Duration::hours(24);
/// A first request with no answer after this long was cut off (its instance stopped): its key is
/// free again. No request of the API takes this long.
const ABANDONED_AFTER: Duration = Duration::hours(1);
/// The longest key.
const MAX_KEY_CHARS: usize = 255;

/// What a request with a key does.
pub enum Claim {
    /// It is the first: run it, then `keep` its answer (or `release` the key).
    First { id: i64, created_at: i64 },
    /// It was answered: give this answer again, once the body is the first one's (`same_body`).
    Answered(KeptAnswer),
}

/// Claims `key` for a request whose method, address and body's type and length hash to
/// `request_hash` (`request_hash`).
///
/// # Errors
/// `Validation` for a key that is not one or that named a different request, `Conflict` while the
/// first request with it is on its way; database failures.
pub async fn claim(state: &AppState, token: ApiTokenId, key: &str, request_hash: &str) -> Result<Claim, AppError> {
    if key.is_empty() || key.chars().count() > MAX_KEY_CHARS || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::Validation(format!(
            "Idempotency-Key is 1 to {MAX_KEY_CHARS} visible ASCII characters, such as a UUID."
        )));
    }
    // Twice: once more after a stale claim is removed.
    for _ in 0..2 {
        let now = db::millis_of(state.config.clock.now());
        if let Some(id) = db::idempotent_requests::claim(&state.db, token, key, request_hash, now).await? {
            return Ok(Claim::First { id, created_at: now });
        }
        let Some(claimed) = db::idempotent_requests::find(&state.db, token, key).await? else {
            continue;
        };
        if is_stale(&claimed, now) {
            db::idempotent_requests::delete(&state.db, claimed.id, claimed.created_at).await?;
            continue;
        }
        if claimed.request_hash != request_hash {
            return Err(reused());
        }
        return match claimed.answer {
            Some(answer) => Ok(Claim::Answered(answer)),
            None => Err(AppError::Conflict(
                "The first request with this Idempotency-Key is on its way; send it again once that one has its answer."
                    .into(),
            )),
        };
    }
    Err(AppError::Conflict(
        "This Idempotency-Key is being claimed by another request; send it again.".into(),
    ))
}

fn is_stale(claimed: &IdempotentRequest, now: i64) -> bool {
    let age = now - claimed.created_at;
    let limit = if claimed.answer.is_some() {
        KEPT_FOR
    } else {
        ABANDONED_AFTER
    };
    age > i64::try_from(limit.whole_milliseconds()).unwrap_or(i64::MAX)
}

fn reused() -> AppError {
    AppError::Validation(
        "This Idempotency-Key was sent with a different request; a new request needs a new key.".into(),
    )
}

/// The hash a request's method, address, and body's type and length make.
pub fn request_hash(method: &str, address: &str, content_type: &str, content_length: &str) -> String {
    let mut hash = Sha256::new();
    for part in [method, address, content_type, content_length] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    random::hex(&hash.finalize())
}

/// Refuses a body other than the first request's (its SHA-256 in hex); a first request that read
/// no body (an empty hash) takes any.
///
/// # Errors
/// `Validation`.
pub fn same_body(answer: &KeptAnswer, body_hash: &str) -> Result<(), AppError> {
    let empty = random::hex(&Sha256::digest(b""));
    if answer.body_hash == empty || answer.body_hash == body_hash {
        Ok(())
    } else {
        Err(reused())
    }
}

/// Keeps the first request's answer, to give again.
///
/// # Errors
/// Database failures.
pub async fn keep(state: &AppState, id: i64, answer: &KeptAnswer) -> Result<(), AppError> {
    Ok(db::idempotent_requests::keep_answer(&state.db, id, answer).await?)
}

/// Frees the key of a first request that did nothing (it was refused).
///
/// # Errors
/// Database failures.
pub async fn release(state: &AppState, id: i64, created_at: i64) -> Result<(), AppError> {
    Ok(db::idempotent_requests::delete(&state.db, id, created_at).await?)
}

/// Forgets the keys older than a day; how many.
///
/// # Errors
/// Database failures.
pub async fn forget_old(state: &AppState) -> Result<u64, AppError> {
    let before = db::millis_of(state.config.clock.now() - KEPT_FOR);
    Ok(db::idempotent_requests::delete_older(&state.db, before).await?)
}
