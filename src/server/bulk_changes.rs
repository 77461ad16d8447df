//! Changing many assets at once. A small change runs in the request that starts it and answers
//! with its report; a larger one runs as a job, and the page follows its progress. Either way the
//! change and each asset's outcome are in the database, so a restart resumes it.

mod turns;

use super::{db, deletion, jobs::JobKind, state::AppState};
use crate::domain::{AppError, AssetId, AssetSelection, BulkAction, BulkChangeId, BulkReport, User, no_such};
use turns::{Turn, take_turns};

/// Changes of at most this many assets run in the request that starts them.
pub const RUN_IN_REQUEST: u64 = 200;
/// Assets read from the queue of a change at a time.
const TURNS_PER_READ: u64 = 200;
/// Assets changed in one transaction, each in a savepoint of its own: fewer commits, and the
/// write lock is given up between batches for other writers.
const TURNS_PER_TRANSACTION: usize = 50;
/// A change run in its request is queued too, this much later, in case the server stops midway.
const FALLBACK_DELAY_MILLIS: i64 = 60_000;

/// Records the change of every selected asset and starts it; returns its report (final when it
/// ran in the request).
///
/// # Errors
/// `Validation` for an unknown product or category; database failures.
pub async fn start(
    state: &AppState,
    user: &User,
    selection: &AssetSelection,
    action: &BulkAction,
) -> Result<BulkReport, AppError> {
    check_targets(state, action).await?;
    let selected = super::assets::selected(state, selection).await?;
    let selected: std::sync::Arc<[AssetId]> = selected.into();
    // The change and its job in one unit of work: a change is never recorded without the job
    // that runs it (as a fallback when it runs in the request).
    let (id, total) = db::retried(&state.db, |txn| {
        let (action, selected, user) = (action.clone(), std::sync::Arc::clone(&selected), user.id);
        Box::pin(async move {
            let (id, total) = db::bulk_changes::create(txn, user, &action, &selected).await?;
            let delay = if runs_in_request(total) {
                FALLBACK_DELAY_MILLIS
            } else {
                0
            };
            let job = JobKind::BulkChange { bulk_change_id: id.0 };
            db::jobs::enqueue(txn, &job, db::now_millis() + delay).await?;
            Ok::<_, sea_orm::DbErr>((id, total))
        })
    })
    .await?;
    if runs_in_request(total) {
        run(state, id).await?;
    } else {
        state.jobs.notify();
    }
    db::bulk_reports::report(&state.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A change this small runs in the request that starts it; its job runs it only when the request
/// could not finish it.
fn runs_in_request(total: u64) -> bool {
    total <= RUN_IN_REQUEST
}

/// Where a change `user` started stands.
///
/// # Errors
/// `NotFound` for someone else's change; database failures.
pub async fn report(state: &AppState, user: &User, id: BulkChangeId) -> Result<BulkReport, AppError> {
    db::bulk_reports::report(&state.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Gives every waiting asset of the change its turn. Another worker may run the same change at
/// the same time: each turn is claimed, so none is taken twice.
///
/// # Errors
/// `NotFound` for a change that is gone; database failures.
pub async fn run(state: &AppState, id: BulkChangeId) -> Result<(), AppError> {
    let action = db::bulk_changes::action(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    loop {
        let waiting = db::bulk_changes::waiting(&state.db, id, TURNS_PER_READ).await?;
        if waiting.is_empty() {
            return Ok(());
        }
        for batch in waiting.chunks(TURNS_PER_TRANSACTION) {
            let turns = match take_turns(&state.db, id, batch, &action).await {
                Ok(turns) => turns,
                // One at a time, so that the asset the database refuses fails alone.
                Err(_) => one_by_one(state, id, batch, &action).await?,
            };
            for turn in turns {
                if let Turn::Done { files } = turn {
                    deletion::remove_unused(state, &files).await?;
                }
            }
        }
    }
}

/// The batch's turns one transaction each; an asset whose turn the database keeps refusing is
/// recorded as failed.
async fn one_by_one(
    state: &AppState,
    id: BulkChangeId,
    batch: &[AssetId],
    action: &BulkAction,
) -> Result<Vec<Turn>, AppError> {
    let mut turns = Vec::with_capacity(batch.len());
    for asset in batch {
        match take_turns(&state.db, id, std::slice::from_ref(asset), action).await {
            Ok(mut turn) => turns.append(&mut turn),
            Err(error) => {
                tracing::warn!("bulk change {}: asset {} failed: {error}", id.0, asset.0);
                let reason = "The database refused the change; try again.";
                db::bulk_changes::record_failure(&state.db, id, *asset, reason).await?;
            }
        }
    }
    Ok(turns)
}

/// Refuses an action naming a product or category that does not exist, before any asset changes.
///
/// # Errors
/// `Validation` naming the first unknown one; database failures.
async fn check_targets(state: &AppState, action: &BulkAction) -> Result<(), AppError> {
    let unknown = match action {
        BulkAction::LinkToProducts(products) => db::product_links::first_unknown(&state.db, products)
            .await?
            .map(no_such),
        BulkAction::AddToCategories(categories) => db::category_links::first_unknown(&state.db, categories)
            .await?
            .map(no_such),
        _ => None,
    };
    unknown.map_or(Ok(()), Err)
}
