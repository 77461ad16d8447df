//! A blob on its way into the bucket: how a body streams into it, the meter its bytes pass through, the guards that remove
//! it (or abort its multipart upload) when it is dropped before it is kept, and the sweep of
//! blobs a crash left without a pointer.

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt, aws::AmazonS3, multipart::MultipartStore, path::Path};
use sha2::{Digest, Sha256};
use std::{io, sync::Arc};

use super::{
    ABANDONED_AFTER_SECS, ByteStream, PART, S3Storage, StorageError, direct_put, failed,
    layout::{KEPT, Layout},
    multipart, unix_now,
};

impl S3Storage {
    /// Streams `body` into the blob `name` at `path`: one PUT when `length` is announced, else
    /// multipart, a part at a time.
    pub(super) async fn upload(
        &self,
        name: &str,
        path: &Path,
        mut body: ByteStream,
        limit: u64,
        length: Option<u64>,
    ) -> Result<Meter, StorageError> {
        let mut meter = Meter::new(limit, length);
        match length {
            Some(length) if length <= direct_put::MAX_LENGTH && length <= limit => {
                let (sending, done) = self.direct.start(path, length);
                let fed = async move {
                    while let Some(chunk) = body.next().await {
                        let chunk = meter.take(chunk)?;
                        if !sending.send(chunk).await {
                            break; // The PUT ended early; its answer says why.
                        }
                    }
                    meter.finish()
                };
                // Whichever fails first drops the other: a PUT cut short keeps nothing.
                let (meter, ()) = futures_util::future::try_join(fed, done).await?;
                Ok(meter)
            }
            _ => {
                let id = multipart::start(&self.store, &self.layout, name).await?;
                let mut upload = Unfinished {
                    store: Arc::clone(&self.store),
                    layout: self.layout.clone(),
                    name: Some(name.to_owned()),
                    id: id.clone(),
                };
                match self.send_parts(path, &id, body, meter).await {
                    Ok(meter) => {
                        upload.name = None;
                        multipart::ended(&self.store, &self.layout, name).await;
                        Ok(meter)
                    }
                    // Given up before answering, so that a refused upload leaves nothing behind.
                    Err(error) => {
                        upload.name = None;
                        let _ = self.store.abort_multipart(path, &id).await;
                        multipart::ended(&self.store, &self.layout, name).await;
                        Err(error)
                    }
                }
            }
        }
    }

    /// Sends `body` as the parts of the multipart upload `id` into `path`, a part at a time, and
    /// completes it.
    async fn send_parts(
        &self,
        path: &Path,
        id: &str,
        mut body: ByteStream,
        mut meter: Meter,
    ) -> Result<Meter, StorageError> {
        let mut parts = Vec::new();
        let mut part = BytesMut::new();
        while let Some(chunk) = body.next().await {
            part.extend_from_slice(&meter.take(chunk)?);
            while part.len() >= PART {
                let full = part.split_to(PART).freeze();
                parts.push(
                    self.store
                        .put_part(path, &id.to_owned(), parts.len(), full.into())
                        .await
                        .map_err(failed)?,
                );
            }
        }
        let meter = meter.finish()?;
        if !part.is_empty() || parts.is_empty() {
            let last = part.freeze();
            parts.push(
                self.store
                    .put_part(path, &id.to_owned(), parts.len(), last.into())
                    .await
                    .map_err(failed)?,
            );
        }
        self.store
            .complete_multipart(path, &id.to_owned(), parts)
            .await
            .map_err(failed)?;
        Ok(meter)
    }
}

/// Hashes and counts a body as it passes, holding it to `limit` and to the `length` announced.
pub(super) struct Meter {
    pub(super) hasher: Sha256,
    pub(super) size: u64,
    pub(super) limit: u64,
    pub(super) length: Option<u64>,
}

impl Meter {
    pub(super) fn new(limit: u64, length: Option<u64>) -> Self {
        Meter {
            hasher: Sha256::new(),
            size: 0,
            limit,
            length,
        }
    }

    pub(super) fn take(&mut self, chunk: io::Result<Bytes>) -> Result<Bytes, StorageError> {
        let chunk = chunk.map_err(StorageError::UploadBrokeOff)?;
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(StorageError::TooLarge { limit: self.limit });
        }
        if self.length.is_some_and(|length| self.size > length) {
            return Err(StorageError::UploadBrokeOff(io::Error::other("longer than announced")));
        }
        self.hasher.update(&chunk);
        Ok(chunk)
    }

    pub(super) fn finish(self) -> Result<Self, StorageError> {
        if self.length.is_some_and(|length| self.size != length) {
            return Err(StorageError::UploadBrokeOff(io::Error::other("shorter than announced")));
        }
        Ok(self)
    }
}

/// Removes the blobs of uploads that never got a pointer: a crash between streaming and keeping.
/// The listing comes in name order (as S3 lists), where each blob's mark comes right after it.
pub(super) async fn remove_abandoned_blobs(store: Arc<AmazonS3>, layout: Layout) {
    let cutoff = unix_now() - ABANDONED_AFTER_SECS;
    let mut listing = store.list(Some(&layout.blobs()));
    let mut unmarked: Option<ObjectMeta> = None;
    loop {
        let next = match listing.next().await.transpose() {
            Ok(next) => next,
            Err(error) => return tracing::warn!("could not list the bucket's blobs: {error}"),
        };
        if let Some(blob) = unmarked.take() {
            let marked = next
                .as_ref()
                .is_some_and(|mark| mark.location.as_ref().strip_suffix(KEPT) == Some(blob.location.as_ref()));
            if !marked
                && blob.last_modified.timestamp() < cutoff
                && let Err(error) = store.delete(&blob.location).await
            {
                tracing::warn!("could not remove the abandoned blob {}: {error}", blob.location);
            }
        }
        match next {
            None => return,
            Some(meta) if !meta.location.as_ref().ends_with(KEPT) => unmarked = Some(meta),
            Some(_) => {}
        }
    }
}

/// A blob that is removed when dropped, unless kept.
pub(super) struct StagedBlob {
    pub(super) store: Arc<AmazonS3>,
    pub(super) name: String,
    pub(super) path: Option<Path>,
}

impl Drop for StagedBlob {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let store = Arc::clone(&self.store);
            tokio::spawn(async move {
                let _ = store.delete(&path).await;
            });
        }
    }
}

/// A multipart upload that is aborted when dropped halfway (an error, a limit, a request
/// cancelled), its mark removed with it.
pub(super) struct Unfinished {
    pub(super) store: Arc<AmazonS3>,
    pub(super) layout: Layout,
    /// The blob's name, until the upload is completed.
    pub(super) name: Option<String>,
    pub(super) id: String,
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Some(name) = self.name.take() {
            let (store, layout, id) = (Arc::clone(&self.store), self.layout.clone(), self.id.clone());
            tokio::spawn(async move {
                let _ = store.abort_multipart(&layout.blob(&name), &id).await;
                multipart::ended(&store, &layout, &name).await;
            });
        }
    }
}
