//! Resumable uploads' rows: what each has received, and the hash of it, so that any instance can
//! take the next chunk. A chunk being received holds its upload with a short lease, so that two
//! tries of the same chunk never write at once.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use super::{entities::upload, now_millis};
use crate::domain::{Upload, UploadId, UserId};
use crate::server::storage::UploadHandle;

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
}

impl StoredUpload {
    fn of(row: upload::Model) -> Self {
        let receipts = row.receipts.lines().map(str::to_owned).collect();
        StoredUpload {
            upload: Upload {
                id: UploadId(row.id),
                file_name: row.file_name,
                size: u64::try_from(row.size).unwrap_or(0),
                received: u64::try_from(row.received).unwrap_or(0),
            },
            user_id: UserId(row.user_id),
            handle: UploadHandle(row.storage_handle),
            hash_state: row.hash_state,
            receipts,
            content_key: row.content_key,
        }
    }
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
        created_at: Set(now),
        updated_at: Set(now),
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

/// The user's uploads, oldest first.
///
/// # Errors
/// Database failures.
pub async fn of_user(db: &impl ConnectionTrait, user: UserId) -> Result<Vec<StoredUpload>, DbErr> {
    let rows = upload::Entity::find()
        .filter(upload::Column::UserId.eq(user.0))
        .order_by_asc(upload::Column::CreatedAt)
        .order_by_asc(upload::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(StoredUpload::of).collect())
}

/// Holds the upload for the chunk at `offset` until `until` (Unix milliseconds), unless it has
/// another offset or another try holds it: a new hold when `held` is `None`, else a renewal of
/// the hold that ends at `held`. Whether it did.
///
/// # Errors
/// Database failures.
pub async fn hold(
    db: &impl ConnectionTrait,
    id: &UploadId,
    offset: u64,
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
        .filter(upload::Column::Id.eq(id.0.clone()))
        .filter(upload::Column::Received.eq(signed(offset)))
        .filter(upload::Column::ContentKey.is_null())
        .filter(free)
        .exec(db)
        .await?;
    Ok(held.rows_affected == 1)
}

/// Lets go of the upload held until `held`, without recording anything.
///
/// # Errors
/// Database failures.
pub async fn release(db: &impl ConnectionTrait, id: &UploadId, held: i64) -> Result<(), DbErr> {
    upload::Entity::update_many()
        .col_expr(upload::Column::BusyUntil, Expr::value(Option::<i64>::None))
        .filter(upload::Column::Id.eq(id.0.clone()))
        .filter(upload::Column::BusyUntil.eq(held))
        .exec(db)
        .await?;
    Ok(())
}

/// Records the chunk at `offset` kept, and lets go of the upload held until `held`: it has
/// `stored.upload.received` bytes now.
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
    let recorded = upload::Entity::update_many()
        .col_expr(upload::Column::Received, Expr::value(signed(stored.upload.received)))
        .col_expr(upload::Column::HashState, Expr::value(stored.hash_state.clone()))
        .col_expr(upload::Column::Receipts, Expr::value(stored.receipts.join("\n")))
        .col_expr(upload::Column::ContentKey, Expr::value(content_key.map(str::to_owned)))
        .col_expr(upload::Column::BusyUntil, Expr::value(Option::<i64>::None))
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
