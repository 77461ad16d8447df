//! Types shared by the browser and the server: no database, no file system, no image work.

mod access;
mod error;
mod file_type;
mod role;
mod user;

pub use access::ApiAccess;
pub use error::AppError;
pub use file_type::{Dimensions, FileType};
pub use role::{Permission, Role};
pub use user::{NewUser, Password, User, UserId, UserName};
