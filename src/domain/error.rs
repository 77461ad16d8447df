use serde::{Deserialize, Serialize};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

use leptos::server_fn;

/// The one error of damson, shared by server and browser.
///
/// Its `Display` is what a person reads; nothing internal is ever put in it. The server logs
/// the detail and hands out an `Internal` with a code to quote to support.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Not found.")]
    NotFound,
    #[error("Please sign in.")]
    Unauthenticated,
    /// An API request whose token is missing, mistyped, unknown, revoked or expired, or whose
    /// owner can no longer sign in: the message says which.
    #[error("{0}")]
    InvalidToken(String),
    #[error("This API token made too many requests. Try again in {retry_after_secs} seconds.")]
    RateLimited { retry_after_secs: u64 },
    #[error("You are not allowed to {action}. Ask a System admin for a role that may.")]
    Forbidden { action: String },
    #[error("This change came from another site, so damson refused it. Make changes from damson's own pages.")]
    CrossSite,
    #[error("Wrong user name or password.")]
    WrongCredentials,
    #[error("Too many failed sign-ins for this user name. Try again in {retry_after_secs} seconds.")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("The server is busy signing people in. Try again in {retry_after_secs} seconds.")]
    Busy { retry_after_secs: u64 },
    #[error("The server is receiving as many files as it holds at once. Try again in {retry_after_secs} seconds.")]
    Overloaded { retry_after_secs: u64 },
    #[error("{0}")]
    Validation(String),
    #[error("{0}")]
    Conflict(String),
    /// A change made from a revision someone else has changed since.
    #[error("{0}")]
    Stale(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMedia(String),
    #[error("Something went wrong on the server (error code {code}). Please try again.")]
    Internal { code: String },
}

impl AppError {
    /// The refusal of a file over the upload limit, naming it, its size when known, and the limit.
    /// The browser says the same before sending anything.
    pub fn file_too_large(file_name: &str, size: Option<u64>, limit: u64) -> AppError {
        let mb = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
        AppError::PayloadTooLarge(match size {
            Some(size) => format!(
                "\"{file_name}\" is {:.1} MB ({size} bytes); the limit is {:.0} MB ({limit} bytes).",
                mb(size),
                mb(limit)
            ),
            None => format!("\"{file_name}\" is larger than the limit of {:.0} MB.", mb(limit)),
        })
    }

    /// How long to wait before trying again, for the refusals that say so.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::TooManyAttempts { retry_after_secs }
            | AppError::Busy { retry_after_secs }
            | AppError::Overloaded { retry_after_secs }
            | AppError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated | AppError::WrongCredentials | AppError::InvalidToken(_) => 401,
            AppError::Forbidden { .. } | AppError::CrossSite => 403,
            AppError::TooManyAttempts { .. } | AppError::Busy { .. } | AppError::RateLimited { .. } => 429,
            AppError::Overloaded { .. } => 503,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Stale(_) => 412,
            AppError::PayloadTooLarge(_) => 413,
            AppError::UnsupportedMedia(_) => 415,
            AppError::Internal { .. } => 500,
        }
    }

    /// A stable, machine-readable code for API clients.
    pub fn code(&self) -> &str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthenticated => "unauthenticated",
            AppError::InvalidToken(_) => "invalid_token",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Forbidden { .. } => "forbidden",
            AppError::CrossSite => "cross_site",
            AppError::Busy { .. } => "busy",
            AppError::Overloaded { .. } => "overloaded",
            AppError::WrongCredentials => "wrong_credentials",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Validation(_) => "validation",
            AppError::Conflict(_) => "conflict",
            AppError::Stale(_) => "stale",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::UnsupportedMedia(_) => "unsupported_media",
            AppError::Internal { code } => code,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request could not be read: the caller sent something malformed.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Validation("The request could not be read.".into())
            }
            // Network failures and the like: the browser could not reach the server.
            ServerFnErrorErr::Request(_) => AppError::Internal {
                code: "unreachable".into(),
            },
            _ => AppError::Internal {
                code: "server_fn".into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_to_do_and_statuses_match() {
        let forbidden = AppError::Forbidden {
            action: "manage assets".into(),
        };
        assert_eq!(forbidden.status(), 403);
        assert!(forbidden.to_string().contains("not allowed to manage assets"));
        let locked = AppError::TooManyAttempts { retry_after_secs: 42 };
        assert_eq!(locked.status(), 429);
        assert!(locked.to_string().contains("42 seconds"));
    }

    #[test]
    fn survives_the_wire() {
        let error = AppError::Internal { code: "db".into() };
        assert_eq!(AppError::de(error.ser()), error);
    }
}
