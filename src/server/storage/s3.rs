//! Objects in an S3-compatible bucket, for instances that share their files: `PREFIX/objects/ab/cd/
//! abcd…` by content hash. An upload streams into a multipart upload at `PREFIX/incoming/…` while
//! it is hashed (at most a few parts of 8 MiB in memory, nothing on local disk), then is copied to
//! its key unless that object exists already: an object is never overwritten.

use async_trait::async_trait;
use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use object_store::{GetOptions, ObjectStore, ObjectStoreExt, WriteMultipart, aws::AmazonS3Builder, path::Path};
use sha2::{Digest, Sha256};
use std::{io, ops::Range, sync::Arc, time::SystemTime};

use super::{ByteStream, ContentKey, Staged, Storage, StorageError, StoredObject};

/// The size of one uploaded part.
const PART: usize = 8 * 1024 * 1024;
/// Parts of one upload on their way at once.
const PARTS_IN_FLIGHT: usize = 2;

#[derive(Debug)]
pub struct S3Storage {
    store: Arc<dyn ObjectStore>,
    /// Where damson's objects start in the bucket: empty, or a folder such as `dam/`.
    prefix: String,
}

impl S3Storage {
    /// The bucket `bucket` under `prefix`, reached with the usual `AWS_*` variables
    /// (`AWS_ENDPOINT`, `AWS_ALLOW_HTTP`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, …), path-style.
    /// Removes staged uploads a crash left behind more than a day ago.
    ///
    /// # Errors
    /// A message when the settings are incomplete or the bucket cannot be listed.
    pub async fn open(bucket: &str, prefix: &str) -> Result<Self, String> {
        let store = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_virtual_hosted_style_request(false)
            .build()
            .map_err(|e| e.to_string())?;
        let prefix = prefix.trim_matches('/');
        let storage = S3Storage {
            store: Arc::new(store),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        };
        storage.remove_abandoned_uploads().await.map_err(|e| e.to_string())?;
        Ok(storage)
    }

    fn path_of(&self, key: &ContentKey) -> Path {
        let hex = key.as_str();
        Path::from(format!("{}objects/{}/{}/{hex}", self.prefix, &hex[..2], &hex[2..4]))
    }

    fn new_incoming(&self) -> Path {
        Path::from(format!("{}incoming/{}", self.prefix, super::incoming_name()))
    }

    async fn remove_abandoned_uploads(&self) -> Result<(), object_store::Error> {
        let incoming = Path::from(format!("{}incoming", self.prefix));
        let day_ago = chrono_like_day_ago();
        let stale: Vec<Path> = self
            .store
            .list(Some(&incoming))
            .try_filter(|meta| std::future::ready(meta.last_modified.timestamp() < day_ago))
            .map_ok(|meta| meta.location)
            .try_collect()
            .await?;
        for path in stale {
            self.store.delete(&path).await?;
        }
        Ok(())
    }
}

/// A day ago, in Unix seconds.
fn chrono_like_day_ago() -> i64 {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    i64::try_from(now).unwrap_or(i64::MAX) - 24 * 3600
}

fn failed(error: object_store::Error) -> StorageError {
    StorageError::Io(io::Error::other(error))
}

/// A staged object: removed when dropped unless kept.
struct StagedObject {
    store: Arc<dyn ObjectStore>,
    path: Option<Path>,
}

impl Drop for StagedObject {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let store = Arc::clone(&self.store);
            tokio::spawn(async move {
                let _ = store.delete(&path).await;
            });
        }
    }
}

/// A multipart upload that is aborted when dropped halfway (an error, a limit, a request cancelled).
struct Upload(Option<WriteMultipart>);

impl Drop for Upload {
    fn drop(&mut self) {
        if let Some(upload) = self.0.take() {
            tokio::spawn(async move {
                let _ = upload.abort().await;
            });
        }
    }
}

#[async_trait]
impl Storage for S3Storage {
    async fn stage(&self, mut body: ByteStream, limit: u64) -> Result<Staged, StorageError> {
        let path = self.new_incoming();
        let multipart = self.store.put_multipart(&path).await.map_err(failed)?;
        let mut upload = Upload(Some(WriteMultipart::new_with_chunk_size(multipart, PART)));
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk: Bytes = chunk.map_err(StorageError::UploadBrokeOff)?;
            size += chunk.len() as u64;
            if size > limit {
                return Err(StorageError::TooLarge { limit });
            }
            hasher.update(&chunk);
            let writer = upload.0.as_mut().ok_or_else(|| io::Error::other("the upload ended"))?;
            writer.wait_for_capacity(PARTS_IN_FLIGHT).await.map_err(failed)?;
            writer.write(&chunk);
        }
        let writer = upload.0.take().ok_or_else(|| io::Error::other("the upload ended"))?;
        writer.finish().await.map_err(failed)?;
        Ok(Staged {
            key: ContentKey::from_digest(&hasher.finalize()),
            size,
            bytes: Box::new(StagedObject {
                store: Arc::clone(&self.store),
                path: Some(path),
            }),
        })
    }

    async fn keep(&self, staged: Staged) -> Result<StoredObject, StorageError> {
        let Staged { key, size, bytes } = staged;
        let staged = bytes
            .downcast::<StagedObject>()
            .map_err(|_| io::Error::other("the content was staged by another storage"))?;
        let from = staged.path.clone().ok_or_else(|| io::Error::other("nothing staged"))?;
        let target = self.path_of(&key);
        match self.store.head(&target).await {
            // The same content is stored already: keep that one as it is.
            Ok(_) => {}
            Err(object_store::Error::NotFound { .. }) => self.store.copy(&from, &target).await.map_err(failed)?,
            Err(error) => return Err(failed(error)),
        }
        // Dropping the staged object removes it.
        drop(staged);
        Ok(StoredObject { key, size })
    }

    async fn get(&self, key: &ContentKey, range: Option<Range<u64>>) -> Result<ByteStream, StorageError> {
        let path = self.path_of(key);
        if let Some(Range { start, end }) = range.clone() {
            let size = self
                .size(key)
                .await?
                .ok_or_else(|| StorageError::NotFound(key.clone()))?;
            if start > end || end > size {
                return Err(StorageError::RangeNotSatisfiable { start, end, size });
            }
            if start == end {
                return Ok(Box::pin(futures_util::stream::empty()));
            }
        }
        let options = GetOptions::new().with_range(range);
        let found = match self.store.get_opts(&path, options).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Err(StorageError::NotFound(key.clone())),
            Err(error) => return Err(failed(error)),
        };
        Ok(Box::pin(found.into_stream().map_err(io::Error::other)))
    }

    async fn size(&self, key: &ContentKey) -> Result<Option<u64>, StorageError> {
        match self.store.head(&self.path_of(key)).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(failed(error)),
        }
    }

    async fn list(&self, after: Option<&ContentKey>, limit: usize) -> Result<Vec<ContentKey>, StorageError> {
        let objects = Path::from(format!("{}objects", self.prefix));
        let listing = match after {
            Some(key) => self.store.list_with_offset(Some(&objects), &self.path_of(key)),
            None => self.store.list(Some(&objects)),
        };
        let mut keys: Vec<ContentKey> = listing
            .map_err(failed)
            .try_filter_map(|meta| {
                std::future::ready(Ok(meta
                    .location
                    .filename()
                    .and_then(|name| ContentKey::parse(name).ok())))
            })
            .take(limit)
            .try_collect()
            .await?;
        keys.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        Ok(keys)
    }

    async fn delete(&self, key: &ContentKey) -> Result<(), StorageError> {
        match self.store.delete(&self.path_of(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(failed(error)),
        }
    }
}
