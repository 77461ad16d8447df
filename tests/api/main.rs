//! Integration tests: each starts the real damson binary on 127.0.0.1:0 with a fresh data
//! directory (SQLite file and all) and talks HTTP to it, as a browser or API client would.

mod helpers;

mod access;
mod actions;
mod api_tokens;
mod assets;
mod bulk;
mod catalogs;
mod cleanup;
mod contract;
mod cross_site;
mod download;
mod filters;
mod health;
mod hostile_text;
mod import;
mod instances;
mod jobs;
mod links;
mod products;
mod renditions;
mod rest_assets;
mod rest_batch;
mod rest_idempotency;
mod rest_matrix;
mod rest_products;
mod rest_uploads;
mod sign_in;
mod site;
mod upload;
mod upload_import;
mod upload_pressure;
mod uploads;
mod users;
mod versions;
mod views;
mod webhook_receiver;
mod webhooks;
