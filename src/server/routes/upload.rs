//! `POST /api/manage/upload?file_name=…[&asset_id=…]` with the file as the raw body. The browser sends it with
//! XMLHttpRequest (which reports upload progress); the body streams to storage, never into memory.
//! It checks the Manage permission itself, as the access guard did for its `/api/manage` path.

use axum::{
    Extension, Json,
    body::Body,
    extract::{Query, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use futures_util::TryStreamExt;
use serde::Deserialize;
use std::io;

use crate::domain::{AppError, Asset, AssetId, FileName, Permission};
use crate::server::{auth::SignedIn, errors, ingest, state::AppState};

#[derive(Deserialize)]
pub struct UploadQuery {
    file_name: String,
    /// Set when adding a version to this asset; otherwise the file name's code decides.
    asset_id: Option<i64>,
}

pub async fn upload(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let target = query
        .asset_id
        .map_or(ingest::Target::ByCode, |id| ingest::Target::Asset(AssetId(id)));
    match accept(&state, signed_in, &query.file_name, target, &headers, body).await {
        Ok(asset) => Json(asset).into_response(),
        Err(error) => errors::into_response(&error),
    }
}

async fn accept(
    state: &AppState,
    signed_in: SignedIn,
    file_name: &str,
    target: ingest::Target,
    headers: &HeaderMap,
    body: Body,
) -> Result<Asset, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    let file_name = FileName::parse(file_name)?;
    // Refuse at once what announces itself too large; what does not is cut off while streaming.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let limit = state.config.max_upload_bytes;
    if let Some(size) = announced.filter(|&size| size > limit) {
        return Err(AppError::file_too_large(file_name.as_str(), Some(size), limit));
    }
    let stream = body.into_data_stream().map_err(io::Error::other);
    ingest::ingest(state, &user, file_name, target, Box::pin(stream), announced).await
}
