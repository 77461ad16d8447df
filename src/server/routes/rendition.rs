//! `GET /api/view/renditions/{content_key}/{kind}`: a thumbnail or preview. The address names the
//! original content, which never changes, so browsers may keep the answer for a year.

use axum::{
    body::Body,
    extract::{Path, State},
    http::{HeaderValue, header},
    response::Response,
};

use crate::domain::{AppError, RenditionKind};
use crate::server::{db::renditions, errors, state::AppState, storage::ContentKey};

pub async fn rendition(State(state): State<AppState>, Path((content_key, kind)): Path<(String, String)>) -> Response {
    match respond(&state, &content_key, &kind).await {
        Ok(response) => response,
        Err(error) => errors::into_response(&error),
    }
}

async fn respond(state: &AppState, content_key: &str, kind: &str) -> Result<Response, AppError> {
    let kind: RenditionKind = kind.parse()?;
    let (rendition_key, size) = renditions::find(&state.db, content_key, kind).await?;
    let body = Body::from_stream(state.storage.get(&ContentKey::parse(&rendition_key)?, None).await?);
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    Ok(response)
}
