//! Building the router and serving it.

use axum::{
    Router,
    extract::DefaultBodyLimit,
    extract::State,
    http::StatusCode,
    middleware,
    routing::{any, get, post},
    serve::ListenerExt,
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::{sync::Arc, time::Duration};
use tower_http::trace::TraceLayer;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

use super::{
    api_tokens::RateLimits,
    auth,
    config::{Config, StorageLocation},
    connection, db,
    db::sessions::DbSessionStore,
    errors, filter_address, jobs,
    jobs::JobSignal,
    rest, routes, site,
    state::AppState,
    storage::{FileLocks, LocalStorage, S3Storage, Storage},
    uploads::{self, ChunkTurns},
    users, webhooks,
};
use crate::app::{App, shell};
use crate::domain::{AppError, CHUNK_BYTES, paths};

/// The cookie that carries the session id.
pub const SESSION_COOKIE: &str = "damson_session";

/// Prepares the data directory and database, then serves until Ctrl-C or SIGTERM.
///
/// # Errors
/// A message saying what could not be set up.
pub async fn serve(mut config: Config) -> Result<(), String> {
    site::name_bundle(&mut config.leptos)?;
    tokio::fs::create_dir_all(&config.data_dir)
        .await
        .map_err(|e| format!("cannot create data directory {}: {e}", config.data_dir.display()))?;
    let db = connection::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    let storage: Arc<dyn Storage> = match &config.storage {
        StorageLocation::Disk(folder) => Arc::new(
            LocalStorage::open(folder)
                .await
                .map_err(|e| format!("cannot open file storage at {}: {e}", folder.display()))?,
        ),
        StorageLocation::S3 { bucket, prefix } => Arc::new(
            S3Storage::open(bucket, prefix)
                .await
                .map_err(|e| format!("cannot open the S3 bucket {bucket:?} (storage-url): {e}"))?,
        ),
    };
    match uploads::release_holds_of_gone_processes(&db).await {
        Ok(0) => {}
        Ok(released) => tracing::info!("let go of {released} uploads that a stopped instance held"),
        Err(error) => tracing::warn!("cannot let go of the uploads a stopped instance held: {error}"),
    }
    users::ensure_first_admin(&db, &config)
        .await
        .map_err(|e| format!("cannot create the first System admin: {e}"))?;
    let listener = tokio::net::TcpListener::bind(&config.leptos.site_addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.leptos.site_addr))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let search = super::search::Search::load(&db)
        .await
        .map_err(|e| format!("cannot build the search index: {e}"))?;
    tracing::info!("search index built in {:.1} s", started.elapsed().as_secs_f64());
    let state = AppState {
        leptos_options: config.leptos.clone(),
        api_rates: Arc::new(RateLimits::new(config.api_rate_limit)),
        webhooks: webhooks::Sender::new(config.webhook_private_targets)
            .map_err(|e| format!("cannot make the webhooks' HTTP client: {e}"))?,
        file_locks: Arc::new(FileLocks::for_database(&db)),
        db,
        config: Arc::new(config),
        storage,
        jobs: JobSignal::default(),
        chunk_turns: ChunkTurns::default(),
        search: Arc::new(search),
    };
    let router = router(state.clone()).map_err(|e| format!("cannot build the router: {e}"))?;
    tokio::spawn(delete_expired_sessions(session_store(&state)));
    jobs::spawn_workers(&state);
    tracing::info!("damson listening on http://{address}");
    if let Some(file) = &state.config.address_file {
        tell_address(file, address).map_err(|e| format!("cannot write the address to {}: {e}", file.display()))?;
    }
    // A file answer is written as headers, then body: without TCP_NODELAY, Nagle's algorithm holds
    // the body back until the client acknowledges the headers, which it delays by 40 ms.
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::debug!("could not set TCP_NODELAY: {error}");
        }
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

fn router(state: AppState) -> Result<Router, String> {
    let lifetime = time::Duration::try_from(state.config.session_lifetime).map_err(|e| e.to_string())?;
    let sessions = SessionManagerLayer::new(session_store(&state))
        .with_name(SESSION_COOKIE)
        .with_secure(state.config.secure_cookies())
        .with_same_site(SameSite::Lax)
        .with_http_only(true)
        .with_expiry(Expiry::OnInactivity(lifetime));
    let leptos_options = state.leptos_options.clone();
    let context_state = state.clone();
    // Pages and server functions, whose calls carry typed text; the file routes carry bytes.
    let pages_and_functions = Router::new()
        .leptos_routes_with_context(
            &state,
            generate_route_list(App),
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .layer(middleware::from_fn(auth::refuse_nul))
        .layer(middleware::from_fn(filter_address::leave_out_empty_fields));
    let (api, api_reference) = rest::routers(state.clone());
    Ok(Router::new()
        .route(paths::HEALTH, get(healthz))
        .merge(site::bundle_routes(&state.leptos_options))
        .route(paths::routes::ZIP, get(routes::download_zip))
        .route(paths::routes::DOWNLOAD, get(routes::download))
        .route(paths::routes::VERSION_DOWNLOAD, get(routes::download_version))
        .route(paths::routes::PUBLIC_LINK, get(routes::published_pinned))
        .route(paths::routes::STATIC_LINK, get(routes::published_current))
        .route(paths::routes::RENDITION, get(routes::rendition))
        .route(
            paths::routes::UPLOADS,
            post(routes::uploads::create).get(routes::uploads::list),
        )
        .route(
            paths::routes::UPLOAD,
            get(routes::uploads::show)
                .put(routes::uploads::chunk)
                .delete(routes::uploads::remove)
                // A chunk is read whole into memory, so no more than one chunk is taken.
                .layer(DefaultBodyLimit::max(
                    usize::try_from(CHUNK_BYTES).unwrap_or(usize::MAX),
                )),
        )
        .route(paths::routes::UPLOAD_FINISH, post(routes::uploads::finish))
        .route(paths::routes::UPLOAD_REPORT, get(routes::uploads::import_report_csv))
        .route(
            paths::routes::PRODUCT_IMPORT,
            post(routes::csv_import::products).layer(DefaultBodyLimit::disable()),
        )
        .route(
            paths::routes::CATEGORY_IMPORT,
            post(routes::csv_import::categories).layer(DefaultBodyLimit::disable()),
        )
        .route(paths::routes::UNKNOWN_API, any(|| async { AppError::NotFound }))
        .merge(pages_and_functions)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(state.clone(), auth::guard))
        .layer(middleware::from_fn_with_state(state.clone(), auth::refuse_cross_site))
        .layer(middleware::map_response(errors::with_error_status))
        .layer(sessions)
        .layer(TraceLayer::new_for_http())
        // Added after the layers above, so that none of them reads the API's requests: it knows
        // no session cookie and is authenticated by its tokens alone.
        .nest(paths::API_V1, api.layer(TraceLayer::new_for_http()))
        .merge(api_reference)
        .with_state(state))
}

/// Sessions kept in damson's database, timed by its clock.
fn session_store(state: &AppState) -> DbSessionStore {
    let clock = state.config.clock.clone();
    DbSessionStore::new(state.db.clone(), Arc::new(move || clock.offset()))
}

async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if db::is_reachable(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}

async fn delete_expired_sessions(store: DbSessionStore) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!("could not delete expired sessions: {error}");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Writes `http://address` to `file` whole: written beside it, then renamed, so that a reader
/// never sees half of it.
fn tell_address(file: &std::path::Path, address: std::net::SocketAddr) -> std::io::Result<()> {
    let beside = file.with_extension("partial");
    std::fs::write(&beside, format!("http://{address}"))?;
    std::fs::rename(beside, file)
}
