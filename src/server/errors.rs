//! Turning server-side failures into an `AppError` a person can read, logging the detail.

use crate::domain::AppError;
use std::fmt::Display;

/// Logs `detail` and returns an `Internal` error that carries only the stable `code`.
pub fn internal(code: &str, detail: impl Display) -> AppError {
    tracing::error!(code, "{detail}");
    AppError::Internal { code: code.to_owned() }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        internal("database", error)
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        internal("session", error)
    }
}

/// The HTTP answer for an error: its status, and the error as JSON that the server-fn client decodes.
pub fn into_response(error: &AppError) -> axum::response::Response {
    use axum::http::{HeaderValue, StatusCode, header};
    use leptos::server_fn::error::FromServerFnError;
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = axum::response::Response::new(axum::body::Body::from(error.ser()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(seconds) = error.retry_after_secs() {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// Server functions answer every error with 500; this gives the error's own status instead.
/// Form-post redirects (3xx) are left alone, so no-JS forms still come back to their page.
pub async fn with_error_status(response: axum::response::Response) -> axum::response::Response {
    use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
    if !response.status().is_server_error() || !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    match axum::body::to_bytes(response.into_body(), 64 * 1024).await {
        Ok(body) => into_response(&AppError::de(body)),
        Err(error) => into_response(&internal("server_fn", error)),
    }
}
