//! A delivery's job: one attempt, logged; then done, or another try on the schedule (or when the
//! endpoint's `Retry-After` says), or the endpoint disabled when it answered 410 Gone or has
//! failed for three days.

use std::time::Duration;
use time::OffsetDateTime;

use super::{sender::Sent, signature::WebhookSecret};
use crate::domain::{AppError, Claimed, TEST_EVENT, WebhookDeliveryId, retry_after};
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
        return record(state, delivery, &outgoing, not_sent, Verdict::NotSent).await;
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
    let attempts = u32::try_from(job.attempts).unwrap_or(u32::MAX);
    let (verdict, wait) = judge(&sent, attempts, outgoing.failing_since, db::millis_of(at));
    record(state, delivery, &outgoing, attempt, verdict.clone()).await?;
    match (verdict, wait) {
        (Verdict::Retry, Some(wait)) => Err(Failure::Later {
            error: AppError::Conflict(format!("The endpoint did not take the message: {}", why(&sent))),
            wait,
        }),
        _ => Ok(()),
    }
}

/// What an attempt's answer means, and the wait before the next try when there is one:
/// delivered; the endpoint disabled when it answered 410 Gone or has failed for three days; given
/// up when the schedule ends; else tried again after the schedule's wait, or the endpoint's
/// `Retry-After`.
fn judge(sent: &Sent, attempts: u32, failing_since: Option<i64>, now: i64) -> (Verdict, Option<Duration>) {
    if sent.succeeded() {
        return (Verdict::Delivered, None);
    }
    if sent.status == Some(410) {
        let day = db::instant_of(now).map(|at| at.date().to_string()).unwrap_or_default();
        return (
            Verdict::Disable(format!("It answered 410 Gone on {day}: damson stopped sending to it.")),
            None,
        );
    }
    if failing_since.is_some_and(|since| now - since >= FAILING_DAYS * 24 * 3600 * 1000) {
        let reason = format!("It failed for {FAILING_DAYS} days; the last attempt: {}", why(sent));
        return (Verdict::Disable(reason), None);
    }
    match retry_after(attempts) {
        Some(scheduled) => (
            Verdict::Retry,
            Some(sent.retry_after.unwrap_or_else(|| with_jitter(scheduled))),
        ),
        None => (Verdict::GiveUp, None),
    }
}

fn why(sent: &Sent) -> String {
    sent.error
        .clone()
        .unwrap_or_else(|| format!("It answered {}.", sent.status.unwrap_or_default()))
}

/// Logs the attempt and what it means for the delivery and its endpoint, in one unit of work.
async fn record(
    state: &AppState,
    delivery: WebhookDeliveryId,
    outgoing: &Outgoing,
    attempt: AttemptRecord,
    verdict: Verdict,
) -> Result<(), Failure> {
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
            match &verdict {
                Verdict::Disable(reason) => db::webhooks::set_enabled(txn, endpoint, false, Some(reason))
                    .await
                    .map(drop),
                Verdict::NotSent => Ok(()),
                Verdict::Delivered => db::webhook_outbox::note_success(txn, endpoint).await,
                Verdict::Retry | Verdict::GiveUp => db::webhook_outbox::note_failure(txn, endpoint, attempt.at).await,
            }
        })
    })
    .await
    .map_err(|error: sea_orm::DbErr| Failure::from(ServiceError::from(error)))
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

    #[test]
    fn an_answer_decides_the_delivery_and_the_endpoint() {
        let answered = |status: u16, retry_after: Option<u64>| Sent {
            status: Some(status),
            retry_after: retry_after.map(Duration::from_secs),
            ..Sent::default()
        };
        let now = 1_765_000_000_000;
        let day = 24 * 3600 * 1000;
        assert_eq!(
            judge(&answered(204, None), 1, Some(now - 5 * day), now),
            (Verdict::Delivered, None)
        );
        let (gone, _) = judge(&answered(410, None), 1, None, now);
        assert!(
            matches!(&gone, Verdict::Disable(reason) if reason.contains("410 Gone")),
            "{gone:?}"
        );
        let (verdict, wait) = judge(&answered(500, None), 1, Some(now - day), now);
        assert_eq!(verdict, Verdict::Retry);
        assert!((4500..=5500).contains(&wait.unwrap().as_millis()), "{wait:?}");
        assert_eq!(
            judge(&answered(503, Some(1)), 2, None, now),
            (Verdict::Retry, Some(Duration::from_secs(1)))
        );
        let (tired, _) = judge(&answered(500, None), 5, Some(now - 3 * day), now);
        assert!(
            matches!(&tired, Verdict::Disable(reason) if reason.contains("3 days") && reason.contains("500")),
            "{tired:?}"
        );
        let unreachable = Sent {
            error: Some("Not delivered: connection refused".into()),
            ..Sent::default()
        };
        assert_eq!(judge(&unreachable, 9, Some(now - 2 * day), now).0, Verdict::GiveUp);
    }
}
