//! The resumable upload protocol, one path for every file that comes in: create an upload with
//! its size (refused at once when too large), send its chunks at their offsets, ask for the
//! offset after a break, then import it. Each chunk is hashed as it arrives and the hash's state
//! kept with the upload, so any instance takes the next chunk and no file is ever held whole.

mod chunk_hold;
mod turns;
mod whole;

pub use chunk_hold::release_holds_of_gone_processes;
pub use turns::{CHUNKS_AT_ONCE, ChunkTurns};
pub use whole::{receive_whole, take_whole};

use chunk_hold::ChunkHold;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use sha2::{
    Digest, Sha256,
    digest::common::hazmat::{SerializableState, SerializedState},
};
use std::time::Duration;

use super::{
    db::{self, uploads::StoredUpload},
    errors::internal,
    ingest::{self, Arrival, Target},
    media::inspect_head,
    random,
    state::AppState,
    storage::{ByteStream, ContentKey, Staged},
};
use crate::domain::{AppError, Asset, CHUNK_BYTES, FileName, ImportOutcome, Upload, UploadId, User, check_chunk};

/// A chunk whose bytes stop coming for this long has broken off, even if the connection stays.
const STALLED_AFTER: Duration = Duration::from_secs(30);
/// An upload nobody sent a chunk to for this long is removed, bytes and all.
pub const IDLE_FOR: Duration = Duration::from_secs(24 * 3600);

/// Starts an upload of `size` bytes called `file_name`.
///
/// # Errors
/// `Validation` for a bad name or an empty file, `PayloadTooLarge` past the upload limit.
pub async fn create(state: &AppState, user: &User, file_name: &str, size: u64) -> Result<Upload, AppError> {
    let file_name = FileName::parse(file_name)?;
    let limit = state.config.max_upload_bytes;
    if size > limit {
        return Err(AppError::file_too_large(file_name.as_str(), Some(size), limit));
    }
    if size == 0 {
        return Err(AppError::Validation(format!("\"{file_name}\" is empty.")));
    }
    let id = UploadId(random::hex_128().map_err(|e| internal("random", e))?);
    let handle = state.storage.open_upload().await?;
    let stored = StoredUpload {
        upload: Upload {
            id,
            file_name: file_name.as_str().to_owned(),
            size,
            received: 0,
            imported: None,
        },
        user_id: user.id,
        handle,
        hash_state: Sha256::new().serialize().to_vec(),
        receipts: Vec::new(),
        content_key: None,
        import_id: None,
        media: None,
    };
    if let Err(error) = db::uploads::insert(&state.db, &stored).await {
        let _ = state.storage.remove_upload(&stored.handle).await;
        return Err(error.into());
    }
    Ok(stored.upload)
}

/// The user's upload: how much of it the server has.
///
/// # Errors
/// `NotFound` unless the user has an upload with this id.
pub async fn find(state: &AppState, user: &User, id: &UploadId) -> Result<StoredUpload, AppError> {
    if !id.is_well_formed() {
        return Err(AppError::NotFound);
    }
    db::uploads::find(&state.db, user.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The user's uploads, oldest first: what the Upload assets page lists after a reload.
///
/// # Errors
/// Database failures.
pub async fn of_user(state: &AppState, user: &User) -> Result<Vec<Upload>, AppError> {
    let stored = db::uploads::of_user(&state.db, user.id).await?;
    Ok(stored.into_iter().map(|stored| stored.upload).collect())
}

/// Takes the chunk at `offset` (`length` bytes, when the sender said). Nothing of a chunk that
/// breaks off is kept: the upload still has what it had, and the chunk is sent again.
///
/// # Errors
/// `NotFound`; `Conflict` when the chunk is not the next one or another try of it is on its way;
/// `Validation` when it is not the chunk's length or breaks off; storage failures.
pub async fn receive_chunk(
    state: &AppState,
    user: &User,
    id: &UploadId,
    offset: u64,
    length: Option<u64>,
    body: ByteStream,
) -> Result<Upload, AppError> {
    let mut stored = find(state, user, id).await?;
    let range = check_chunk(&stored.upload, offset, length)?;
    let _turn = state.chunk_turns.take().await?;
    let Some(mut hold) = ChunkHold::take(&state.db, id, offset).await? else {
        let now = find(state, user, id).await?;
        check_chunk(&now.upload, offset, length)?;
        return Err(AppError::Conflict(format!(
            "Another try of the chunk at byte {offset} of \u{ab}{}\u{bb} is on its way; ask for the offset again in a moment.",
            stored.upload.file_name
        )));
    };
    let mut hasher = hasher_of(&stored.hash_state)?;
    let wanted = range.end - range.start;
    let chunk = read_chunk(body, wanted, &mut hasher).await.map_err(|reason| {
        AppError::Validation(format!(
            "The chunk at byte {offset} of \u{ab}{}\u{bb} {reason}; the server still has {offset} bytes, send from there.",
            stored.upload.file_name
        ))
    })?;
    if offset == 0 {
        // The file's head is in its first chunk: looked at now, it need not be read at import.
        stored.media = Some(inspect_head(chunk.clone()).await?);
    }
    let index = usize::try_from(offset / CHUNK_BYTES).unwrap_or(usize::MAX);
    let receipt = state.storage.put_chunk(&stored.handle, index, offset, chunk).await?;
    stored.receipts.push(receipt);
    stored.upload.received = range.end;
    stored.hash_state = hasher.serialize().to_vec();
    let content_key = stored
        .upload
        .is_complete()
        .then(|| random::hex(&hasher.clone().finalize()));
    let Some(held_until) = hold.stop().await else {
        return Err(AppError::Conflict(format!(
            "The chunk at byte {offset} of \u{ab}{}\u{bb} took so long that another try took its place.",
            stored.upload.file_name
        )));
    };
    if !db::uploads::record_chunk(&state.db, &stored, offset, held_until, content_key.as_deref()).await? {
        return Err(internal(
            "upload",
            format!("upload {} moved on while a chunk was held", id.0),
        ));
    }
    hold.recorded();
    Ok(stored.upload)
}

/// Makes the complete upload a new asset or a new version (`ingest`), and removes it once
/// recorded. The asset, and what the file became.
///
/// # Errors
/// `NotFound`, `Conflict` while bytes are missing, those of `ingest_staged`.
pub async fn finish(
    state: &AppState,
    user: &User,
    id: &UploadId,
    target: Target,
) -> Result<(Asset, ImportOutcome), AppError> {
    let stored = find(state, user, id).await?;
    if stored.import_id.is_some() {
        return Err(AppError::Conflict(format!(
            "\u{ab}{}\u{bb} is part of an import already.",
            stored.upload.file_name
        )));
    }
    target.check(&state.db).await?;
    let file_name = FileName::parse(&stored.upload.file_name)?;
    let staged = staged(state, &stored).await?;
    let arrival = Arrival {
        file_name,
        target,
        staged,
        import: None,
        media: stored.media.clone(),
    };
    let recorded = ingest::ingest_staged(state, user, arrival).await?;
    if let Err(error) = forget(state, &stored).await {
        tracing::warn!("could not remove the imported upload {}: {}", id.0, error);
    }
    let asset = db::assets::load(&state.db, recorded.asset_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((asset, recorded.outcome))
}

/// Removes the user's upload, its bytes too, whatever it had received.
///
/// # Errors
/// `NotFound`, storage or database failures.
pub async fn remove(state: &AppState, user: &User, id: &UploadId) -> Result<(), AppError> {
    let stored = find(state, user, id).await?;
    forget(state, &stored).await
}

async fn forget(state: &AppState, stored: &StoredUpload) -> Result<(), AppError> {
    state.storage.remove_upload(&stored.handle).await?;
    db::uploads::delete(&state.db, &stored.upload.id).await?;
    Ok(())
}

/// A complete upload's bytes, staged to be kept; they stay the upload's until it is removed.
///
/// # Errors
/// `Conflict` while bytes are missing; storage failures.
pub async fn staged(state: &AppState, stored: &StoredUpload) -> Result<Staged, AppError> {
    let Some(key) = stored.content_key.as_deref() else {
        return Err(AppError::Conflict(format!(
            "\u{ab}{}\u{bb} has {} of its {} bytes on the server; send the rest first.",
            stored.upload.file_name, stored.upload.received, stored.upload.size
        )));
    };
    let key = ContentKey::parse(key)?;
    let staged = state
        .storage
        .staged_upload(&stored.handle, &stored.receipts, key, stored.upload.size)
        .await?;
    Ok(staged)
}

/// Removes, bytes and all, the uploads nobody sent a chunk to for a day. How many went.
///
/// # Errors
/// Database failures; an upload whose bytes cannot be removed stays for the next time.
pub async fn remove_idle(state: &AppState) -> Result<usize, AppError> {
    let before = db::now_millis() - i64::try_from(IDLE_FOR.as_millis()).unwrap_or(i64::MAX);
    let mut removed = 0;
    loop {
        let idle = db::uploads::idle_since(&state.db, before, 100).await?;
        let page = idle.len();
        for stored in idle {
            match forget(state, &stored).await {
                Ok(()) => removed += 1,
                Err(error) => {
                    tracing::warn!("could not remove the idle upload {}: {error}", stored.upload.id.0);
                    return Ok(removed);
                }
            }
        }
        if page < 100 {
            return Ok(removed);
        }
    }
}

fn hasher_of(state: &[u8]) -> Result<Sha256, AppError> {
    SerializedState::<Sha256>::try_from(state)
        .ok()
        .and_then(|state| Sha256::deserialize(&state).ok())
        .ok_or_else(|| internal("upload", "an upload's hash state does not read back"))
}

/// Reads exactly `wanted` bytes of `body` into memory, hashing them as they come.
async fn read_chunk(mut body: ByteStream, wanted: u64, hasher: &mut Sha256) -> Result<Bytes, String> {
    let mut chunk = BytesMut::with_capacity(usize::try_from(wanted).unwrap_or(0));
    loop {
        let next = tokio::time::timeout(STALLED_AFTER, body.next())
            .await
            .map_err(|_| format!("stalled after {} bytes", chunk.len()))?;
        let Some(piece) = next else { break };
        let piece = piece.map_err(|e| format!("broke off after {} bytes ({e})", chunk.len()))?;
        if (chunk.len() + piece.len()) as u64 > wanted {
            return Err(format!("is longer than its {wanted} bytes"));
        }
        hasher.update(&piece);
        chunk.extend_from_slice(&piece);
    }
    if (chunk.len() as u64) < wanted {
        return Err(format!("broke off after {} of its {wanted} bytes", chunk.len()));
    }
    Ok(chunk.freeze())
}
