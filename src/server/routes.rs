//! HTTP endpoints that are not server functions: they stream bodies that server functions would buffer.

mod download;
mod file_response;
pub mod import;
mod published;
mod rendition;
mod upload;
pub mod uploads;
mod zip;

pub use download::{download, download_version};
pub use published::{current as published_current, pinned as published_pinned};
pub use rendition::rendition;
pub use upload::upload;
pub use zip::download_zip;
