//! `Idempotency-Key` on the API's POSTs (`server::idempotency` holds the rules): the first request
//! runs and its answer is kept; the same request again gets that answer, marked
//! `Idempotent-Replayed: true`. The body is hashed as it streams through, never held.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use futures_util::{StreamExt, TryStreamExt};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

use super::problem::ApiError;
use crate::domain::AppError;
use crate::server::{
    api_tokens::Caller,
    db::idempotent_requests::KeptAnswer,
    errors::internal,
    idempotency::{self, Claim},
    random,
    state::AppState,
};

const KEY: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// The answers kept: small JSON. An answer past this is not one of the API's POSTs'.
const LARGEST_ANSWER: usize = 1024 * 1024;
/// The headers of an answer given again.
const KEPT_HEADERS: [HeaderName; 3] = [header::CONTENT_TYPE, header::LOCATION, header::ETAG];

pub async fn idempotent(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let key = request.headers().get(&KEY).map(|key| key.to_str().map(str::to_owned));
    let (true, Some(key)) = (request.method() == Method::POST, key) else {
        return next.run(request).await;
    };
    match answer(&state, key, request, next).await {
        Ok(response) => response,
        Err(error) => ApiError(error).into_response(),
    }
}

async fn answer(
    state: &AppState,
    key: Result<String, header::ToStrError>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let key = key.map_err(|_| AppError::Validation("Idempotency-Key is visible ASCII characters.".into()))?;
    let caller = request
        .extensions()
        .get::<Caller>()
        .cloned()
        .ok_or_else(|| internal("wiring", "Idempotency-Key before the token check"))?;
    let hash = request_hash(&request);
    match idempotency::claim(state, caller.token, &key, &hash).await? {
        Claim::Answered(answer) => {
            let (_, body) = request.into_parts();
            let sent = hashed(body).await?;
            idempotency::same_body(&answer, &sent)?;
            Ok(replayed(answer))
        }
        Claim::First { id, created_at } => {
            let (parts, body) = request.into_parts();
            let hasher = Arc::new(Mutex::new(Sha256::new()));
            let body = hashing(body, Arc::clone(&hasher));
            let response = next.run(Request::from_parts(parts, body)).await;
            if !response.status().is_success() {
                idempotency::release(state, id, created_at).await?;
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let body = to_bytes(body, LARGEST_ANSWER)
                .await
                .map_err(|e| internal("idempotency", format!("an answer to keep: {e}")))?;
            let body_hash = hasher.lock().map(|hasher| random::hex(&hasher.clone().finalize()));
            let answer = KeptAnswer {
                status: parts.status.as_u16(),
                headers: kept_headers(&parts.headers),
                body: body.to_vec(),
                body_hash: body_hash.map_err(|_| internal("idempotency", "a poisoned body hash"))?,
            };
            idempotency::keep(state, id, &answer).await?;
            Ok(Response::from_parts(parts, Body::from(body)))
        }
    }
}

/// What makes a request the same one, but its body: method, address, body type and length.
fn request_hash(request: &Request) -> String {
    let header = |name: header::HeaderName| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let address = request.uri().path_and_query().map_or("", |address| address.as_str());
    idempotency::request_hash(
        request.method().as_str(),
        address,
        &header(header::CONTENT_TYPE),
        &header(header::CONTENT_LENGTH),
    )
}

/// The body, hashed into `hasher` as it is read.
fn hashing(body: Body, hasher: Arc<Mutex<Sha256>>) -> Body {
    Body::from_stream(body.into_data_stream().inspect_ok(move |bytes| {
        if let Ok(mut hasher) = hasher.lock() {
            hasher.update(bytes);
        }
    }))
}

/// The SHA-256 of a whole body, read and let go chunk by chunk.
async fn hashed(body: Body) -> Result<String, AppError> {
    let mut stream = body.into_data_stream();
    let mut hasher = Sha256::new();
    while let Some(bytes) = stream.next().await {
        let bytes = bytes.map_err(|e| AppError::Validation(format!("The body broke off: {e}.")))?;
        hasher.update(&bytes);
    }
    Ok(random::hex(&hasher.finalize()))
}

fn kept_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            let value = headers.get(name)?.to_str().ok()?;
            Some((name.as_str().to_owned(), value.to_owned()))
        })
        .collect()
}

fn replayed(answer: KeptAnswer) -> Response {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in answer.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            headers.insert(name, value);
        }
    }
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    response
}
