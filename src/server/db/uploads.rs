//! Resumable uploads' rows: what each has received, and the hash of it, so that any instance can
//! take the next chunk. A chunk being received holds its upload with a short lease, so that two
//! tries of the same chunk never write at once.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use super::{entities::upload, now_millis};
use crate::domain::Dimensions;
use crate::domain::{AssetId, ImportOutcome, Imported, Upload, UploadId, UserId};
use crate::domain::{MediaInfo, UploadHandle};

/// An upload, with what the server keeps of it.
#[derive(Clone, Debug)]
pub struct StoredUpload {
    pub upload: Upload,
    pub user_id: UserId,
    pub handle: UploadHandle,
    pub hash_state: Vec<u8>,
    pub receipts: Vec<String>,
    /// The content's key, once every byte is in.
    pub content_key: Option<String>,
    /// The import that took it, once one did.
    pub import_id: Option<i64>,
    /// What its first chunk showed of the file, once it came.
    pub media: Option<MediaInfo>,
}

impl StoredUpload {
    pub(super) fn of(row: upload::Model) -> Self {
        let receipts = row.receipts.lines().map(str::to_owned).collect();
        let imported = row.outcome.as_deref().and_then(|code| {
            Some(Imported {
                outcome: code.parse::<ImportOutcome>().ok()?,
                detail: row.detail.clone().unwrap_or_default(),
                asset_id: row.asset_id.map(AssetId),
            })
        });
        StoredUpload {
            upload: Upload {
                id: UploadId(row.id),
                file_name: row.file_name,
                size: u64::try_from(row.size).unwrap_or(0),
                received: u64::try_from(row.received).unwrap_or(0),
                imported,
            },
            user_id: UserId(row.user_id),
            handle: UploadHandle(row.storage_handle),
            hash_state: row.hash_state,
            receipts,
            content_key: row.content_key,
            import_id: row.import_id,
            media: row.mime.map(|mime| {
                let side = |length: Option<i32>| length.and_then(|length| u32::try_from(length).ok());
                let dimensions = side(row.width)
                    .zip(side(row.height))
                    .map(|(width, height)| Dimensions { width, height });
                MediaInfo::of(mime, dimensions)
            }),
        }
    }
}

/// One of a picture's sides, as the database keeps it.
fn side(media: &MediaInfo, length: impl Fn(&Dimensions) -> u32) -> Option<i32> {
    media
        .dimensions
        .as_ref()
        .and_then(|dimensions| i32::try_from(length(dimensions)).ok())
}

fn signed(bytes: u64) -> i64 {
    i64::try_from(bytes).unwrap_or(i64::MAX)
}

/// # Errors
/// Database failures.
pub async fn insert(db: &impl ConnectionTrait, new: &StoredUpload) -> Result<(), DbErr> {
    let now = now_millis();
    let row = upload::ActiveModel {
        id: Set(new.upload.id.0.clone()),
        user_id: Set(new.user_id.0),
        file_name: Set(new.upload.file_name.clone()),
        size: Set(signed(new.upload.size)),
        received: Set(0),
        hash_state: Set(new.hash_state.clone()),
        storage_handle: Set(new.handle.0.clone()),
        receipts: Set(String::new()),
        content_key: Set(None),
        busy_until: Set(None),
        busy_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    upload::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// The user's upload with this id.
///
/// # Errors
/// Database failures.
pub async fn find(db: &impl ConnectionTrait, user: UserId, id: &UploadId) -> Result<Option<StoredUpload>, DbErr> {
    let row = upload::Entity::find_by_id(id.0.clone())
        .filter(upload::Column::UserId.eq(user.0))
        .one(db)
        .await?;
    Ok(row.map(StoredUpload::of))
}

/// The user's uploads that no import took yet, oldest first.
///
/// # Errors
/// Database failures.
pub async fn of_user(db: &impl ConnectionTrait, user: UserId) -> Result<Vec<StoredUpload>, DbErr> {
    let rows = upload::Entity::find()
        .filter(upload::Column::UserId.eq(user.0))
        .filter(upload::Column::ImportId.is_null())
        .order_by_asc(upload::Column::CreatedAt)
        .order_by_asc(upload::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(StoredUpload::of).collect())
}

/// Holds the upload for the chunk at `offset` until `until` (Unix milliseconds) for `holder`
/// (`host:pid`), unless it has another offset or another try holds it: a new hold when `held`
/// is `None`, else a renewal of the hold that ends at `held`. Whether it did.
///
/// # Errors
/// Database failures.
pub async fn hold(
    db: &impl ConnectionTrait,
    id: &UploadId,
    offset: u64,
    holder: &str,
    held: Option<i64>,
    until: i64,
) -> Result<bool, DbErr> {
    let free = match held {
        Some(held) => Condition::all().add(upload::Column::BusyUntil.eq(held)),
        None => Condition::any()
            .add(upload::Column::BusyUntil.is_null())
            .add(upload::Column::BusyUntil.lt(now_millis())),
    };
    let held = upload::Entity::update_many()
        .col_expr(upload::Column::BusyUntil, Expr::value(until))
        .col_expr(upload::Column::BusyBy, Expr::value(holder))
        .filter(upload::Column::Id.eq(id.0.clone()))
        .filter(upload::Column::Received.eq(signed(offset)))
        .filter(upload::Column::ContentKey.is_null())
        .filter(free)
        .exec(db)
        .await?;
    Ok(held.rows_affected == 1)
}

/// The holders (`host:pid`) of uploads held now whose name starts with `host_prefix`, with the
/// uploads they hold.
///
/// # Errors
/// Database failures.
pub async fn holders_on(db: &impl ConnectionTrait, host_prefix: &str) -> Result<Vec<(UploadId, String)>, DbErr> {
    use sea_orm::QuerySelect;
    let rows: Vec<(String, Option<String>)> = upload::Entity::find()
        .select_only()
        .columns([upload::Column::Id, upload::Column::BusyBy])
        .filter(upload::Column::BusyUntil.gte(now_millis()))
        .filter(upload::Column::BusyBy.starts_with(host_prefix))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, holder)| Some((UploadId(id), holder?)))
        .collect())
}

/// Lets go of the upload if `holder` still holds it, whatever the hold's end: its holder is gone.
///
/// # Errors
/// Database failures.
pub async fn release_from(db: &impl ConnectionTrait, id: &UploadId, holder: &str) -> Result<bool, DbErr> {
    Ok(let_go(db, id, upload::Column::BusyBy.eq(holder)).await? == 1)
}

/// Lets go of the upload held until `held`, without recording anything.
///
/// # Errors
/// Database failures.
pub async fn release(db: &impl ConnectionTrait, id: &UploadId, held: i64) -> Result<(), DbErr> {
    let_go(db, id, upload::Column::BusyUntil.eq(held)).await?;
    Ok(())
}

/// Ends the hold on the upload that `which_hold` names; how many uploads were let go (0 or 1).
async fn let_go(
    db: &impl ConnectionTrait,
    id: &UploadId,
    which_hold: sea_orm::sea_query::SimpleExpr,
) -> Result<u64, DbErr> {
    let released = upload::Entity::update_many()
        .col_expr(upload::Column::BusyUntil, Expr::value(Option::<i64>::None))
        .col_expr(upload::Column::BusyBy, Expr::value(Option::<String>::None))
        .filter(upload::Column::Id.eq(id.0.clone()))
        .filter(which_hold)
        .exec(db)
        .await?;
    Ok(released.rows_affected)
}

/// Records the chunk at `offset` kept, and lets go of the upload held until `held`: it has
/// `stored.upload.received` bytes now, and `stored.media` says what they are.
///
/// # Errors
/// Database failures.
pub async fn record_chunk(
    db: &impl ConnectionTrait,
    stored: &StoredUpload,
    offset: u64,
    held: i64,
    content_key: Option<&str>,
) -> Result<bool, DbErr> {
    let media = stored.media.as_ref();
    let recorded = upload::Entity::update_many()
        .col_expr(upload::Column::Received, Expr::value(signed(stored.upload.received)))
        .col_expr(upload::Column::HashState, Expr::value(stored.hash_state.clone()))
        .col_expr(upload::Column::Receipts, Expr::value(stored.receipts.join("\n")))
        .col_expr(upload::Column::ContentKey, Expr::value(content_key.map(str::to_owned)))
        .col_expr(upload::Column::Mime, Expr::value(media.map(|media| media.mime.clone())))
        .col_expr(
            upload::Column::Width,
            Expr::value(media.and_then(|media| side(media, |d| d.width))),
        )
        .col_expr(
            upload::Column::Height,
            Expr::value(media.and_then(|media| side(media, |d| d.height))),
        )
        .col_expr(upload::Column::BusyUntil, Expr::value(Option::<i64>::None))
        .col_expr(upload::Column::BusyBy, Expr::value(Option::<String>::None))
        .col_expr(upload::Column::UpdatedAt, Expr::value(now_millis()))
        .filter(upload::Column::Id.eq(stored.upload.id.0.clone()))
        .filter(upload::Column::Received.eq(signed(offset)))
        .filter(upload::Column::BusyUntil.eq(held))
        .exec(db)
        .await?;
    Ok(recorded.rows_affected == 1)
}

/// # Errors
/// Database failures.
pub async fn delete(db: &impl ConnectionTrait, id: &UploadId) -> Result<(), DbErr> {
    upload::Entity::delete_by_id(id.0.clone()).exec(db).await?;
    Ok(())
}

/// Uploads nothing happened to since `before` (Unix milliseconds), up to `limit`.
///
/// # Errors
/// Database failures.
pub async fn idle_since(db: &impl ConnectionTrait, before: i64, limit: u64) -> Result<Vec<StoredUpload>, DbErr> {
    use sea_orm::QuerySelect;
    let rows = upload::Entity::find()
        .filter(upload::Column::UpdatedAt.lt(before))
        .order_by_asc(upload::Column::UpdatedAt)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(StoredUpload::of).collect())
}
