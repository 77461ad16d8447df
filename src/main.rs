//! damson's server: configuration, then the app, until told to stop.

use std::io::IsTerminal;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tower_sessions=warn".into()),
        )
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    let config = match damson::server::config::Config::load() {
        Ok(config) => config,
        Err(error) => {
            tracing::error!("configuration: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match damson::server::startup::serve(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            std::process::ExitCode::FAILURE
        }
    }
}
