//! How the server's failures are told apart and answered: a use case's `ServiceError` says whether
//! the user was refused, the trouble may pass, or something is wrong; an `AppError` answers HTTP
//! by itself, so no route maps errors by hand.

use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, RuntimeErr, SqlErr};
use std::fmt::Display;

use crate::domain::AppError;

/// Logs `detail` and returns an `Internal` error that carries only the stable `code`.
pub fn internal(code: &str, detail: impl Display) -> AppError {
    tracing::error!(code, "{detail}");
    AppError::Internal { code: code.to_owned() }
}

/// How a use case failed, for whoever decides what comes next: the page answers a refusal as it
/// is, a job tries a transient failure again, and a fault is logged and shown only by its code.
#[derive(Debug)]
pub enum ServiceError {
    /// Refused for a reason the user can act on: its code and message reach them as they are.
    Refused(AppError),
    /// The database busy or away, or a concurrent writer first: worth another try.
    Transient(DbErr),
    /// Anything else: an `Internal` error, logged when it was made.
    Fault(AppError),
}

impl ServiceError {
    pub fn is_transient(&self) -> bool {
        matches!(self, ServiceError::Transient(_))
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServiceError::Refused(error) | ServiceError::Fault(error) => error.fmt(f),
            ServiceError::Transient(error) => write!(f, "the database was busy or away: {error}"),
        }
    }
}

impl From<AppError> for ServiceError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Internal { .. } => ServiceError::Fault(error),
            refusal => ServiceError::Refused(refusal),
        }
    }
}

impl From<DbErr> for ServiceError {
    fn from(error: DbErr) -> Self {
        if is_transient(&error) {
            ServiceError::Transient(error)
        } else {
            ServiceError::Fault(internal("database", error))
        }
    }
}

impl From<super::storage::StorageError> for ServiceError {
    fn from(error: super::storage::StorageError) -> Self {
        AppError::from(error).into()
    }
}

impl From<ServiceError> for AppError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Refused(error) | ServiceError::Fault(error) => error,
            ServiceError::Transient(error) => internal("database", error),
        }
    }
}

/// Whether a write failed because another row holds the same unique value.
pub fn is_unique_violation(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// A write's failure as the user reads it: `taken` when another row holds the same unique value
/// (a product's number, a user's name, a view's name), otherwise the failure itself.
pub fn taken_or_failed(error: DbErr, taken: impl FnOnce() -> AppError) -> AppError {
    if is_unique_violation(&error) {
        taken()
    } else {
        error.into()
    }
}

/// Whether a database failure may pass by itself: another writer took a unique value first (a
/// code, a version number), SQLite held its write lock, PostgreSQL found a deadlock or a
/// serialization failure, or the connection was lost or not to be had.
pub fn is_transient(error: &DbErr) -> bool {
    if is_unique_violation(error) {
        return true;
    }
    if matches!(
        error,
        DbErr::ConnectionAcquire(_) | DbErr::Conn(RuntimeErr::SqlxError(_))
    ) {
        return true;
    }
    let text = error.to_string();
    text.contains("database is locked")
        // PostgreSQL's 40P01 and 40001.
        || text.contains("deadlock detected")
        || text.contains("could not serialize access")
}

impl From<DbErr> for AppError {
    fn from(error: DbErr) -> Self {
        internal("database", error)
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        internal("session", error)
    }
}

/// The HTTP answer for an error: its status, and the error as JSON that the server-fn client decodes.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        use axum::http::{HeaderValue, StatusCode, header};
        use leptos::server_fn::error::FromServerFnError;
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = Response::new(axum::body::Body::from(self.ser()));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(seconds) = self.retry_after_secs() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl IntoResponse for ServiceError {
    fn into_response(self) -> Response {
        AppError::from(self).into_response()
    }
}

/// Server functions answer every error with 500; this gives the error's own status instead.
/// Form-post redirects (3xx) are left alone, so no-JS forms still come back to their page.
pub async fn with_error_status(response: Response) -> Response {
    use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
    if !response.status().is_server_error() || !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    match axum::body::to_bytes(response.into_body(), 64 * 1024).await {
        Ok(body) => AppError::de(body).into_response(),
        Err(error) => internal("server_fn", error).into_response(),
    }
}
