//! sea-orm models, one per table. They never leave `server::db`: queries convert them to domain types.

pub mod session;
pub mod sign_in_failure;
pub mod user;
