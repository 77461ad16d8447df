//! Each token may make `per_minute` requests a minute on each instance, in bursts of up to that
//! many: a bucket per token that refills evenly. Buckets full again are forgotten, so the memory
//! held follows the tokens in use, not all there are.

use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
};

use crate::domain::{ApiTokenId, AppError};

/// Past this many tokens remembered, those whose bucket has refilled are forgotten.
const TRACKED_BEFORE_SWEEP: usize = 10_000;

pub struct RateLimits {
    per_minute: u32,
    buckets: Mutex<HashMap<ApiTokenId, Bucket>>,
}

struct Bucket {
    left: f64,
    at: Instant,
}

impl RateLimits {
    pub fn new(per_minute: u32) -> Self {
        RateLimits {
            per_minute: per_minute.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request of `token`'s.
    ///
    /// # Errors
    /// `RateLimited`, with the seconds until its next request is let through.
    pub fn admit(&self, token: ApiTokenId) -> Result<(), AppError> {
        self.admit_at(token, Instant::now())
    }

    fn admit_at(&self, token: ApiTokenId, now: Instant) -> Result<(), AppError> {
        let full = f64::from(self.per_minute);
        let per_second = full / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= TRACKED_BEFORE_SWEEP {
            buckets.retain(|_, bucket| now.duration_since(bucket.at) < Duration::from_secs(60));
        }
        let bucket = buckets.entry(token).or_insert(Bucket { left: full, at: now });
        bucket.left = (bucket.left + now.duration_since(bucket.at).as_secs_f64() * per_second).min(full);
        bucket.at = now;
        if bucket.left >= 1.0 {
            bucket.left -= 1.0;
            return Ok(());
        }
        let wait = ((1.0 - bucket.left) / per_second).ceil() as u64;
        Err(AppError::RateLimited {
            retry_after_secs: wait.max(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_gets_its_burst_then_waits_for_the_bucket_to_refill() {
        let limits = RateLimits::new(60);
        let (token, other) = (ApiTokenId(1), ApiTokenId(2));
        let start = Instant::now();
        for _ in 0..60 {
            limits.admit_at(token, start).unwrap();
        }
        assert_eq!(
            limits.admit_at(token, start),
            Err(AppError::RateLimited { retry_after_secs: 1 })
        );
        limits.admit_at(other, start).expect("each token has its own bucket");
        limits
            .admit_at(token, start + Duration::from_secs(1))
            .expect("one request a second at 60 a minute");
        assert!(limits.admit_at(token, start + Duration::from_secs(1)).is_err());
    }
}
