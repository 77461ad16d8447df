use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

use super::{
    api_tokens::RateLimits,
    config::Config,
    jobs::JobSignal,
    search::Search,
    storage::{FileLocks, Storage},
    uploads::ChunkTurns,
    webhooks::Sender,
};

/// What every request handler and server function can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub storage: Arc<dyn Storage>,
    /// Held while a stored file's use is decided: recording one, or removing it as unused.
    pub file_locks: Arc<FileLocks>,
    /// Wakes this instance's job workers.
    pub jobs: JobSignal,
    /// Bounds the upload chunks this instance holds in memory at once.
    pub chunk_turns: ChunkTurns,
    /// The grid's pages, counts and selections.
    pub search: Arc<Search>,
    /// How many API requests each token has left on this instance.
    pub api_rates: Arc<RateLimits>,
    /// Sends webhook deliveries.
    pub webhooks: Sender,
}
