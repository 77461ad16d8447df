//! The one queue of background work, shared by every instance. A claim holds a lease that the
//! worker's heartbeat renews; a job whose worker stopped is claimed again once the lease has run
//! out.

use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
    sea_query::{Expr, LockBehavior, LockType, OnConflict},
};
use std::{collections::HashMap, time::Duration};

use super::{entities::job, now_millis};
use crate::domain::{AppError, Claimed, JobKind};

const PENDING: &str = "pending";
const RUNNING: &str = "running";
const DONE: &str = "done";
const FAILED: &str = "failed";

/// Where a job stands, for those who show it (a card's thumbnail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobState {
    /// Queued, or being worked on.
    Waiting,
    Done,
    Failed {
        reason: String,
    },
}

/// Queues `kind` to run from `run_after` (Unix milliseconds), unless a job with its key is
/// queued already (or, for kinds that keep their record, was done).
///
/// # Errors
/// Database failures.
pub async fn enqueue(db: &impl ConnectionTrait, kind: &JobKind, run_after: i64) -> Result<(), DbErr> {
    let json = serde_json::to_string(kind).map_err(|e| DbErr::Custom(e.to_string()))?;
    let row = job::ActiveModel {
        key: Set(kind.key()),
        kind: Set(json),
        state: Set(PENDING.to_owned()),
        attempts: Set(0),
        run_after: Set(run_after),
        lease_until: Set(None),
        error: Set(None),
        created_at: Set(now_millis()),
        ..Default::default()
    };
    job::Entity::insert(row)
        .on_conflict(OnConflict::column(job::Column::Key).do_nothing().to_owned())
        .do_nothing()
        .exec(db)
        .await?;
    Ok(())
}

/// Takes the next job that is due, or one whose worker stopped, for `lease`. PostgreSQL takes it
/// in one statement that locks the row and skips those other workers are taking (`FOR UPDATE
/// SKIP LOCKED`); SQLite, one writer at a time, takes it by compare-and-swap on (state, attempts).
///
/// # Errors
/// Database failures.
pub async fn claim(db: &impl ConnectionTrait, lease: Duration) -> Result<Option<Claimed>, DbErr> {
    let now = now_millis();
    let due = job::Entity::find()
        .filter(due_at(now))
        .order_by_asc(job::Column::RunAfter)
        .order_by_asc(job::Column::Id);
    if db.get_database_backend() == DbBackend::Postgres {
        let next = due
            .select_only()
            .column(job::Column::Id)
            .limit(1)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .into_query();
        let taken = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(RUNNING))
            .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
            .col_expr(job::Column::LeaseUntil, Expr::value(now + millis(lease)))
            .filter(job::Column::Id.in_subquery(next))
            .exec_with_returning(db)
            .await?;
        return Ok(taken
            .into_iter()
            .next()
            .map(|job| claimed_job(job.id, job.attempts, &job.kind)));
    }
    // A few candidates, so that workers racing for the first one still find work.
    for candidate in due.limit(4).all(db).await? {
        if let Some(claimed) = take(db, candidate, now, lease).await? {
            return Ok(Some(claimed));
        }
    }
    Ok(None)
}

fn due_at(now: i64) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(job::Column::State.eq(PENDING))
                .add(job::Column::RunAfter.lte(now)),
        )
        .add(
            Condition::all()
                .add(job::Column::State.eq(RUNNING))
                .add(job::Column::LeaseUntil.lt(now)),
        )
}

/// Claims `candidate` unless another worker did first.
async fn take(
    db: &impl ConnectionTrait,
    candidate: job::Model,
    now: i64,
    lease: Duration,
) -> Result<Option<Claimed>, DbErr> {
    let claimed = job::Entity::update_many()
        .col_expr(job::Column::State, Expr::value(RUNNING))
        .col_expr(job::Column::Attempts, Expr::value(candidate.attempts + 1))
        .col_expr(job::Column::LeaseUntil, Expr::value(now + millis(lease)))
        .filter(job::Column::Id.eq(candidate.id))
        .filter(job::Column::State.eq(&candidate.state))
        .filter(job::Column::Attempts.eq(candidate.attempts))
        .exec(db)
        .await?;
    Ok((claimed.rows_affected == 1).then(|| claimed_job(candidate.id, candidate.attempts + 1, &candidate.kind)))
}

/// A job just claimed, on its attempt `attempts`. A kind written by a newer damson, or damaged, is
/// claimed all the same: the worker fails it.
fn claimed_job(id: i64, attempts: i32, kind: &str) -> Claimed {
    let kind = serde_json::from_str(kind).unwrap_or_else(|error| JobKind::Unreadable {
        reason: error.to_string(),
    });
    Claimed { id, attempts, kind }
}

/// Renews the claim for another `lease`; `false` when the job is no longer this worker's.
///
/// # Errors
/// Database failures.
pub async fn extend_lease(db: &impl ConnectionTrait, job: &Claimed, lease: Duration) -> Result<bool, DbErr> {
    let updated = held(job::Entity::update_many(), job)
        .col_expr(job::Column::LeaseUntil, Expr::value(now_millis() + millis(lease)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Ends the job as done (kept, when its kind's record says something) or removes it; `false`,
/// changing nothing, when it is no longer this worker's.
///
/// # Errors
/// Database failures.
pub async fn complete(db: &impl ConnectionTrait, job: &Claimed, keep: bool) -> Result<bool, DbErr> {
    let changed = if keep {
        held(job::Entity::update_many(), job)
            .col_expr(job::Column::State, Expr::value(DONE))
            .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
            .col_expr(job::Column::Error, Expr::value(Option::<String>::None))
            .exec(db)
            .await?
            .rows_affected
    } else {
        job::Entity::delete_many()
            .filter(job::Column::Id.eq(job.id))
            .filter(job::Column::State.eq(RUNNING))
            .filter(job::Column::Attempts.eq(job.attempts))
            .exec(db)
            .await?
            .rows_affected
    };
    Ok(changed == 1)
}

/// Puts the job back in the queue until `run_after` (Unix milliseconds).
///
/// # Errors
/// Database failures.
pub async fn retry(db: &impl ConnectionTrait, job: &Claimed, error: &AppError, run_after: i64) -> Result<(), DbErr> {
    held(job::Entity::update_many(), job)
        .col_expr(job::Column::State, Expr::value(PENDING))
        .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
        .col_expr(job::Column::Error, Expr::value(error.to_string()))
        .col_expr(job::Column::ErrorCode, Expr::value(error.code()))
        .col_expr(job::Column::RunAfter, Expr::value(run_after))
        .exec(db)
        .await
        .map(drop)
}

/// Ends the job as failed for good, with the reason: `why` before the error's message when given.
///
/// # Errors
/// Database failures.
pub async fn fail(db: &impl ConnectionTrait, job: &Claimed, error: &AppError, why: Option<&str>) -> Result<(), DbErr> {
    let message = match why {
        Some(why) => format!("{why}: {error}"),
        None => error.to_string(),
    };
    held(job::Entity::update_many(), job)
        .col_expr(job::Column::State, Expr::value(FAILED))
        .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
        .col_expr(job::Column::Error, Expr::value(message))
        .col_expr(job::Column::ErrorCode, Expr::value(error.code()))
        .exec(db)
        .await
        .map(drop)
}

/// Removes the job about `key`, whatever its state: what it is about is gone.
///
/// # Errors
/// Database failures.
pub async fn forget(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    job::Entity::delete_many()
        .filter(job::Column::Key.eq(key))
        .exec(db)
        .await
        .map(drop)
}

/// The state of the jobs about these keys; keys without a job are left out.
///
/// # Errors
/// Database failures.
pub async fn states(db: &impl ConnectionTrait, keys: &[String]) -> Result<HashMap<String, JobState>, DbErr> {
    let rows: Vec<(Option<String>, String, Option<String>)> = job::Entity::find()
        .select_only()
        .columns([job::Column::Key, job::Column::State, job::Column::Error])
        .filter(job::Column::Key.is_in(keys))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, state, error)| {
            let state = match state.as_str() {
                DONE => JobState::Done,
                FAILED => JobState::Failed {
                    reason: error.unwrap_or_default(),
                },
                _ => JobState::Waiting,
            };
            Some((key?, state))
        })
        .collect())
}

/// An update of this job that applies only while this worker still holds it.
fn held(update: sea_orm::UpdateMany<job::Entity>, job: &Claimed) -> sea_orm::UpdateMany<job::Entity> {
    update
        .filter(job::Column::Id.eq(job.id))
        .filter(job::Column::State.eq(RUNNING))
        .filter(job::Column::Attempts.eq(job.attempts))
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
