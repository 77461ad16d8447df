//! A file arrives: stored by content, inspected, and recorded as a new asset or a new version of
//! the asset whose code is the file's name without extension.

use sea_orm::{DatabaseConnection, DbErr, SqlErr, TransactionTrait};
use std::time::Duration;

use super::{
    db::{assets, renditions},
    errors::internal,
    media::{self, HEAD_BYTES, MediaInfo, inspect},
    state::AppState,
    storage::{ByteStream, Storage, StorageError, StoredObject, read_to_vec},
};
use crate::domain::{AppError, Asset, FileName, User};

/// Stores `body` as the file `file_name` uploaded by `user`. On any failure nothing of it remains:
/// no row, and no stored file unless another version already used the same content.
///
/// # Errors
/// `PayloadTooLarge` past the upload limit, `Validation` when the upload broke off, and
/// storage or database failures.
pub async fn ingest(state: &AppState, user: &User, file_name: FileName, body: ByteStream) -> Result<Asset, AppError> {
    let limit = state.config.max_upload_bytes;
    let stored = state.storage.put(body, limit).await.map_err(|error| match error {
        StorageError::TooLarge { limit } => AppError::file_too_large(file_name.as_str(), None, limit),
        other => other.into(),
    })?;
    let recorded = async {
        let info = inspect_stored(state.storage.as_ref(), &stored).await?;
        record(&state.db, user, &file_name, &stored, &info).await
    }
    .await;
    if recorded.is_ok() {
        state.jobs.notify();
    }
    if recorded.is_err()
        && !assets::content_in_use(&state.db, stored.key.as_str())
            .await
            .unwrap_or(true)
        && let Err(error) = state.storage.delete(&stored.key).await
    {
        tracing::warn!("could not remove unrecorded upload {}: {error}", stored.key);
    }
    recorded
}

async fn inspect_stored(storage: &dyn Storage, stored: &StoredObject) -> Result<MediaInfo, AppError> {
    let head_len = stored.size.min(HEAD_BYTES);
    let head_stream = storage.get(&stored.key, Some(0..head_len)).await?;
    let head = read_to_vec(head_stream, head_len as usize)
        .await
        .map_err(|e| internal("storage", e))?;
    tokio::task::spawn_blocking(move || inspect(&head))
        .await
        .map_err(|e| internal("inspect", e))
}

/// One transaction: find or create the asset by code, add the version, make it current. Retried
/// when a concurrent upload took the code or the version number first, or held the write lock.
async fn record(
    db: &DatabaseConnection,
    user: &User,
    file_name: &FileName,
    stored: &StoredObject,
    info: &MediaInfo,
) -> Result<Asset, AppError> {
    let mut attempt = 0;
    let asset_id = loop {
        attempt += 1;
        let outcome = async {
            let txn = db.begin().await?;
            let asset_id = match assets::find_id_by_code(&txn, file_name.code()).await? {
                Some(id) => id,
                None => assets::insert(&txn, file_name.code(), user.id).await?,
            };
            assets::add_current_version(&txn, asset_id, file_name, stored, info, user.id).await?;
            if media::renders(&info.mime) {
                renditions::enqueue(&txn, stored.key.as_str(), &info.mime).await?;
            }
            txn.commit().await?;
            Ok::<_, DbErr>(asset_id)
        }
        .await;
        match outcome {
            Ok(asset_id) => break asset_id,
            Err(error) if attempt < 5 && is_contention(&error) => {
                tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
            }
            Err(error) => return Err(error.into()),
        }
    };
    assets::load(db, asset_id).await
}

fn is_contention(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
        || error.to_string().contains("database is locked")
}
