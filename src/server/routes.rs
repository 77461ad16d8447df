//! HTTP endpoints that are not server functions: they stream bodies that server functions would buffer.

pub mod csv_import;
mod download;
pub mod file_response;
mod published;
mod rendition;
pub mod request_body;
pub mod uploads;
mod zip;

pub use download::{download, download_version};
pub use published::{current as published_current, pinned as published_pinned};
pub use rendition::rendition;
pub use zip::download_zip;
