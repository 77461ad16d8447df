//! Everything that runs only on the server: configuration, database, sessions, access checks.

pub mod asset_views;
pub mod assets;
pub mod auth;
pub mod bulk_changes;
pub mod catalogs;
pub mod config;
pub mod context;
pub mod db;
pub mod deletion;
pub mod errors;
pub mod import;
pub mod ingest;
pub mod jobs;
pub mod media;
pub mod process;
pub mod products;
pub mod random;
pub mod routes;
pub mod search;
pub mod site;
pub mod startup;
pub mod state;
pub mod storage;
pub mod upload_import;
pub mod uploads;
pub mod users;
