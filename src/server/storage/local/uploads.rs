//! A resumable upload on local disk: one file, `uploads/<random>`, written chunk by chunk at
//! the offsets the caller gives and synced after each, so what the database counts is on disk.

use std::{
    io::{self, SeekFrom},
    path::{Path, PathBuf},
};
use tokio::{
    fs,
    io::{AsyncSeekExt, AsyncWriteExt},
};

use super::super::{StorageError, UploadHandle};
use crate::server::random;

pub fn new_handle() -> io::Result<UploadHandle> {
    Ok(UploadHandle(random::hex_128().map_err(io::Error::other)?))
}

/// The upload's file, for a handle this backend made (32 hex digits, never a path).
pub fn path(folder: &Path, upload: &UploadHandle) -> Result<PathBuf, StorageError> {
    let name = upload.0.as_str();
    if name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(folder.join(name))
    } else {
        Err(StorageError::InvalidKey(name.to_owned()))
    }
}

/// Writes `chunk` at `offset`, dropping whatever an earlier, broken-off try left past it.
pub async fn write_chunk(path: &Path, offset: u64, chunk: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .await?;
    if file.metadata().await?.len() < offset {
        return Err(io::Error::other(format!(
            "the upload's file holds fewer than the {offset} bytes received before"
        )));
    }
    file.set_len(offset).await?;
    file.seek(SeekFrom::Start(offset)).await?;
    file.write_all(chunk).await?;
    file.sync_data().await
}

/// Links the upload's file at `staged`, once it holds exactly `size` bytes (a torn last write
/// may have left more).
pub async fn link_whole(path: &Path, staged: &Path, size: u64) -> Result<(), StorageError> {
    let held = match fs::metadata(path).await {
        Ok(metadata) => metadata.len(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => 0,
        Err(error) => return Err(error.into()),
    };
    if held < size {
        return Err(StorageError::UploadBrokeOff(io::Error::other(format!(
            "{held} of {size} bytes are there"
        ))));
    }
    if held > size {
        fs::OpenOptions::new()
            .write(true)
            .open(path)
            .await?
            .set_len(size)
            .await?;
    }
    fs::hard_link(path, staged).await?;
    Ok(())
}
