//! The rendition job queue and the renditions it made, keyed by the original file's content key.
//!
//! A worker claims a job by compare-and-swap on (state, attempts), which works the same on SQLite
//! and PostgreSQL and with any number of instances. A claim holds a lease; a job whose worker
//! stopped is claimed again once the lease has run out.

use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
    sea_query::{Expr, OnConflict},
};
use std::{collections::HashMap, time::Duration};

use super::{
    entities::{rendition, rendition_job},
    now_millis,
};
use crate::domain::{AppError, Dimensions, RenditionKind, Thumbnail};

const PENDING: &str = "pending";
const RUNNING: &str = "running";
const DONE: &str = "done";
const FAILED: &str = "failed";

/// A claimed job.
#[derive(Clone, Debug)]
pub struct Job {
    pub content_key: String,
    pub mime: String,
    /// Including this one.
    pub attempts: i32,
}

/// A rendition stored and ready to record.
pub struct Made {
    pub kind: RenditionKind,
    pub rendition_key: String,
    pub size: Dimensions,
    pub bytes: u64,
}

/// Queues the renditions of a stored file unless it has a job already (shared content, a restore).
///
/// # Errors
/// Database failures.
pub async fn enqueue(db: &impl ConnectionTrait, content_key: &str, mime: &str) -> Result<(), sea_orm::DbErr> {
    let now = now_millis();
    let job = rendition_job::ActiveModel {
        content_key: Set(content_key.to_owned()),
        mime: Set(mime.to_owned()),
        state: Set(PENDING.to_owned()),
        attempts: Set(0),
        run_after: Set(now),
        lease_until: Set(None),
        error: Set(None),
        created_at: Set(now),
    };
    rendition_job::Entity::insert(job)
        .on_conflict(
            OnConflict::column(rendition_job::Column::ContentKey)
                .do_nothing()
                .to_owned(),
        )
        .do_nothing()
        .exec(db)
        .await?;
    Ok(())
}

/// Takes the next job that is due, or one whose worker stopped, for `lease`.
///
/// # Errors
/// Database failures.
pub async fn claim(db: &impl ConnectionTrait, lease: Duration) -> Result<Option<Job>, sea_orm::DbErr> {
    let now = now_millis();
    let due = Condition::any()
        .add(
            Condition::all()
                .add(rendition_job::Column::State.eq(PENDING))
                .add(rendition_job::Column::RunAfter.lte(now)),
        )
        .add(
            Condition::all()
                .add(rendition_job::Column::State.eq(RUNNING))
                .add(rendition_job::Column::LeaseUntil.lt(now)),
        );
    // A few candidates, so that workers racing for the first one still find work.
    let candidates = rendition_job::Entity::find()
        .filter(due)
        .order_by_asc(rendition_job::Column::RunAfter)
        .limit(4)
        .all(db)
        .await?;
    for candidate in candidates {
        let claimed = rendition_job::Entity::update_many()
            .col_expr(rendition_job::Column::State, Expr::value(RUNNING))
            .col_expr(rendition_job::Column::Attempts, Expr::value(candidate.attempts + 1))
            .col_expr(
                rendition_job::Column::LeaseUntil,
                Expr::value(now + lease.as_millis() as i64),
            )
            .filter(rendition_job::Column::ContentKey.eq(&candidate.content_key))
            .filter(rendition_job::Column::State.eq(&candidate.state))
            .filter(rendition_job::Column::Attempts.eq(candidate.attempts))
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return Ok(Some(Job {
                content_key: candidate.content_key,
                mime: candidate.mime,
                attempts: candidate.attempts + 1,
            }));
        }
    }
    Ok(None)
}

/// Records the renditions and ends the job; `false`, recording nothing, when the job is no longer
/// this worker's: its file was deleted, or its lease ran out and another worker took it over.
///
/// # Errors
/// Database failures.
pub async fn finish(
    db: &(impl ConnectionTrait + TransactionTrait),
    job: &Job,
    made: Vec<Made>,
) -> Result<bool, sea_orm::DbErr> {
    let txn = db.begin().await?;
    if !set_state(&txn, job, DONE, None, None).await? {
        return Ok(false);
    }
    for made in made {
        let row = rendition::ActiveModel {
            content_key: Set(job.content_key.clone()),
            kind: Set(made.kind.code().to_owned()),
            rendition_key: Set(made.rendition_key),
            width: Set(made.size.width as i32),
            height: Set(made.size.height as i32),
            size: Set(made.bytes as i64),
        };
        rendition::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([rendition::Column::ContentKey, rendition::Column::Kind])
                    .update_columns([
                        rendition::Column::RenditionKey,
                        rendition::Column::Width,
                        rendition::Column::Height,
                        rendition::Column::Size,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Puts the job back in the queue until `run_after` (Unix milliseconds).
///
/// # Errors
/// Database failures.
pub async fn retry(db: &impl ConnectionTrait, job: &Job, error: &str, run_after: i64) -> Result<(), sea_orm::DbErr> {
    set_state(db, job, PENDING, Some(error), Some(run_after))
        .await
        .map(drop)
}

/// Ends the job as failed for good, with the reason.
///
/// # Errors
/// Database failures.
pub async fn fail(db: &impl ConnectionTrait, job: &Job, error: &str) -> Result<(), sea_orm::DbErr> {
    set_state(db, job, FAILED, Some(error), None).await.map(drop)
}

/// Changes the job only while this worker still holds it.
async fn set_state(
    db: &impl ConnectionTrait,
    job: &Job,
    state: &str,
    error: Option<&str>,
    run_after: Option<i64>,
) -> Result<bool, sea_orm::DbErr> {
    let mut update = rendition_job::Entity::update_many()
        .col_expr(rendition_job::Column::State, Expr::value(state))
        .col_expr(rendition_job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
        .col_expr(rendition_job::Column::Error, Expr::value(error.map(str::to_owned)));
    if let Some(run_after) = run_after {
        update = update.col_expr(rendition_job::Column::RunAfter, Expr::value(run_after));
    }
    let updated = update
        .filter(rendition_job::Column::ContentKey.eq(&job.content_key))
        .filter(rendition_job::Column::State.eq(RUNNING))
        .filter(rendition_job::Column::Attempts.eq(job.attempts))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// What a card shows for each stored file: ready, pending, unavailable, or nothing to render.
///
/// # Errors
/// Database failures.
pub async fn thumbnails(
    db: &impl ConnectionTrait,
    content_keys: &[String],
) -> Result<HashMap<String, Thumbnail>, AppError> {
    states(db, content_keys, RenditionKind::Thumbnail).await
}

/// Like `thumbnails`, for either kind of rendition.
///
/// # Errors
/// Database failures.
pub async fn states(
    db: &impl ConnectionTrait,
    content_keys: &[String],
    kind: RenditionKind,
) -> Result<HashMap<String, Thumbnail>, AppError> {
    let jobs = rendition_job::Entity::find()
        .filter(rendition_job::Column::ContentKey.is_in(content_keys))
        .all(db)
        .await?;
    let ready: Vec<String> = rendition::Entity::find()
        .select_only()
        .column(rendition::Column::ContentKey)
        .filter(rendition::Column::ContentKey.is_in(content_keys))
        .filter(rendition::Column::Kind.eq(kind.code()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(content_keys
        .iter()
        .map(|key| {
            let job = jobs.iter().find(|job| &job.content_key == key);
            let thumbnail = match job.map(|job| job.state.as_str()) {
                None => Thumbnail::None,
                Some(DONE) if ready.contains(key) => Thumbnail::Ready {
                    url: rendition_url(key, kind),
                },
                Some(FAILED) => Thumbnail::Unavailable {
                    reason: job.and_then(|job| job.error.clone()).unwrap_or_default(),
                },
                Some(_) => Thumbnail::Pending,
            };
            (key.clone(), thumbnail)
        })
        .collect())
}

/// Where the browser fetches a rendition. The address names the content, so it never changes.
pub fn rendition_url(content_key: &str, kind: RenditionKind) -> String {
    format!("/api/view/renditions/{content_key}/{kind}")
}

/// The stored rendition of a file: its own key and size in bytes.
///
/// # Errors
/// `NotFound` when it was not made (yet); database failures.
pub async fn find(
    db: &impl ConnectionTrait,
    content_key: &str,
    kind: RenditionKind,
) -> Result<(String, i64), AppError> {
    rendition::Entity::find_by_id((content_key.to_owned(), kind.code().to_owned()))
        .one(db)
        .await?
        .map(|row| (row.rendition_key, row.size))
        .ok_or(AppError::NotFound)
}

/// Whether a stored object is some rendition.
///
/// # Errors
/// Database failures.
pub async fn is_rendition(db: &impl ConnectionTrait, key: &str) -> Result<bool, sea_orm::DbErr> {
    Ok(rendition::Entity::find()
        .filter(rendition::Column::RenditionKey.eq(key))
        .one(db)
        .await?
        .is_some())
}
