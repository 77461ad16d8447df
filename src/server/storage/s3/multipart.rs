//! Multipart uploads damson starts, each announced by a mark (`multipart/<blob>`, holding the
//! upload's id) while it is under way. The parts of one that a killed instance left behind stay
//! in the bucket, out of every listing, until the upload is aborted; object_store cannot ask S3
//! for its multipart uploads, so the marks are how the storage sweep finds those left for a day
//! and aborts them, with no lifecycle rule needed on the bucket.

use futures_util::StreamExt;
use object_store::{ObjectStore, ObjectStoreExt, aws::AmazonS3, multipart::MultipartStore};
use std::time::Duration;

use super::{Layout, StorageError, failed, unix_now};

/// Starts a multipart upload into the blob `name` and marks it; the upload's id.
///
/// # Errors
/// `Io` from the bucket; nothing is left behind then.
pub async fn start(store: &AmazonS3, layout: &Layout, name: &str) -> Result<String, StorageError> {
    let id = store.create_multipart(&layout.blob(name)).await.map_err(failed)?;
    if let Err(error) = mark(store, layout, name, &id).await {
        let _ = store.abort_multipart(&layout.blob(name), &id).await;
        return Err(error);
    }
    Ok(id)
}

/// Marks the upload again: it is in use (a resumable upload got a chunk), so the sweep leaves
/// it another day.
///
/// # Errors
/// `Io` from the bucket.
pub async fn mark(store: &AmazonS3, layout: &Layout, name: &str, id: &str) -> Result<(), StorageError> {
    store
        .put(&layout.multipart_mark(name), id.to_owned().into())
        .await
        .map(drop)
        .map_err(failed)
}

/// The upload into `name` is completed or aborted: its mark goes.
pub async fn ended(store: &AmazonS3, layout: &Layout, name: &str) {
    match store.delete(&layout.multipart_mark(name)).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
        Err(error) => tracing::warn!("could not remove the mark of the multipart upload {name}: {error}"),
    }
}

/// Aborts the multipart uploads whose mark is older than `idle_for`, and removes their marks.
/// How many it aborted.
///
/// # Errors
/// `Io` when the marks cannot be listed; an upload that cannot be aborted waits for next time.
pub async fn abort_abandoned(store: &AmazonS3, layout: &Layout, idle_for: Duration) -> Result<usize, StorageError> {
    let cutoff = unix_now() - i64::try_from(idle_for.as_secs()).unwrap_or(i64::MAX);
    let mut marks = store.list(Some(&layout.multipart_marks()));
    let mut aborted = 0;
    while let Some(mark) = marks.next().await.transpose().map_err(failed)? {
        if mark.last_modified.timestamp() >= cutoff {
            continue;
        }
        let Some(name) = mark.location.filename().map(str::to_owned) else {
            continue;
        };
        let id = match store.get(&mark.location).await {
            Ok(got) => got.bytes().await.map_err(failed)?,
            Err(object_store::Error::NotFound { .. }) => continue,
            Err(error) => return Err(failed(error)),
        };
        let id = String::from_utf8_lossy(&id).into_owned();
        match store.abort_multipart(&layout.blob(&name), &id).await {
            Ok(()) => aborted += 1,
            // Completed or aborted already: only the mark was left.
            Err(object_store::Error::NotFound { .. }) => {}
            Err(error) => {
                tracing::warn!("could not abort the abandoned multipart upload {name}: {error}");
                continue;
            }
        }
        ended(store, layout, &name).await;
    }
    Ok(aborted)
}
