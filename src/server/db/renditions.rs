//! The renditions made of stored files, keyed by the original file's content key, and what a
//! card shows while they are made (the state of the file's rendition job).

use sea_orm::DbErr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, sea_query::OnConflict,
};
use std::collections::HashMap;

use super::{
    entities::rendition,
    jobs::{self, JobState},
};
use crate::domain::{Claimed, JobKind, rendition_key};
use crate::domain::{Dimensions, RenditionKind, Thumbnail, paths};

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
    let kind = JobKind::Rendition {
        content_key: content_key.to_owned(),
        mime: mime.to_owned(),
    };
    jobs::enqueue(db, &kind, super::now_millis()).await
}

/// Records the renditions and ends the job (in the caller's unit of work); `false`, recording
/// nothing, when the job is no longer this worker's: its file was deleted, or its lease ran out
/// and another worker took it over.
///
/// # Errors
/// Database failures.
pub async fn record(
    txn: &impl ConnectionTrait,
    job: &Claimed,
    content_key: &str,
    made: &[Made],
) -> Result<bool, sea_orm::DbErr> {
    if !jobs::complete(txn, job, true).await? {
        return Ok(false);
    }
    for made in made {
        let row = rendition::ActiveModel {
            content_key: Set(content_key.to_owned()),
            kind: Set(made.kind.code().to_owned()),
            rendition_key: Set(made.rendition_key.clone()),
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
            .exec(txn)
            .await?;
    }
    Ok(true)
}

/// What a card shows for each stored file: ready, pending, unavailable, or nothing to render.
///
/// # Errors
/// Database failures.
pub async fn thumbnails(
    db: &impl ConnectionTrait,
    content_keys: &[String],
) -> Result<HashMap<String, Thumbnail>, DbErr> {
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
) -> Result<HashMap<String, Thumbnail>, DbErr> {
    let job_keys: Vec<String> = content_keys.iter().map(|key| rendition_key(key)).collect();
    let jobs = jobs::states(db, &job_keys).await?;
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
            let thumbnail = match jobs.get(&rendition_key(key)) {
                None => Thumbnail::None,
                Some(JobState::Done) if ready.contains(key) => Thumbnail::Ready {
                    url: paths::rendition(key, kind),
                },
                Some(JobState::Failed { reason }) => Thumbnail::Unavailable { reason: reason.clone() },
                Some(_) => Thumbnail::Pending,
            };
            (key.clone(), thumbnail)
        })
        .collect())
}

/// The stored rendition of a file, unless it was not made (yet): its own key and size in bytes.
///
/// # Errors
/// Database failures.
pub async fn find(
    db: &impl ConnectionTrait,
    content_key: &str,
    kind: RenditionKind,
) -> Result<Option<(String, i64)>, DbErr> {
    Ok(
        rendition::Entity::find_by_id((content_key.to_owned(), kind.code().to_owned()))
            .one(db)
            .await?
            .map(|row| (row.rendition_key, row.size)),
    )
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

/// Those of `keys` that are some rendition.
///
/// # Errors
/// Database failures.
pub async fn used_of(db: &impl ConnectionTrait, keys: &[String]) -> Result<Vec<String>, sea_orm::DbErr> {
    rendition::Entity::find()
        .select_only()
        .column(rendition::Column::RenditionKey)
        .distinct()
        .filter(rendition::Column::RenditionKey.is_in(keys))
        .into_tuple()
        .all(db)
        .await
}
