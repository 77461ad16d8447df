//! What a file is: sniffing, metadata, and renditions.

mod inspect;
mod render;

pub use inspect::{HEAD_BYTES, MediaInfo, exif_orientation, inspect, inspect_head};
pub use render::{MAX_PIXELS, RenderError, Rendered, render, renders};
