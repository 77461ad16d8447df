//! Objects in an S3-compatible bucket, for instances that share their files (the layout is in
//! `layout`). An upload streams into a new blob while it is hashed: in one PUT when its length is
//! announced, otherwise as a multipart upload (at most a few parts of 8 MiB in memory). Nothing
//! is staged on local disk. Keeping it writes the content key's pointer, create-only, so a stored
//! object is never overwritten.

mod direct_put;
mod layout;
mod multipart;
mod staging;
mod uploads;

use async_trait::async_trait;
use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use object_store::{
    GetOptions, ObjectStore, ObjectStoreExt, PutMode,
    aws::{AmazonS3, AmazonS3Builder},
};
use sha2::Digest;
use std::{
    collections::HashMap,
    io,
    ops::Range,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime},
};

use super::{ByteStream, ContentKey, Staged, Storage, StorageError, StoredObject, UploadHandle};
use direct_put::DirectPut;
use layout::{Layout, Pointer, new_blob_name};
use staging::{Meter, StagedBlob, remove_abandoned_blobs};

/// The size of one part of a multipart upload.
const PART: usize = 8 * 1024 * 1024;
/// Pointers remembered: they never change while their object exists.
const POINTERS_REMEMBERED: usize = 4096;
/// A blob not marked kept after this long was abandoned by a crash.
const ABANDONED_AFTER_SECS: i64 = 24 * 3600;

#[derive(Debug)]
pub struct S3Storage {
    store: Arc<AmazonS3>,
    layout: Layout,
    direct: DirectPut,
    pointers: Mutex<HashMap<ContentKey, Pointer>>,
}

impl S3Storage {
    /// The bucket `bucket` under `prefix`, reached with the usual `AWS_*` variables
    /// (`AWS_ENDPOINT`, `AWS_ALLOW_HTTP`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, …), path-style.
    /// Starts removing, in the background, the blobs of uploads a crash left behind.
    ///
    /// # Errors
    /// A message when the settings are incomplete or the bucket cannot be listed.
    pub async fn open(bucket: &str, prefix: &str) -> Result<Self, String> {
        let store = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_virtual_hosted_style_request(false)
            .build()
            .map_err(|e| e.to_string())?;
        let store = Arc::new(store);
        let layout = Layout::new(prefix);
        // Listing proves the bucket and the keys before the first upload needs them.
        store
            .list_with_delimiter(Some(&layout.pointers()))
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(remove_abandoned_blobs(Arc::clone(&store), layout.clone()));
        Ok(S3Storage {
            direct: DirectPut::new(Arc::clone(&store)),
            store,
            layout,
            pointers: Mutex::new(HashMap::new()),
        })
    }

    /// The key's pointer, from memory when `remembered` allows it.
    async fn pointer(&self, key: &ContentKey, remembered: bool) -> Result<Option<Pointer>, StorageError> {
        if remembered && let Some(pointer) = self.remembered().get(key) {
            return Ok(Some(pointer.clone()));
        }
        let bytes = match self.store.get(&self.layout.pointer(key)).await {
            Ok(found) => found.bytes().await.map_err(failed)?,
            Err(object_store::Error::NotFound { .. }) => {
                self.remembered().remove(key);
                return Ok(None);
            }
            Err(error) => return Err(failed(error)),
        };
        let pointer = Pointer::decode(&bytes).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the object for {key} is not a pointer to a blob"),
            )
        })?;
        self.remember(key, &pointer);
        Ok(Some(pointer))
    }

    fn remembered(&self) -> std::sync::MutexGuard<'_, HashMap<ContentKey, Pointer>> {
        self.pointers.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn remember(&self, key: &ContentKey, pointer: &Pointer) {
        let mut remembered = self.remembered();
        if remembered.len() >= POINTERS_REMEMBERED {
            remembered.clear();
        }
        remembered.insert(key.clone(), pointer.clone());
    }
}

fn unix_now() -> i64 {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    i64::try_from(now).unwrap_or(i64::MAX)
}

fn failed(error: object_store::Error) -> StorageError {
    StorageError::Io(io::Error::other(error))
}

#[async_trait]
impl Storage for S3Storage {
    async fn stage(&self, body: ByteStream, limit: u64, length: Option<u64>) -> Result<Staged, StorageError> {
        let name = new_blob_name()?;
        let path = self.layout.blob(&name);
        let Meter { hasher, size, .. } = self.upload(&name, &path, body, limit, length).await?;
        Ok(Staged {
            key: ContentKey::from_digest(&hasher.finalize()),
            size,
            upload: None,
            bytes: Box::new(StagedBlob {
                store: Arc::clone(&self.store),
                name,
                path: Some(path),
            }),
        })
    }

    async fn keep(&self, staged: Staged) -> Result<StoredObject, StorageError> {
        let Staged { key, size, bytes, .. } = staged;
        let mut blob = bytes
            .downcast::<StagedBlob>()
            .map_err(|_| io::Error::other("the content was staged by another storage"))?;
        let pointer = Pointer {
            blob: blob.name.clone(),
            size,
        };
        // Marked first: a crash before the pointer leaves a marked blob nobody points at, which
        // costs space; a pointer to an unmarked blob would lose the file a day later.
        let mark = self.layout.kept_mark(&pointer.blob);
        self.store.put(&mark, Bytes::new().into()).await.map_err(failed)?;
        let created = self
            .store
            .put_opts(
                &self.layout.pointer(&key),
                pointer.encode().into(),
                PutMode::Create.into(),
            )
            .await;
        match created {
            Ok(_) => {
                blob.path = None;
                self.remember(&key, &pointer);
            }
            // These very bytes were kept before: an upload's import tried again.
            Err(object_store::Error::AlreadyExists { .. })
                if self
                    .pointer(&key, false)
                    .await?
                    .is_some_and(|existing| existing.blob == pointer.blob) =>
            {
                blob.path = None;
            }
            // The same content is stored already: keep that one as it is, and remove this blob
            // before answering, so the bucket holds the file once when the upload is done. An
            // upload's blob stays its own until the upload is removed, for another try.
            Err(object_store::Error::AlreadyExists { .. }) => {
                for path in blob.path.take().into_iter().chain([mark]) {
                    if let Err(error) = self.store.delete(&path).await {
                        tracing::warn!("could not remove the duplicate upload {path}: {error}");
                    }
                }
            }
            Err(error) => {
                let _ = self.store.delete(&mark).await;
                return Err(failed(error));
            }
        }
        Ok(StoredObject { key, size })
    }

    async fn open_upload(&self) -> Result<UploadHandle, StorageError> {
        uploads::open(&self.store, &self.layout).await
    }

    async fn put_chunk(
        &self,
        upload: &UploadHandle,
        index: usize,
        _offset: u64,
        chunk: Bytes,
    ) -> Result<String, StorageError> {
        uploads::put_chunk(&self.store, &self.layout, upload, index, chunk).await
    }

    async fn staged_upload(
        &self,
        upload: &UploadHandle,
        receipts: &[String],
        key: ContentKey,
        size: u64,
    ) -> Result<Staged, StorageError> {
        let name = uploads::complete(&self.store, &self.layout, upload, receipts, size).await?;
        Ok(Staged {
            key,
            size,
            upload: Some(upload.clone()),
            // The blob is the upload's until it is kept: dropped, it stays for another try.
            bytes: Box::new(StagedBlob {
                store: Arc::clone(&self.store),
                name,
                path: None,
            }),
        })
    }

    async fn remove_upload(&self, upload: &UploadHandle) -> Result<(), StorageError> {
        uploads::remove(&self.store, &self.layout, upload).await
    }

    async fn abort_abandoned_uploads(&self, idle_for: Duration) -> Result<usize, StorageError> {
        multipart::abort_abandoned(&self.store, &self.layout, idle_for).await
    }

    async fn get(&self, key: &ContentKey, range: Option<Range<u64>>) -> Result<ByteStream, StorageError> {
        for remembered in [true, false] {
            let pointer = self
                .pointer(key, remembered)
                .await?
                .ok_or_else(|| StorageError::NotFound(key.clone()))?;
            if let Some(Range { start, end }) = range.clone() {
                if start > end || end > pointer.size {
                    return Err(StorageError::RangeNotSatisfiable {
                        start,
                        end,
                        size: pointer.size,
                    });
                }
                if start == end {
                    return Ok(Box::pin(futures_util::stream::empty()));
                }
            }
            let options = GetOptions::new().with_range(range.clone());
            match self.store.get_opts(&self.layout.blob(&pointer.blob), options).await {
                Ok(found) => return Ok(Box::pin(found.into_stream().map_err(io::Error::other))),
                // A remembered pointer whose object was deleted (and perhaps stored again) since.
                Err(object_store::Error::NotFound { .. }) => self.remembered().remove(key),
                Err(error) => return Err(failed(error)),
            };
        }
        Err(StorageError::NotFound(key.clone()))
    }

    async fn size(&self, key: &ContentKey) -> Result<Option<u64>, StorageError> {
        Ok(self.pointer(key, false).await?.map(|pointer| pointer.size))
    }

    async fn list(&self, after: Option<&ContentKey>, limit: usize) -> Result<Vec<ContentKey>, StorageError> {
        let pointers = self.layout.pointers();
        let listing = match after {
            Some(key) => self.store.list_with_offset(Some(&pointers), &self.layout.pointer(key)),
            None => self.store.list(Some(&pointers)),
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

    /// An upload's blob that was kept loses its mark, then its pointer, and is the upload's alone
    /// again: a crash in between leaves a pointer to a blob that goes with the upload, which the
    /// storage sweep removes as it removes any pointer nobody records.
    async fn unkeep(&self, key: &ContentKey, upload: Option<&UploadHandle>) -> Result<(), StorageError> {
        if let Some(upload) = upload {
            let (name, _) = uploads::parts(upload)?;
            if self
                .pointer(key, false)
                .await?
                .is_some_and(|pointer| pointer.blob == name)
            {
                self.remembered().remove(key);
                for path in [self.layout.kept_mark(name), self.layout.pointer(key)] {
                    match self.store.delete(&path).await {
                        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                        Err(error) => return Err(failed(error)),
                    }
                }
                return Ok(());
            }
        }
        self.delete(key).await
    }

    /// The blob and its mark go first, the pointer last: a crash in between leaves a pointer to
    /// nothing, which the storage sweep finds unused and removes.
    /// An object at the key that is not a pointer is removed as it is.
    async fn delete(&self, key: &ContentKey) -> Result<(), StorageError> {
        self.remembered().remove(key);
        let mut paths = match self.pointer(key, false).await {
            Ok(None) => return Ok(()),
            Ok(Some(pointer)) => vec![self.layout.blob(&pointer.blob), self.layout.kept_mark(&pointer.blob)],
            Err(StorageError::Io(error)) if error.kind() == io::ErrorKind::InvalidData => Vec::new(),
            Err(error) => return Err(error),
        };
        paths.push(self.layout.pointer(key));
        for path in paths {
            match self.store.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(error) => return Err(failed(error)),
            }
        }
        Ok(())
    }
}
