//! Server functions, one per file. Each declares its access in its path prefix
//! (see `domain::ApiAccess`); the server's guard enforces it for every call.

pub mod assets;
pub mod session;
pub mod users;
