//! The net under every field's own check (`domain::check_typed`): a call to a server function
//! whose query, path or form carries a NUL character is refused before anything runs, so that no
//! text a person or a script sends (a page link, a view's query, a field added next year) reaches
//! the database with one. Layered on the server functions' routes only: file routes carry bytes. PostgreSQL refuses NUL in text and SQLite's text index stops at it; either
//! way it was a 500, and on one database only.

use axum::{
    body::Body,
    extract::Request,
    http::header,
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::Value;

use crate::domain::{AppError, control_message, paths};

/// Bodies of server functions are read whole anyway, within axum's default limit, the same.
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// Refuses calls to `/api/` whose text holds a NUL.
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    if !paths::is_api(request.uri().path()) {
        return next.run(request).await;
    }
    let in_address = pairs_have_nul(request.uri().path().as_bytes())
        || request
            .uri()
            .query()
            .is_some_and(|query| pairs_have_nul(query.as_bytes()));
    if in_address {
        return refused();
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let json = content_type.starts_with("application/json");
    if !form && !json {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return AppError::PayloadTooLarge("The form sent is larger than 2 MB.".to_owned()).into_response();
        }
    };
    let has_nul = if form {
        pairs_have_nul(&bytes)
    } else {
        serde_json::from_slice::<Value>(&bytes).is_ok_and(|value| json_has_nul(&value))
    };
    if has_nul {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn refused() -> Response {
    AppError::Validation(control_message("Text", '\0')).into_response()
}

/// Whether percent-encoded text (a query, a form body, a path) decodes to a NUL anywhere.
fn pairs_have_nul(encoded: &[u8]) -> bool {
    form_urlencoded::parse(encoded).any(|(key, value)| key.contains('\0') || value.contains('\0'))
}

fn json_has_nul(value: &Value) -> bool {
    match value {
        Value::String(text) => text.contains('\0'),
        Value::Array(items) => items.iter().any(json_has_nul),
        Value::Object(fields) => fields
            .iter()
            .any(|(key, value)| key.contains('\0') || json_has_nul(value)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_however_it_is_written() {
        assert!(pairs_have_nul(b"filter=q%3Dred&after=1%00"));
        // A query inside the query is the filter's own to read (`AssetFilter` refuses it).
        assert!(!pairs_have_nul(b"filter=q%3Dred%2500x"));
        assert!(pairs_have_nul(b"q=red%00shoe"));
        assert!(!pairs_have_nul(b"q=red%2500shoe"), "the text %00 is not a NUL");
        assert!(json_has_nul(&serde_json::json!({ "ids": [1], "name": "a\u{0}b" })));
        assert!(!json_has_nul(&serde_json::json!({ "name": "a\\u0000b" })));
        assert!(pairs_have_nul(b"/api/view/assets/1%00/download"));
    }
}
