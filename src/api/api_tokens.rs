//! The API tokens page's server functions: every user manages their own tokens (`/api/view`).

mod create_api_token;
mod list_api_tokens;
mod revoke_api_token;

pub use create_api_token::{CreateApiToken, create_api_token};
pub use list_api_tokens::{ListApiTokens, list_api_tokens};
pub use revoke_api_token::{RevokeApiToken, revoke_api_token};
