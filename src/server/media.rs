//! What a file is: sniffing, metadata, and renditions.

mod inspect;
mod render;

pub use crate::domain::MediaInfo;
pub use inspect::{HEAD_BYTES, exif_orientation, inspect, inspect_head};
pub use render::{MAX_PIXELS, RenderError, Rendered, render, renders};
