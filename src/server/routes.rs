//! HTTP endpoints that are not server functions: they stream bodies that server functions would buffer.

mod upload;

pub use upload::upload;
