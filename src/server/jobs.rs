//! Background work: one queue in the database (`db::jobs`), a few workers per instance. A job's
//! kind is a serde enum; a worker claims a due job with a lease that a heartbeat renews while it
//! runs, so a job whose worker died is taken again within seconds and a long job is never taken
//! from a live one. Trouble with the machine (storage, database) is retried with backoff; a job
//! that cannot succeed, or that panics, fails alone and the worker goes on.

mod cleanup;
mod renditions;

pub use cleanup::enqueue_sweep;

use futures_util::FutureExt;
use std::{panic::AssertUnwindSafe, sync::Arc, time::Duration};
use tokio::sync::Notify;

pub use crate::domain::{Claimed, JobKind, rendition_key};

use super::{
    db,
    errors::{ServiceError, internal},
    state::AppState,
};
use crate::domain::AppError;

/// Tries per job before it ends as failed.
pub const MAX_ATTEMPTS: i32 = 3;
/// How often an idle worker looks for jobs that other instances queued or whose lease ran out.
const IDLE_POLL: Duration = Duration::from_secs(2);

/// Why one attempt failed, as the job keeps it: the error's code and the message a person reads.
#[derive(Debug)]
pub enum Failure {
    /// The job itself: trying again gives the same answer.
    Permanent(AppError),
    /// The machine: storage or database trouble, worth another try.
    Retry(AppError),
    /// Not done yet: another try after `wait` (a webhook endpoint's schedule of retries).
    Later { error: AppError, wait: Duration },
}

impl Failure {
    /// Trouble with the machine: the detail is logged, the job keeps `code`.
    pub fn machine(code: &str, detail: impl std::fmt::Display) -> Failure {
        Failure::Retry(internal(code, detail))
    }
}

impl From<ServiceError> for Failure {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Refused(refusal) => Failure::Permanent(refusal),
            failure => Failure::Retry(failure.into()),
        }
    }
}

/// Wakes the workers of this instance when a job is queued.
#[derive(Clone, Debug, Default)]
pub struct JobSignal(Arc<Notify>);

impl JobSignal {
    pub fn notify(&self) {
        self.0.notify_one();
    }
}

/// Starts the configured number of workers, queues a look for files a crash left behind, sums
/// up the kept counts and refreshes the planner's statistics every hour, and removes uploads left
/// idle for a day.
pub fn spawn_workers(state: &AppState) {
    if state.config.rendition_workers == 0 {
        return;
    }
    for _ in 0..state.config.rendition_workers {
        tokio::spawn(work(state.clone()));
    }
    tokio::spawn(sweep_daily(state.clone()));
    tokio::spawn(upkeep_hourly(state.clone()));
    tokio::spawn(remove_idle_uploads_hourly(state.clone()));
}

/// Removes the uploads nobody sent a chunk to for a day (`uploads::remove_idle`), the API's
/// day-old idempotency keys and the webhook messages of a month ago, from start on.
async fn remove_idle_uploads_hourly(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        match crate::server::uploads::remove_idle(&state).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!("removed {removed} uploads nobody finished in a day"),
            Err(error) => tracing::warn!("cannot remove idle uploads: {error}"),
        }
        if let Err(error) = crate::server::idempotency::forget_old(&state).await {
            tracing::warn!("cannot forget day-old idempotency keys: {error}");
        }
        if let Err(error) = crate::server::webhooks::endpoints::forget_old(&state).await {
            tracing::warn!("cannot forget the webhook messages of a month ago: {error}");
        }
    }
}

/// Forgets the search index's change log older than a day (every instance has long followed it),
/// and refreshes the statistics of tables that grew or shrank tenfold (`db::keep_statistics`). The
/// first time is an hour after start: `connection::connect_and_migrate` has just refreshed them.
async fn upkeep_hourly(state: AppState) {
    let hour = Duration::from_secs(3600);
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + hour, hour);
    loop {
        every.tick().await;
        let day_ago = db::now_millis() - 24 * 3600 * 1000;
        if let Err(error) = db::search_facts::forget_before(&state.db, day_ago).await {
            tracing::warn!("cannot forget the search index's old changes: {error}");
        }
        if let Err(error) = db::keep_statistics(&state.db).await {
            tracing::warn!("cannot refresh the planner's statistics: {error}");
        }
    }
}

async fn sweep_daily(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(24 * 3600));
    loop {
        every.tick().await;
        if let Err(error) = enqueue_sweep(&state.db).await {
            tracing::warn!("cannot queue the storage sweep: {error}");
        }
        state.jobs.notify();
    }
}

async fn work(state: AppState) {
    loop {
        match db::jobs::claim(&state.db, state.config.job_lease).await {
            Ok(Some(job)) => run(&state, job).await,
            Ok(None) => {
                tokio::select! {
                    () = state.jobs.0.notified() => {},
                    () = tokio::time::sleep(IDLE_POLL) => {},
                }
            }
            Err(error) => {
                tracing::warn!("cannot read the job queue: {error}");
                tokio::time::sleep(IDLE_POLL).await;
            }
        }
    }
}

async fn run(state: &AppState, job: Claimed) {
    let heartbeat = tokio::spawn(beat(state.clone(), job.clone()));
    let outcome = if job.attempts > job.kind.max_attempts(MAX_ATTEMPTS) {
        Err(Failure::machine(
            "job_stopped",
            "the worker stopped during every attempt",
        ))
    } else {
        guarded(perform(state, &job)).await
    };
    heartbeat.abort();
    let recorded = match outcome {
        Ok(()) => db::jobs::complete(&state.db, &job, job.kind.keeps_record())
            .await
            .map(drop),
        Err(Failure::Permanent(error)) => db::jobs::fail(&state.db, &job, &error, None).await,
        Err(Failure::Retry(error)) if job.attempts < MAX_ATTEMPTS => {
            tracing::warn!("job {} ({:?}) failed, will retry: {error}", job.id, job.kind);
            let run_after = db::now_millis() + backoff(job.attempts).as_millis() as i64;
            db::jobs::retry(&state.db, &job, &error, run_after).await
        }
        Err(Failure::Later { error, wait }) => {
            let run_after = db::now_millis() + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
            db::jobs::retry(&state.db, &job, &error, run_after).await
        }
        Err(Failure::Retry(error)) => {
            let why = format!("Gave up after {} attempts", job.attempts.min(MAX_ATTEMPTS));
            db::jobs::fail(&state.db, &job, &error, Some(&why)).await
        }
    };
    if let Err(error) = recorded {
        // The lease runs out and another attempt follows.
        tracing::warn!("cannot record the outcome of job {}: {error}", job.id);
    }
}

async fn perform(state: &AppState, job: &Claimed) -> Result<(), Failure> {
    match &job.kind {
        JobKind::Rendition { content_key, mime } => renditions::render(state, job, content_key, mime).await,
        JobKind::RemoveIfUnused { content_key } => cleanup::remove_if_unused(state, content_key).await,
        JobKind::SweepStorage => cleanup::sweep(state).await,
        JobKind::BulkChange { bulk_change_id } => {
            match super::bulk_changes::run(state, crate::domain::BulkChangeId(*bulk_change_id)).await {
                Ok(()) | Err(AppError::NotFound) => Ok(()),
                // The change's refusals are recorded asset by asset: what reaches here is trouble.
                Err(error) => Err(Failure::Retry(error)),
            }
        }
        JobKind::UploadImport { import_id } => super::mass_import::run(state, *import_id).await.map_err(Failure::Retry),
        JobKind::WebhookDelivery { delivery_id } => super::webhooks::deliver(state, job, *delivery_id).await,
        JobKind::Unreadable { reason } => Err(Failure::Permanent(internal(
            "unknown_job",
            format!("job {} is of a kind this damson does not know: {reason}", job.id),
        ))),
    }
}

/// Runs a job so that a panic in it fails the job, not the worker.
async fn guarded(job: impl Future<Output = Result<(), Failure>>) -> Result<(), Failure> {
    match AssertUnwindSafe(job).catch_unwind().await {
        Ok(outcome) => outcome,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_owned());
            Err(Failure::Permanent(internal(
                "job_panicked",
                format!("a job panicked: {message}"),
            )))
        }
    }
}

/// Renews the lease while the job runs: a third of it at a time.
async fn beat(state: AppState, job: Claimed) {
    let lease = state.config.job_lease;
    loop {
        tokio::time::sleep(lease / 3).await;
        match db::jobs::extend_lease(&state.db, &job, lease).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(error) => tracing::warn!("cannot renew the lease of job {}: {error}", job.id),
        }
    }
}

/// The wait before attempt `attempts + 1`: 5 s, then 20 s, then 80 s.
pub fn backoff(attempts: i32) -> Duration {
    Duration::from_secs(5 * 4u64.pow(attempts.clamp(1, 6) as u32 - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time() {
        assert_eq!(
            [1, 2, 3].map(backoff),
            [Duration::from_secs(5), Duration::from_secs(20), Duration::from_secs(80)]
        );
    }

    #[tokio::test]
    async fn a_panicking_job_fails_for_good_with_a_code_and_the_caller_goes_on() {
        let outcome = guarded(async { panic!("the decoder fell over") }).await;
        assert!(
            matches!(&outcome, Err(Failure::Permanent(error)) if error.code() == "job_panicked"),
            "{outcome:?}"
        );
        assert!(guarded(async { Ok(()) }).await.is_ok());
    }

    #[test]
    fn kinds_are_stored_as_stable_json() {
        let kind = JobKind::Rendition {
            content_key: "ab".into(),
            mime: "image/png".into(),
        };
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, r#"{"rendition":{"content_key":"ab","mime":"image/png"}}"#);
        assert_eq!(serde_json::from_str::<JobKind>(&json).unwrap(), kind);
        assert_eq!(
            serde_json::to_string(&JobKind::SweepStorage).unwrap(),
            r#""sweep_storage""#
        );
    }
}
