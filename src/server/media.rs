//! What a file is: sniffing, metadata, and (later) renditions.

mod inspect;

pub use inspect::{HEAD_BYTES, MediaInfo, inspect};
