//! Where things are in the bucket, under damson's prefix:
//! - `blobs/<random>`: content, written once as it streams in, before its hash is known;
//! - `blobs/<random>.kept`: says the blob was kept, so a blob without it is an abandoned upload;
//! - `objects/ab/cd/<sha256>`: the content key, pointing at its blob (and giving its size);
//! - `multipart/<random>`: a multipart upload into that blob is under way (`multipart`).
//!
//! Content is never copied after it is uploaded: a pointer is a few bytes, where a copy would
//! make the S3 server write every byte a second time.

use object_store::path::Path;

use crate::server::storage::ContentKey;

/// The suffix of a blob's "kept" mark.
pub const KEPT: &str = ".kept";

#[derive(Debug, Clone)]
pub struct Layout {
    /// Empty, or a folder such as `dam/`.
    prefix: String,
}

impl Layout {
    pub fn new(prefix: &str) -> Self {
        let prefix = prefix.trim_matches('/');
        Layout {
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        }
    }

    pub fn pointer(&self, key: &ContentKey) -> Path {
        let hex = key.as_str();
        Path::from(format!("{}objects/{}/{}/{hex}", self.prefix, &hex[..2], &hex[2..4]))
    }

    pub fn pointers(&self) -> Path {
        Path::from(format!("{}objects", self.prefix))
    }

    pub fn blob(&self, name: &str) -> Path {
        Path::from(format!("{}blobs/{name}", self.prefix))
    }

    pub fn kept_mark(&self, name: &str) -> Path {
        Path::from(format!("{}blobs/{name}{KEPT}", self.prefix))
    }

    pub fn blobs(&self) -> Path {
        Path::from(format!("{}blobs", self.prefix))
    }

    pub fn multipart_mark(&self, name: &str) -> Path {
        Path::from(format!("{}multipart/{name}", self.prefix))
    }

    pub fn multipart_marks(&self) -> Path {
        Path::from(format!("{}multipart", self.prefix))
    }
}

/// A new blob's name: random, so instances never pick the same one.
///
/// # Errors
/// The operating system gave no random numbers.
pub fn new_blob_name() -> std::io::Result<String> {
    crate::server::random::hex_128().map_err(std::io::Error::other)
}

/// What a content key's object says: which blob holds the bytes, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    pub blob: String,
    pub size: u64,
}

impl Pointer {
    pub fn encode(&self) -> String {
        format!("{}\n{}\n", self.blob, self.size)
    }

    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut lines = text.lines();
        let blob = lines.next()?;
        let size = lines.next()?.parse().ok()?;
        let valid = !blob.is_empty() && blob.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| Pointer {
            blob: blob.to_owned(),
            size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_reads_back_as_written_and_nothing_else_reads_as_one() {
        let pointer = Pointer {
            blob: new_blob_name().unwrap(),
            size: 134_217_728,
        };
        assert_eq!(Pointer::decode(pointer.encode().as_bytes()), Some(pointer));
        assert_eq!(Pointer::decode(b"../../etc/passwd\n12\n"), None);
        assert_eq!(Pointer::decode(b"\xff\xd8\xff\xe0 a JPEG"), None);
        assert_eq!(Pointer::decode(b"abc\n"), None);
    }

    #[test]
    fn everything_stays_under_the_prefix() {
        let layout = Layout::new("/dam/");
        let key = ContentKey::parse(&"ab".repeat(32)).unwrap();
        assert_eq!(
            layout.pointer(&key).as_ref(),
            format!("dam/objects/ab/ab/{}", "ab".repeat(32))
        );
        assert_eq!(layout.kept_mark("0f").as_ref(), "dam/blobs/0f.kept");
        assert_eq!(Layout::new("").blob("0f").as_ref(), "blobs/0f");
    }
}
