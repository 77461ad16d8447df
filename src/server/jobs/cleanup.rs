//! Stored files that nothing uses any more go, but only after a second look. Deleting an asset
//! removes its unused files at once; a crash (between storing an upload and recording it, or
//! between deleting rows and files) can leave some behind. A sweep, queued at every start and
//! daily, finds files no version and no rendition uses, and queues a removal that runs after the
//! grace period and checks again, under the file's lock, before removing anything.

use sea_orm::ConnectionTrait;

use super::{Failure, JobKind};
use crate::server::{
    db::{self, jobs},
    deletion,
    errors::internal,
    state::AppState,
    storage::ContentKey,
};

/// Stored keys looked at per page of the sweep.
const SWEEP_PAGE: usize = 1000;

/// Queues a sweep of storage, unless one is queued already.
///
/// # Errors
/// Database failures.
pub async fn enqueue_sweep(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    jobs::enqueue(db, &JobKind::SweepStorage, db::now_millis()).await
}

/// Removes the file and its renditions unless something uses it now.
pub async fn remove_if_unused(state: &AppState, content_key: &str) -> Result<(), Failure> {
    let key = ContentKey::parse(content_key).map_err(|e| Failure::Permanent(internal("content_key", e)))?;
    deletion::remove_if_unused(state, &key).await.map_err(Failure::Retry)
}

/// Queues the removal of every stored file nothing uses, to run after the grace period.
pub async fn sweep(state: &AppState) -> Result<(), Failure> {
    let retry = |e: &dyn std::fmt::Display| Failure::machine("sweep", e);
    let run_after = db::now_millis() + i64::try_from(state.config.cleanup_grace.as_millis()).unwrap_or(i64::MAX);
    let mut after: Option<ContentKey> = None;
    let mut queued = 0;
    loop {
        let page = state
            .storage
            .list(after.as_ref(), SWEEP_PAGE)
            .await
            .map_err(|e| retry(&e))?;
        let keys: Vec<String> = page.iter().map(|key| key.as_str().to_owned()).collect();
        for unused in db::assets::unused_of(&state.db, &keys).await.map_err(|e| retry(&e))? {
            let removal = JobKind::RemoveIfUnused { content_key: unused };
            jobs::enqueue(&state.db, &removal, run_after)
                .await
                .map_err(|e| retry(&e))?;
            queued += 1;
        }
        if page.len() < SWEEP_PAGE {
            break;
        }
        after = page.last().cloned();
    }
    if queued > 0 {
        tracing::info!("storage sweep: {queued} unused files will be removed after a second look");
    }
    // Past the time after which an upload nobody sends to is removed with its bytes, what is
    // left of uploads in storage belongs to none.
    let idle_for = crate::server::uploads::IDLE_FOR + std::time::Duration::from_secs(3600);
    match state.storage.abort_abandoned_uploads(idle_for).await {
        Ok(0) => {}
        Ok(aborted) => tracing::info!("storage sweep: gave up {aborted} uploads a stopped instance left"),
        Err(error) => return Err(retry(&error)),
    }
    Ok(())
}
