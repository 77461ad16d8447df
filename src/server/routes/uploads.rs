//! The resumable upload protocol over HTTP, under `/api/manage/uploads`:
//! - `POST` `{file_name, size}` creates an upload (refused at once when too large);
//! - `GET` lists the user's uploads, `GET /{id}` gives one with the bytes the server has;
//! - `PUT /{id}?offset=N` sends the chunk that starts at byte N, as the raw body;
//! - `POST /{id}/finish[?asset_id=…[&locale=…]]` makes it a new asset, or a new version of that
//!   asset (of its file for that locale);
//! - `DELETE /{id}` removes it.
//!
//! and `GET /api/manage/upload_imports/{id}/report.csv`, an import's report.
//!
//! Each handler checks the Manage permission itself, as the access guard did for the path.

use axum::{
    Extension, Json,
    body::Body,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::request_body::{content_length, stream_of};
use crate::domain::{AppError, Asset, AssetId, Locale, Permission, Upload, UploadId};
use crate::server::{auth::SignedIn, ingest::Target, mass_import, state::AppState, uploads};

#[derive(Deserialize)]
pub struct NewUpload {
    file_name: String,
    size: u64,
}

#[derive(Deserialize)]
pub struct ChunkQuery {
    offset: u64,
}

#[derive(Deserialize)]
pub struct FinishQuery {
    /// Set when the file is a new version of this asset; otherwise its name's code decides.
    asset_id: Option<i64>,
    /// With `asset_id`: a new version of the asset's file for this locale.
    locale: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Json(new): Json<NewUpload>,
) -> Result<(StatusCode, Json<Upload>), AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    let created = uploads::create(&state, &user, &new.file_name, new.size).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn list(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
) -> Result<Json<Vec<Upload>>, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    Ok(Json(uploads::of_user(&state, &user).await?))
}

pub async fn show(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path(id): Path<String>,
) -> Result<Json<Upload>, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    Ok(Json(uploads::find(&state, &user, &UploadId(id)).await?.upload))
}

pub async fn chunk(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path(id): Path<String>,
    Query(query): Query<ChunkQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Upload>, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    let length = content_length(&headers);
    Ok(Json(
        uploads::receive_chunk(&state, &user, &UploadId(id), query.offset, length, stream_of(body)).await?,
    ))
}

pub async fn finish(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path(id): Path<String>,
    Query(query): Query<FinishQuery>,
) -> Result<Json<Asset>, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    let locale = Locale::chosen(query.locale.as_deref())?;
    let target = match query.asset_id {
        Some(id) => Target::version_of(AssetId(id), locale),
        None => Target::ByCode,
    };
    let (asset, _) = uploads::finish(&state, &user, &UploadId(id), target).await?;
    Ok(Json(asset))
}

pub async fn remove(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    uploads::remove(&state, &user, &UploadId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/manage/upload_imports/{id}/report.csv`: the import's report, one line per file.
pub async fn import_report_csv(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let user = signed_in.authorize(Permission::Manage)?;
    let report = mass_import::report(&state, &user, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"import-{id}-report.csv\""),
            ),
        ],
        report.csv(),
    )
        .into_response())
}
