//! Errors as RFC 9457 problems: the HTTP status, the message a person reads (the pages' own) and
//! a stable machine `code`.

use axum::{
    Json,
    body::to_bytes,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::{IntoResponses, ToSchema};

use crate::domain::AppError;

/// What went wrong, as `application/problem+json`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status and `code` say what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The status's name (`Not Found`).
    pub title: String,
    pub status: u16,
    /// What a person reads: the same message damson's pages show.
    pub detail: String,
    /// Stable and machine-readable: `not_found`, `invalid_token`, `forbidden`, `validation`,
    /// `conflict`, `rate_limited`, …
    pub code: String,
    /// For `rate_limited`: the seconds to wait (also in `Retry-After`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// An error on its way to the client as a problem.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError(error)
    }
}

impl Problem {
    fn new(status: StatusCode, detail: String, code: &str, retry_after: Option<u64>) -> Self {
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            code: code.to_owned(),
            retry_after,
        }
    }

    fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<&AppError> for Problem {
    fn from(error: &AppError) -> Self {
        let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Problem::new(status, error.to_string(), error.code(), error.retry_after_secs())
    }
}

/// The problem as `application/problem+json`, with `Retry-After` when it says when.
impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let (status, retry_after) = (self.status(), self.retry_after);
        let mut response = (status, Json(self)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = Problem::from(&self.0).into_response();
        if response.status() == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Turns the answers the API's handlers never wrote — an address or body its extractors could not
/// read, a method the path does not take — into problems like every other error, with their
/// status and the reason as the detail.
pub async fn as_problem(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let text = to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    let detail = String::from_utf8_lossy(&text).trim().to_owned();
    let code = match status {
        StatusCode::BAD_REQUEST | StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY => "validation",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        _ => "error",
    };
    let detail = if detail.is_empty() { status.to_string() } else { detail };
    Problem::new(status, detail, code, None).into_response()
}

// The answers the OpenAPI document lists beside an operation's own, said once. They describe; the
// answers themselves are `ApiError`s.

/// What every operation may answer.
#[derive(IntoResponses)]
#[allow(dead_code, reason = "describes answers for the OpenAPI document")]
pub enum Refused {
    /// No valid API token: none, mistyped, revoked, expired, or its owner deactivated.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token lacks the scope, or its owner's role what the operation needs.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// The token made too many requests; wait as `Retry-After` says.
    #[response(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Problem),
}

/// What the address names is not there.
#[derive(IntoResponses)]
#[allow(dead_code, reason = "describes answers for the OpenAPI document")]
pub enum NotThere {
    /// No such asset, version, product, upload or import: whatever the address names.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// A file past the upload limit.
#[derive(IntoResponses)]
#[allow(dead_code, reason = "describes answers for the OpenAPI document")]
pub enum TooLarge {
    /// Larger than the upload limit: refused before its bytes are sent.
    #[response(status = 413, content_type = "application/problem+json")]
    PayloadTooLarge(Problem),
}

/// What was sent is not what the operation takes.
#[derive(IntoResponses)]
#[allow(dead_code, reason = "describes answers for the OpenAPI document")]
pub enum Unreadable {
    /// An address whose id or query cannot be read, or a body that is not JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// A body without the content type the operation takes.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// A value that is not one, named with what is wrong.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}
