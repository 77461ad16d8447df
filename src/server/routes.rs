//! HTTP endpoints that are not server functions: they stream bodies that server functions would buffer.

mod download;
mod rendition;
mod upload;

pub use download::download;
pub use rendition::rendition;
pub use upload::upload;
