//! A resumable upload in the bucket: an S3 multipart upload into a new blob, one part per chunk.
//! Its handle is the blob's name and the multipart upload's id; each part's receipt is its ETag.
//! Completed when it is first staged, the blob then waits, unmarked, to be kept: the sweep of
//! abandoned blobs removes it a day later if nobody does.

use object_store::{
    ObjectStoreExt,
    aws::AmazonS3,
    multipart::{MultipartStore, PartId},
};
use std::io;

use super::{Layout, StorageError, UploadHandle, failed, multipart, new_blob_name};

/// The blob's name and the multipart upload's id.
pub(super) fn parts(upload: &UploadHandle) -> Result<(&str, &str), StorageError> {
    upload
        .0
        .split_once(' ')
        .filter(|(name, _)| !name.is_empty() && name.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| StorageError::InvalidKey(upload.0.clone()))
}

pub async fn open(store: &AmazonS3, layout: &Layout) -> Result<UploadHandle, StorageError> {
    let name = new_blob_name()?;
    let id = multipart::start(store, layout, &name).await?;
    Ok(UploadHandle(format!("{name} {id}")))
}

pub async fn put_chunk(
    store: &AmazonS3,
    layout: &Layout,
    upload: &UploadHandle,
    index: usize,
    chunk: bytes::Bytes,
) -> Result<String, StorageError> {
    let (name, id) = parts(upload)?;
    let id = id.to_owned();
    let part = store
        .put_part(&layout.blob(name), &id, index, chunk.into())
        .await
        .map_err(failed)?;
    multipart::mark(store, layout, name, &id).await?;
    Ok(part.content_id)
}

/// Completes the multipart upload, unless an earlier call did, and returns the blob's name.
pub async fn complete(
    store: &AmazonS3,
    layout: &Layout,
    upload: &UploadHandle,
    receipts: &[String],
    size: u64,
) -> Result<String, StorageError> {
    let (name, id) = parts(upload)?;
    let path = layout.blob(name);
    let held = match store.head(&path).await {
        Ok(meta) => meta.size,
        Err(object_store::Error::NotFound { .. }) => {
            let receipts = receipts
                .iter()
                .map(|receipt| PartId {
                    content_id: receipt.clone(),
                })
                .collect();
            store
                .complete_multipart(&path, &id.to_owned(), receipts)
                .await
                .map_err(failed)?;
            multipart::ended(store, layout, name).await;
            store.head(&path).await.map_err(failed)?.size
        }
        Err(error) => return Err(failed(error)),
    };
    if held != size {
        return Err(StorageError::UploadBrokeOff(io::Error::other(format!(
            "{held} of {size} bytes are there"
        ))));
    }
    Ok(name.to_owned())
}

/// Aborts the multipart upload, or removes its blob unless it was kept.
pub async fn remove(store: &AmazonS3, layout: &Layout, upload: &UploadHandle) -> Result<(), StorageError> {
    let (name, id) = parts(upload)?;
    let path = layout.blob(name);
    // Aborting a completed or aborted upload fails harmlessly; the blob decides what is left.
    let _ = store.abort_multipart(&path, &id.to_owned()).await;
    multipart::ended(store, layout, name).await;
    match store.head(&layout.kept_mark(name)).await {
        Ok(_) => return Ok(()),
        Err(object_store::Error::NotFound { .. }) => {}
        Err(error) => return Err(failed(error)),
    }
    match store.delete(&path).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
        Err(error) => Err(failed(error)),
    }
}
