//! sea-orm models, one per table. They never leave `server::db`: queries convert them to domain types.

pub mod api_token;
pub mod asset;
pub mod asset_category;
pub mod asset_label;
pub mod asset_locale_file;
pub mod asset_version;
pub mod bulk_change;
pub mod bulk_change_item;
pub mod catalog;
pub mod category;
pub mod default_asset_view;
pub mod idempotent_request;
pub mod job;
pub mod locale;
pub mod product;
pub mod product_asset;
pub mod product_category;
pub mod rendition;
pub mod saved_view;
pub mod session;
pub mod sign_in_failure;
pub mod upload;
pub mod upload_import;
pub mod user;
