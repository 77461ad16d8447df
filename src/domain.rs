//! Types shared by the browser and the server: no database, no file system, no image work.

mod access;
mod asset;
mod error;
mod file_type;
mod role;
mod user;

pub use access::ApiAccess;
pub use asset::{Asset, AssetId, AssetVersion, Availability, FileName};
pub use error::AppError;
pub use file_type::{Dimensions, FileType};
pub use role::{Permission, Role};
pub use user::{NewUser, Password, User, UserId, UserName};
