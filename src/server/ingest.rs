//! A file arrives: stored by content, inspected, and recorded as a new asset or a new version of
//! the asset whose code is the file's name without extension.

use sea_orm::DatabaseConnection;

use super::{
    db::{self, assets, renditions, versions},
    errors::internal,
    media::{self, HEAD_BYTES, MediaInfo, inspect},
    state::AppState,
    storage::{ByteStream, Staged, Storage, StorageError, StoredObject, read_to_vec},
};
use crate::domain::{AppError, Asset, AssetId, FileName, User};

/// Which asset a file is for.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// The asset whose code is the file name without extension, new if there is none.
    ByCode,
    /// A new version of this asset, whatever the file is called.
    Asset(AssetId),
}

impl Target {
    /// Refuses an asset that is not there, before a byte is stored for it.
    ///
    /// # Errors
    /// `NotFound`, database failures.
    pub async fn check(self, db: &DatabaseConnection) -> Result<(), AppError> {
        if let Target::Asset(id) = self {
            assets::current_file(db, id).await?;
        }
        Ok(())
    }
}

/// Stores `body` (of `length` bytes, when the sender said) as the file `file_name` uploaded by
/// `user`. On any failure nothing of it remains:
/// no row, and no stored file unless another version already used the same content.
///
/// # Errors
/// `PayloadTooLarge` past the upload limit, `Validation` when the upload broke off, and
/// storage or database failures.
pub async fn ingest(
    state: &AppState,
    user: &User,
    file_name: FileName,
    target: Target,
    body: ByteStream,
    length: Option<u64>,
) -> Result<Asset, AppError> {
    target.check(&state.db).await?;
    let limit = state.config.max_upload_bytes;
    let staged = state
        .storage
        .stage(body, limit, length)
        .await
        .map_err(|error| match error {
            StorageError::TooLarge { limit } => AppError::file_too_large(file_name.as_str(), None, limit),
            other => other.into(),
        })?;
    ingest_staged(state, user, &file_name, target, staged).await
}

/// Keeps content already staged (`stage`d from a body, or a resumable upload's) and records it
/// as `ingest` does, with the same promise: on failure no row, and no file nothing else uses.
///
/// # Errors
/// Storage or database failures.
pub async fn ingest_staged(
    state: &AppState,
    user: &User,
    file_name: &FileName,
    target: Target,
    staged: Staged,
) -> Result<Asset, AppError> {
    // Held from keeping the file until it is recorded, so deleting another asset with the same
    // content cannot remove the file in between.
    let held = state.file_locks.lock([&staged.key]).await?;
    let stored = state.storage.keep(staged).await?;
    let recorded = async {
        let info = inspect_stored(state.storage.as_ref(), &stored).await?;
        record(&state.db, user, file_name, target, &stored, &info).await
    }
    .await;
    if recorded.is_err()
        && !assets::content_in_use(&state.db, stored.key.as_str())
            .await
            .unwrap_or(true)
        && let Err(error) = state.storage.delete(&stored.key).await
    {
        tracing::warn!("could not remove unrecorded upload {}: {error}", stored.key);
    }
    drop(held);
    if recorded.is_ok() {
        state.jobs.notify();
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
    target: Target,
    stored: &StoredObject,
    info: &MediaInfo,
) -> Result<Asset, AppError> {
    let file = versions::VersionFile::uploaded(file_name, stored, info);
    let (code, user_id, renders) = (file_name.code().to_owned(), user.id, media::renders(&info.mime));
    let asset_id = db::retried(db, |txn| {
        let (file, code) = (file.clone(), code.clone());
        Box::pin(async move {
            let asset_id = match target {
                Target::Asset(id) => id,
                Target::ByCode => match assets::find_id_by_code(txn, &code).await? {
                    Some(id) => id,
                    None => assets::insert(txn, assets::NewAsset::uploaded(&code), user_id).await?,
                },
            };
            if renders {
                renditions::enqueue(txn, &file.content_key, &file.mime).await?;
            }
            versions::add_current_version(txn, asset_id, &file, user_id).await?;
            Ok(asset_id)
        })
    })
    .await?;
    assets::load(db, asset_id).await
}
