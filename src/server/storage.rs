//! Where file content lives: one trait, with a local-disk and an S3 backend.
//!
//! Content is addressed by its SHA-256, so identical files are stored once and a stored object
//! never changes. Keys are never the user's file name.

mod file_locks;
mod local;
mod s3;

pub use file_locks::{FileLocks, HeldFiles};
pub use local::LocalStorage;
pub use s3::S3Storage;

pub use crate::domain::UploadHandle;

use async_trait::async_trait;
use bytes::Bytes;
use futures_util::Stream;
use std::{fmt, io, ops::Range, pin::Pin};

use crate::domain::AppError;

/// A stream of file bytes, in or out.
pub type ByteStream = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

/// Reads a whole stream into memory: only for bounded reads, such as a file's first bytes.
///
/// # Errors
/// The stream's own error.
pub async fn read_to_vec(stream: ByteStream, capacity: usize) -> io::Result<Vec<u8>> {
    use futures_util::TryStreamExt;
    stream
        .try_fold(Vec::with_capacity(capacity), |mut bytes, chunk| async move {
            bytes.extend_from_slice(&chunk);
            Ok(bytes)
        })
        .await
}

/// The name of a stored object: the lowercase hex SHA-256 of its content.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentKey(String);

impl ContentKey {
    /// # Errors
    /// `InvalidKey` unless `hex` is 64 lowercase hexadecimal digits.
    pub fn parse(hex: &str) -> Result<Self, StorageError> {
        let valid = hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if valid {
            Ok(ContentKey(hex.to_owned()))
        } else {
            Err(StorageError::InvalidKey(hex.to_owned()))
        }
    }

    fn from_digest(digest: &[u8]) -> Self {
        ContentKey(super::random::hex(digest))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Content streamed in and hashed, not yet kept under its key. Dropped, it leaves nothing behind.
pub struct Staged {
    pub key: ContentKey,
    pub size: u64,
    /// The resumable upload the bytes were staged from: they stay its own, whatever becomes of
    /// this, until `remove_upload`.
    pub upload: Option<UploadHandle>,
    /// The backend's own handle on the bytes (for local disk, a file in `incoming/`).
    bytes: Box<dyn std::any::Any + Send + Sync>,
}

impl fmt::Debug for Staged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Staged")
            .field("key", &self.key)
            .field("size", &self.size)
            .field("upload", &self.upload)
            .finish()
    }
}

/// What `put` stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObject {
    pub key: ContentKey,
    pub size: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the upload broke off: {0}")]
    UploadBrokeOff(io::Error),
    #[error("no stored object {0}")]
    NotFound(ContentKey),
    #[error("{0:?} is not a content key")]
    InvalidKey(String),
    #[error("bytes {start}..{end} are outside the {size} bytes stored")]
    RangeNotSatisfiable { start: u64, end: u64, size: u64 },
    #[error("storage: {0}")]
    Io(#[from] io::Error),
}

/// A place to keep file content. Callers hold an `Arc<dyn Storage>` and never learn which.
#[async_trait]
pub trait Storage: fmt::Debug + Send + Sync + 'static {
    /// Streams `body` in, hashing as it goes, so its key is known before it is kept. Nothing
    /// stays behind when the body fails, is dropped halfway, or passes `limit` bytes. `length`
    /// is the size the sender announced, if it did: the body must then be exactly that long, and
    /// a backend may send it on in one piece.
    ///
    /// # Errors
    /// `TooLarge`, `UploadBrokeOff`, or `Io` from the backend.
    async fn stage(&self, body: ByteStream, limit: u64, length: Option<u64>) -> Result<Staged, StorageError>;

    /// Keeps staged content under its key; content already stored there is kept as it is, never
    /// overwritten. Callers that record a use of the file hold its lock (`FileLocks`) from here.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn keep(&self, staged: Staged) -> Result<StoredObject, StorageError>;

    /// `stage`, then `keep`.
    ///
    /// # Errors
    /// Those of both.
    async fn put(&self, body: ByteStream, limit: u64) -> Result<StoredObject, StorageError> {
        let staged = self.stage(body, limit, None).await?;
        self.keep(staged).await
    }

    /// The object's bytes, all of them or the half-open `range`.
    ///
    /// # Errors
    /// `NotFound`, `RangeNotSatisfiable`, or `Io` from the backend.
    async fn get(&self, key: &ContentKey, range: Option<Range<u64>>) -> Result<ByteStream, StorageError>;

    /// The object's size, or `None` when there is no such object.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn size(&self, key: &ContentKey) -> Result<Option<u64>, StorageError>;

    /// Up to `limit` stored keys after `after`, in key order: a page of everything stored.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn list(&self, after: Option<&ContentKey>, limit: usize) -> Result<Vec<ContentKey>, StorageError>;

    /// A place for a resumable upload's bytes. Nothing is written yet.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn open_upload(&self) -> Result<UploadHandle, StorageError>;

    /// Keeps `chunk`, the upload's `index`th (from 0), which starts at byte `offset`: every chunk
    /// but the last is as long as the first. What an earlier try wrote past `offset` is dropped.
    /// Returns the chunk's receipt, which `staged_upload` needs.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn put_chunk(
        &self,
        upload: &UploadHandle,
        index: usize,
        offset: u64,
        chunk: Bytes,
    ) -> Result<String, StorageError>;

    /// The upload's `size` bytes, all received and hashed to `key` by the caller, staged to be
    /// kept. The upload's bytes stay where they are until `remove_upload`, so a failed import can
    /// be tried again; asking twice is allowed.
    ///
    /// # Errors
    /// `UploadBrokeOff` when the bytes are not all there, `Io` from the backend.
    async fn staged_upload(
        &self,
        upload: &UploadHandle,
        receipts: &[String],
        key: ContentKey,
        size: u64,
    ) -> Result<Staged, StorageError>;

    /// Removes what is left of an upload's bytes: all of them, unless they were kept as an object.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn remove_upload(&self, upload: &UploadHandle) -> Result<(), StorageError>;

    /// Gives up the uploads into the backend that nobody touched for `idle_for` and that no
    /// upload of damson's holds any more (a killed instance left them: S3 keeps the parts of a
    /// multipart upload until it is aborted). How many it gave up.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn abort_abandoned_uploads(&self, _idle_for: std::time::Duration) -> Result<usize, StorageError> {
        Ok(0)
    }

    /// Removes the object; removing a missing one is not an error.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn delete(&self, key: &ContentKey) -> Result<(), StorageError>;

    /// Undoes `keep` of content that nothing records: removes the object, but leaves the bytes
    /// of the resumable upload it was staged from (`upload`) to be staged again.
    ///
    /// # Errors
    /// `Io` from the backend.
    async fn unkeep(&self, key: &ContentKey, upload: Option<&UploadHandle>) -> Result<(), StorageError> {
        let _ = upload; // On local disk the upload's file is apart from the object.
        self.delete(key).await
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::TooLarge { limit } => AppError::PayloadTooLarge(format!(
                "The file is larger than the limit of {} MB.",
                limit / (1024 * 1024)
            )),
            StorageError::UploadBrokeOff(_) => AppError::Validation("The upload broke off; nothing was kept.".into()),
            StorageError::NotFound(_) | StorageError::InvalidKey(_) => AppError::NotFound,
            StorageError::RangeNotSatisfiable { .. } | StorageError::Io(_) => super::errors::internal("storage", error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContentKey;

    #[test]
    fn content_keys_are_64_lowercase_hex_digits() {
        assert!(ContentKey::parse(&"a".repeat(64)).is_ok());
        assert!(ContentKey::parse(&"A".repeat(64)).is_err());
        assert!(ContentKey::parse("../../etc/passwd").is_err());
        assert!(ContentKey::parse(&"a".repeat(63)).is_err());
    }
}
