//! Objects as files on local disk: `objects/ab/cd/abcd…` by content hash. Uploads are written to
//! `incoming/`, fsynced, then hard-linked into place (which never replaces an existing object).
//! A resumable upload gathers in one file of `uploads/`, chunk after chunk (`uploads`).

use async_trait::async_trait;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use std::{
    io::{self, SeekFrom},
    ops::Range,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};
use tokio::{
    fs,
    io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt},
};
use tokio_util::io::ReaderStream;

use super::{ByteStream, ContentKey, Staged, Storage, StorageError, StoredObject, UploadHandle};

mod uploads;

/// Incoming files older than this are abandoned, whoever wrote them.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 3600);
const READ_CHUNK: usize = 64 * 1024;

#[derive(Debug)]
pub struct LocalStorage {
    objects: PathBuf,
    incoming: PathBuf,
    uploads: PathBuf,
}

impl LocalStorage {
    /// Opens (creating if needed) storage under `root`, clearing uploads a crash abandoned.
    ///
    /// # Errors
    /// The folders cannot be created or read.
    pub async fn open(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        let storage = LocalStorage {
            objects: root.join("objects"),
            incoming: root.join("incoming"),
            uploads: root.join("uploads"),
        };
        fs::create_dir_all(&storage.objects).await?;
        fs::create_dir_all(&storage.incoming).await?;
        fs::create_dir_all(&storage.uploads).await?;
        storage.remove_abandoned_uploads().await?;
        Ok(storage)
    }

    fn path_of(&self, key: &ContentKey) -> PathBuf {
        let hex = key.as_str();
        self.objects.join(&hex[..2]).join(&hex[2..4]).join(hex)
    }

    /// Removes the partial uploads of processes that are gone (a crash, a kill -9): each incoming
    /// file is named after the process writing it. Those of a live process (another instance on
    /// the same folder) stay, unless a day old.
    async fn remove_abandoned_uploads(&self) -> io::Result<()> {
        let mut entries = fs::read_dir(&self.incoming).await?;
        while let Some(entry) = entries.next_entry().await? {
            let modified = entry.metadata().await?.modified()?;
            let old = SystemTime::now().duration_since(modified).unwrap_or_default() > ABANDONED_AFTER;
            let writer = entry
                .file_name()
                .to_string_lossy()
                .split('-')
                .next()
                .and_then(|pid| pid.parse::<u32>().ok());
            if old || !writer.is_some_and(is_running) {
                fs::remove_file(entry.path()).await?;
            }
        }
        Ok(())
    }
}

/// Whether a process of this id runs (and is not this one, which has written nothing yet).
fn is_running(pid: u32) -> bool {
    pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists()
}

/// The entries of a folder whose names sort after `after`'s part, sorted.
fn sorted_names(folder: &Path, from: &str) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = match std::fs::read_dir(folder) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.as_str() >= from)
            .collect(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(error),
    };
    names.sort_unstable();
    Ok(names)
}

/// A name for content being staged: unique, and starting with the id of the process writing it,
/// so that a later start can tell a dead process's leftovers from a live one's.
fn incoming_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    format!("{}-{nanos}-{sequence}.part", std::process::id())
}

/// A file in `incoming/` that removes itself when dropped: on error, on a limit, or when the
/// request that streams into it is cancelled halfway.
struct IncomingFile(PathBuf);

impl IncomingFile {
    fn new_in(folder: &Path) -> Self {
        IncomingFile(folder.join(incoming_name()))
    }
}

impl Drop for IncomingFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[async_trait]
impl Storage for LocalStorage {
    async fn stage(&self, mut body: ByteStream, limit: u64, _length: Option<u64>) -> Result<Staged, StorageError> {
        let incoming = IncomingFile::new_in(&self.incoming);
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&incoming.0)
            .await?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(StorageError::UploadBrokeOff)?;
            size += chunk.len() as u64;
            if size > limit {
                return Err(StorageError::TooLarge { limit });
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        Ok(Staged {
            key: ContentKey::from_digest(&hasher.finalize()),
            size,
            upload: None,
            bytes: Box::new(incoming),
        })
    }

    async fn keep(&self, staged: Staged) -> Result<StoredObject, StorageError> {
        let Staged { key, size, bytes, .. } = staged;
        let incoming = bytes
            .downcast::<IncomingFile>()
            .map_err(|_| io::Error::other("the content was staged by another storage"))?;
        let target = self.path_of(&key);
        let folder = target
            .parent()
            .ok_or_else(|| io::Error::other("object path has no folder"))?;
        fs::create_dir_all(folder).await?;
        match fs::hard_link(&incoming.0, &target).await {
            Ok(()) => fs::File::open(folder).await?.sync_all().await?,
            // The same content is stored already: keep that one as it is.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error.into()),
        }
        Ok(StoredObject { key, size })
    }

    async fn get(&self, key: &ContentKey, range: Option<Range<u64>>) -> Result<ByteStream, StorageError> {
        let mut file = match fs::File::open(self.path_of(key)).await {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(StorageError::NotFound(key.clone())),
            Err(error) => return Err(error.into()),
        };
        let size = file.metadata().await?.len();
        let Range { start, end } = range.unwrap_or(0..size);
        if start > end || end > size {
            return Err(StorageError::RangeNotSatisfiable { start, end, size });
        }
        file.seek(SeekFrom::Start(start)).await?;
        Ok(Box::pin(ReaderStream::with_capacity(
            file.take(end - start),
            READ_CHUNK,
        )))
    }

    async fn size(&self, key: &ContentKey) -> Result<Option<u64>, StorageError> {
        match fs::metadata(self.path_of(key)).await {
            Ok(metadata) => Ok(Some(metadata.len())),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    async fn list(&self, after: Option<&ContentKey>, limit: usize) -> Result<Vec<ContentKey>, StorageError> {
        let objects = self.objects.clone();
        let after = after.map(|key| key.as_str().to_owned()).unwrap_or_default();
        let page = tokio::task::spawn_blocking(move || -> io::Result<Vec<ContentKey>> {
            // objects/ab/cd/abcd…: walking the folders in order walks the keys in order.
            let (first, second) = (after.get(..2).unwrap_or(""), after.get(..4).unwrap_or(""));
            let mut page = Vec::new();
            for top in sorted_names(&objects, first)? {
                for middle in sorted_names(
                    &objects.join(&top),
                    if top == first {
                        second.get(2..).unwrap_or("")
                    } else {
                        ""
                    },
                )? {
                    for name in sorted_names(&objects.join(&top).join(&middle), "")? {
                        if name.as_str() <= after.as_str() {
                            continue;
                        }
                        if let Ok(key) = ContentKey::parse(&name) {
                            page.push(key);
                            if page.len() == limit {
                                return Ok(page);
                            }
                        }
                    }
                }
            }
            Ok(page)
        })
        .await
        .map_err(io::Error::other)??;
        Ok(page)
    }

    async fn open_upload(&self) -> Result<UploadHandle, StorageError> {
        Ok(uploads::new_handle()?)
    }

    async fn put_chunk(
        &self,
        upload: &UploadHandle,
        _index: usize,
        offset: u64,
        chunk: bytes::Bytes,
    ) -> Result<String, StorageError> {
        uploads::write_chunk(&uploads::path(&self.uploads, upload)?, offset, &chunk).await?;
        Ok(String::new())
    }

    async fn staged_upload(
        &self,
        upload: &UploadHandle,
        _receipts: &[String],
        key: ContentKey,
        size: u64,
    ) -> Result<Staged, StorageError> {
        let path = uploads::path(&self.uploads, upload)?;
        let incoming = IncomingFile::new_in(&self.incoming);
        uploads::link_whole(&path, &incoming.0, size).await?;
        Ok(Staged {
            key,
            size,
            upload: Some(upload.clone()),
            bytes: Box::new(incoming),
        })
    }

    async fn remove_upload(&self, upload: &UploadHandle) -> Result<(), StorageError> {
        match fs::remove_file(uploads::path(&self.uploads, upload)?).await {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error.into()),
            _ => Ok(()),
        }
    }

    async fn delete(&self, key: &ContentKey) -> Result<(), StorageError> {
        match fs::remove_file(self.path_of(key)).await {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error.into()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
