//! The rendition workers: take a job from the database queue, render on the blocking pool, store
//! the results, record them. Jobs survive restarts; failures of the machine (storage, database)
//! are retried with backoff, a picture that cannot be rendered fails at once with the reason.

use bytes::Bytes;
use std::{sync::Arc, time::Duration};
use tokio::sync::Notify;

use super::{
    db::{
        self,
        renditions::{Job, Made},
    },
    media::{self, RenderError, Rendered},
    state::AppState,
    storage::{ByteStream, ContentKey, HeldFiles, read_to_vec},
};

/// Tries per job before it ends as failed.
pub const MAX_ATTEMPTS: i32 = 3;
/// How long one picture may take to render before its job fails.
const RENDER_TIME_LIMIT: Duration = Duration::from_secs(60);
/// How often an idle worker looks for jobs that other instances queued or whose lease ran out.
const IDLE_POLL: Duration = Duration::from_secs(2);

/// Wakes the workers of this instance when a job is queued.
#[derive(Clone, Debug, Default)]
pub struct JobSignal(Arc<Notify>);

impl JobSignal {
    pub fn notify(&self) {
        self.0.notify_one();
    }
}

/// Starts the configured number of workers.
pub fn spawn_workers(state: &AppState) {
    for _ in 0..state.config.rendition_workers {
        tokio::spawn(work(state.clone()));
    }
}

async fn work(state: AppState) {
    loop {
        match db::renditions::claim(&state.db, state.config.job_lease).await {
            Ok(Some(job)) => run(&state, job).await,
            Ok(None) => {
                tokio::select! {
                    () = state.jobs.0.notified() => {},
                    () = tokio::time::sleep(IDLE_POLL) => {},
                }
            }
            Err(error) => {
                tracing::warn!("cannot read the rendition queue: {error}");
                tokio::time::sleep(IDLE_POLL).await;
            }
        }
    }
}

/// Why one attempt failed.
enum Failure {
    /// The picture itself: trying again gives the same answer.
    Picture(RenderError),
    /// The machine: storage or database trouble, worth another try.
    Machine(String),
}

async fn run(state: &AppState, job: Job) {
    let outcome = if job.attempts > MAX_ATTEMPTS {
        Err(Failure::Machine("the worker stopped during every attempt".to_owned()))
    } else {
        attempt(state, &job).await
    };
    let recorded = match outcome {
        Ok((made, held)) => {
            let keys: Vec<ContentKey> = made
                .iter()
                .filter_map(|m| ContentKey::parse(&m.rendition_key).ok())
                .collect();
            let finished = db::renditions::finish(&state.db, &job, made).await;
            if let Ok(false) = finished {
                remove_unused(state, &keys).await;
            }
            drop(held);
            finished.map(drop)
        }
        Err(Failure::Picture(error)) => db::renditions::fail(&state.db, &job, &error.to_string()).await,
        Err(Failure::Machine(error)) if job.attempts < MAX_ATTEMPTS => {
            tracing::warn!("rendition of {} failed, will retry: {error}", job.content_key);
            let run_after = db::now_millis() + backoff(job.attempts).as_millis() as i64;
            db::renditions::retry(&state.db, &job, &error, run_after).await
        }
        Err(Failure::Machine(error)) => {
            let reason = format!("Gave up after {} attempts: {error}", job.attempts.min(MAX_ATTEMPTS));
            db::renditions::fail(&state.db, &job, &reason).await
        }
    };
    if let Err(error) = recorded {
        // The lease runs out and another attempt follows.
        tracing::warn!("cannot record the rendition job of {}: {error}", job.content_key);
    }
}

/// Renders and stores; what it stored stays locked until it is recorded.
async fn attempt<'s>(state: &'s AppState, job: &Job) -> Result<(Vec<Made>, HeldFiles<'s>), Failure> {
    let machine = |e: &dyn std::fmt::Display| Failure::Machine(e.to_string());
    let key = ContentKey::parse(&job.content_key).map_err(|e| machine(&e))?;
    let size = state
        .storage
        .size(&key)
        .await
        .map_err(|e| machine(&e))?
        .ok_or_else(|| Failure::Machine("the file is missing from storage".to_owned()))?;
    let stream = state.storage.get(&key, None).await.map_err(|e| machine(&e))?;
    let content = read_to_vec(stream, size as usize).await.map_err(|e| machine(&e))?;
    let mut rendering = tokio::task::spawn_blocking(move || media::render(&content));
    let rendered = match tokio::time::timeout(RENDER_TIME_LIMIT, &mut rendering).await {
        Ok(finished) => finished,
        Err(_) => {
            // A decoder cannot be stopped halfway: wait for it before taking more work, so that
            // never more than one picture per worker is in memory.
            let _ = rendering.await;
            return Err(Failure::Picture(RenderError::TooSlow {
                seconds: RENDER_TIME_LIMIT.as_secs(),
            }));
        }
    };
    let rendered = rendered
        .map_err(|e| Failure::Picture(RenderError::Corrupt(format!("the decoder crashed ({e})"))))?
        .map_err(Failure::Picture)?;
    let mut made = Vec::with_capacity(rendered.len());
    let mut staged = Vec::with_capacity(rendered.len());
    for Rendered { kind, jpeg, size } in rendered {
        let bytes = jpeg.len() as u64;
        let body: ByteStream = Box::pin(futures_util::stream::once(async move { Ok(Bytes::from(jpeg)) }));
        let file = state.storage.stage(body, u64::MAX).await.map_err(|e| machine(&e))?;
        made.push(Made {
            kind,
            rendition_key: file.key.as_str().to_owned(),
            size,
            bytes,
        });
        staged.push(file);
    }
    // Another file's identical rendition may be being removed as unused: keep ours under the lock.
    let held = state.file_locks.lock(staged.iter().map(|file| &file.key)).await;
    for file in staged {
        state.storage.keep(file).await.map_err(|e| machine(&e))?;
    }
    Ok((made, held))
}

/// Removes renditions that no one recorded, unless another file's renditions are the same.
/// The caller holds their locks.
async fn remove_unused(state: &AppState, keys: &[ContentKey]) {
    for key in keys {
        match db::assets::content_in_use(&state.db, key.as_str()).await {
            Ok(true) => {}
            Ok(false) => {
                if let Err(error) = state.storage.delete(key).await {
                    tracing::warn!("could not remove unused rendition {key}: {error}");
                }
            }
            Err(error) => tracing::warn!("cannot tell whether rendition {key} is used: {error}"),
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
}
