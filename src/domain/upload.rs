//! A file on its way in through the resumable upload protocol: created with its size, sent in
//! chunks at their offsets, resumed from what the server has after a break, then imported.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use super::AppError;

/// Every chunk but a file's last is this long: large enough for S3's multipart parts (5 MiB at
/// least), small enough to hold one in memory per file on its way.
pub const CHUNK_BYTES: u64 = 8 * 1024 * 1024;

/// An upload's id: random, so one user cannot guess another's.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UploadId(pub String);

/// An upload, as the server has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    pub id: UploadId,
    pub file_name: String,
    pub size: u64,
    /// Bytes the server has kept, from the start: the next chunk starts here.
    pub received: u64,
}

impl Upload {
    pub fn is_complete(&self) -> bool {
        self.received == self.size
    }

    /// The bytes of the next chunk to send, or `None` once every byte is in.
    pub fn next_chunk(&self) -> Option<Range<u64>> {
        (!self.is_complete()).then(|| self.received..chunk_end(self.received, self.size))
    }
}

/// Where the chunk that starts at `offset` of a `size`-byte file ends.
pub fn chunk_end(offset: u64, size: u64) -> u64 {
    offset.saturating_add(CHUNK_BYTES).min(size)
}

/// Checks that a chunk of `length` bytes at `offset` is the next one of `upload`.
///
/// # Errors
/// `Conflict` naming the offset to send from when it is not; `Validation` when its length is
/// not the chunk's.
pub fn check_chunk(upload: &Upload, offset: u64, length: Option<u64>) -> Result<Range<u64>, AppError> {
    let Some(expected) = upload.next_chunk() else {
        return Err(AppError::Conflict(format!(
            "Every byte of \u{ab}{}\u{bb} is in already.",
            upload.file_name
        )));
    };
    if offset != expected.start {
        return Err(AppError::Conflict(format!(
            "The server has {} bytes of \u{ab}{}\u{bb}: send from byte {}, not {offset}.",
            upload.received, upload.file_name, upload.received
        )));
    }
    let wanted = expected.end - expected.start;
    match length {
        Some(length) if length != wanted => Err(AppError::Validation(format!(
            "The chunk at byte {offset} of \u{ab}{}\u{bb} has {wanted} bytes, not {length}.",
            upload.file_name
        ))),
        _ => Ok(expected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(size: u64, received: u64) -> Upload {
        Upload {
            id: UploadId("u".into()),
            file_name: "shoe.jpg".into(),
            size,
            received,
        }
    }

    #[test]
    fn chunks_are_whole_until_the_last() {
        let size = 2 * CHUNK_BYTES + 5;
        assert_eq!(upload(size, 0).next_chunk(), Some(0..CHUNK_BYTES));
        assert_eq!(upload(size, 2 * CHUNK_BYTES).next_chunk(), Some(2 * CHUNK_BYTES..size));
        assert_eq!(upload(size, size).next_chunk(), None);
    }

    #[test]
    fn only_the_next_chunk_is_taken() {
        let half = upload(2 * CHUNK_BYTES, CHUNK_BYTES);
        assert_eq!(
            check_chunk(&half, CHUNK_BYTES, Some(CHUNK_BYTES)),
            Ok(CHUNK_BYTES..2 * CHUNK_BYTES)
        );
        let behind = check_chunk(&half, 0, Some(CHUNK_BYTES)).unwrap_err();
        assert_eq!(behind.status(), 409);
        assert!(behind.to_string().contains("send from byte 8388608"), "{behind}");
        assert_eq!(check_chunk(&half, CHUNK_BYTES, Some(10)).unwrap_err().status(), 422);
        assert_eq!(check_chunk(&upload(10, 10), 10, Some(0)).unwrap_err().status(), 409);
    }
}
