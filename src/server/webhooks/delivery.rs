//! A delivery's job: one attempt, logged; then done, or another try on the schedule (or when the
//! endpoint's `Retry-After` says), or the endpoint disabled when it answered 410 Gone or has
//! failed for three days.

use std::time::Duration;
use time::OffsetDateTime;

use super::signature::WebhookSecret;
use crate::domain::{AppError, Claimed, TEST_EVENT, WebhookDeliveryId, WebhookEndpointId, retry_after};
use crate::server::{
    db::{
        self,
        webhook_outbox::{AttemptRecord, DELIVERED, FAILED, Outgoing},
    },
    errors::{ServiceError, internal},
    jobs::Failure,
    state::AppState,
};

/// How long an endpoint may fail before it is disabled.
const FAILING_DAYS: i64 = 3;

/// What an attempt means for its delivery and endpoint.
#[derive(Clone)]
enum Verdict {
    Delivered,
    /// Failed; another try follows.
    Retry,
    /// Failed, the last try.
    GiveUp,
    /// Failed, and the endpoint is disabled for this reason.
    Disable(String),
    /// Nothing was sent: the endpoint is disabled.
    NotSent,
}

/// Makes one attempt of `delivery_id`.
///
/// # Errors
/// `Later` with the wait before the next try; database trouble.
pub async fn deliver(state: &AppState, job: &Claimed, delivery_id: i64) -> Result<(), Failure> {
    let delivery = WebhookDeliveryId(delivery_id);
    let Some(outgoing) = db::webhook_outbox::outgoing(&state.db, delivery)
        .await
        .map_err(ServiceError::from)?
    else {
        // The endpoint was removed meanwhile.
        return Ok(());
    };
    if outgoing.done {
        return Ok(());
    }
    let at = OffsetDateTime::now_utc();
    if !outgoing.enabled && outgoing.event != TEST_EVENT {
        let not_sent = AttemptRecord {
            at,
            status: None,
            duration_ms: 0,
            answer: String::new(),
            error: Some("Not sent: the endpoint is disabled.".into()),
        };
        return record(state, delivery, &outgoing, not_sent, Verdict::NotSent)
            .await
            .map(drop);
    }
    let secret = WebhookSecret::parse(&outgoing.secret)
        .map_err(|_| Failure::Permanent(internal("webhook_secret", "a stored webhook secret cannot be read")))?;
    let sent = state
        .webhooks
        .send(&outgoing.url, &outgoing.webhook_id, &secret, outgoing.body.clone())
        .await;
    let attempt = AttemptRecord {
        at,
        status: sent.status,
        duration_ms: u64::try_from(sent.duration.as_millis()).unwrap_or(u64::MAX),
        answer: sent.answer.clone(),
        error: sent.error.clone(),
    };
    if sent.succeeded() {
        return record(state, delivery, &outgoing, attempt, Verdict::Delivered)
            .await
            .map(drop);
    }
    if sent.status == Some(410) {
        let reason = format!("It answered 410 Gone on {}: damson stopped sending to it.", at.date());
        return record(state, delivery, &outgoing, attempt, Verdict::Disable(reason))
            .await
            .map(drop);
    }
    let why = sent
        .error
        .clone()
        .unwrap_or_else(|| format!("It answered {}.", sent.status.unwrap_or_default()));
    let attempts = u32::try_from(job.attempts).unwrap_or(u32::MAX);
    let Some(scheduled) = retry_after(attempts) else {
        return record(state, delivery, &outgoing, attempt, Verdict::GiveUp)
            .await
            .map(drop);
    };
    let failing_since = record(state, delivery, &outgoing, attempt.clone(), Verdict::Retry).await?;
    if failing_since.is_some_and(|since| db::millis_of(at) - since >= FAILING_DAYS * 24 * 3600 * 1000) {
        let reason = format!("It failed for {FAILING_DAYS} days; the last attempt: {why}");
        disable(state, outgoing.endpoint, &reason).await?;
        return Ok(());
    }
    let wait = sent.retry_after.unwrap_or_else(|| with_jitter(scheduled));
    Err(Failure::Later {
        error: AppError::Conflict(format!("The endpoint did not take the message: {why}")),
        wait,
    })
}

/// Logs the attempt and what it means for the delivery and its endpoint, in one unit of work;
/// answers since when the endpoint has been failing (Unix milliseconds).
async fn record(
    state: &AppState,
    delivery: WebhookDeliveryId,
    outgoing: &Outgoing,
    attempt: AttemptRecord,
    verdict: Verdict,
) -> Result<Option<i64>, Failure> {
    let endpoint = outgoing.endpoint;
    db::retried(&state.db, |txn| {
        let (attempt, verdict) = (attempt.clone(), verdict.clone());
        Box::pin(async move {
            let after = match verdict {
                Verdict::Delivered => Some(DELIVERED),
                Verdict::Retry => None,
                Verdict::GiveUp | Verdict::Disable(_) | Verdict::NotSent => Some(FAILED),
            };
            db::webhook_outbox::record_attempt(txn, delivery, endpoint, &attempt, after).await?;
            if let Verdict::Disable(reason) = &verdict {
                db::webhooks::set_enabled(txn, endpoint, false, Some(reason)).await?;
                return Ok(None);
            }
            if matches!(verdict, Verdict::NotSent) {
                return Ok(None);
            }
            if matches!(verdict, Verdict::Delivered) {
                db::webhook_outbox::note_success(txn, endpoint).await?;
                return Ok(None);
            }
            db::webhook_outbox::note_failure(txn, endpoint, attempt.at).await
        })
    })
    .await
    .map_err(|error: sea_orm::DbErr| Failure::from(ServiceError::from(error)))
}

async fn disable(state: &AppState, endpoint: WebhookEndpointId, reason: &str) -> Result<(), Failure> {
    db::webhooks::set_enabled(&state.db, endpoint, false, Some(reason))
        .await
        .map(drop)
        .map_err(|error| Failure::from(ServiceError::from(error)))
}

/// A tenth either way, so that the retries of many deliveries that failed together spread out.
fn with_jitter(wait: Duration) -> Duration {
    let mut byte = [0u8; 1];
    if wait.is_zero() || getrandom::fill(&mut byte).is_err() {
        return wait;
    }
    let factor = 0.9 + 0.2 * f64::from(byte[0]) / 255.0;
    wait.mul_f64(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_within_a_tenth() {
        for _ in 0..50 {
            let wait = with_jitter(Duration::from_secs(300));
            assert!((270..=330).contains(&wait.as_secs()), "{wait:?}");
        }
        assert_eq!(with_jitter(Duration::ZERO), Duration::ZERO);
    }
}
