//! The resumable upload protocol the Upload assets page uses, for scripts: create an upload with
//! its name and size, send its chunks at their offsets (8 MiB each, the last one shorter), ask
//! for the offset after a broken connection, then make it an asset or a version — one at a time,
//! or a whole photo shoot as an import with a report.

use axum::{
    Json,
    body::Body,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    assets::arrived,
    problem::{ApiError, NotThere, Problem, Refused, TooLarge, Unreadable},
    wire::{AssetDetail, FileBytes},
};
use crate::domain::{AppError, AssetId, Imported, Locale, Scope, Upload, UploadId, UploadImport, paths};
use crate::server::routes::request_body::{content_length, stream_of};
use crate::server::{api_tokens::Caller, ingest::Target, locales, mass_import, state::AppState, uploads};

/// A file to upload.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpload {
    /// Its name: without extension, the code of the asset it becomes (`shoe_red.jpg`,
    /// `shoe_red_fr_FR.jpg` for the French file of a localizable asset).
    file_name: String,
    /// In bytes; refused at once past the upload limit.
    size: u64,
}

/// An upload, and how far it has come.
#[derive(Serialize, ToSchema)]
pub struct UploadState {
    pub id: String,
    pub file_name: String,
    pub size: u64,
    /// The bytes the server has: the next chunk starts here.
    pub received: u64,
    /// What an import made of it, once one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportedFile>,
}

/// What an import made of a file.
#[derive(Serialize, ToSchema)]
pub struct ImportedFile {
    /// `new_asset`, `new_version`, `locale_file`, `new_localizable`, `skipped` or `failed`.
    pub outcome: String,
    /// What it became, or why it was skipped or failed.
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_id: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChunkQuery {
    /// Where the chunk starts: the upload's `received`.
    offset: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FinishQuery {
    /// Make the file a new version of this asset, whatever it is called; without it, the file's
    /// name decides, as in a mass upload.
    asset_id: Option<i64>,
    /// With `asset_id`: a new version of that localizable asset's file for this locale.
    locale: Option<String>,
}

/// The uploads an import takes.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewImport {
    /// Complete uploads of the token owner's; every one waiting when empty.
    #[serde(default)]
    uploads: Vec<String>,
}

/// An import: what became of each file so far.
#[derive(Serialize, ToSchema)]
pub struct ImportReport {
    pub id: i64,
    /// Whether every file has its outcome.
    pub finished: bool,
    pub files: Vec<UploadState>,
}

/// Starts an upload.
#[utoipa::path(
    post,
    path = paths::api_v1::UPLOADS,
    tag = "uploads",
    request_body = NewUpload,
    responses(
        (status = 201, description = "The upload, waiting for its first chunk", body = UploadState),
        Refused,
        TooLarge,
        Unreadable,
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(new): Json<NewUpload>,
) -> Result<(StatusCode, Json<UploadState>), ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let upload = uploads::create(&state, user, &new.file_name, new.size).await?;
    Ok((StatusCode::CREATED, Json(upload.into())))
}

/// Reads an upload: after a break, send again from its `received`.
#[utoipa::path(
    get,
    path = paths::api_v1::UPLOAD,
    tag = "uploads",
    params(("id" = String, Path, description = "The upload's id")),
    responses((status = 200, description = "The upload", body = UploadState), Refused, NotThere, Unreadable)
)]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<UploadState>, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    Ok(Json(uploads::find(&state, user, &UploadId(id)).await?.upload.into()))
}

/// Sends the chunk that starts at `offset`, as the raw body: 8 MiB (8,388,608 bytes), or what is
/// left for the last one. A chunk that breaks off is not kept: send it again.
#[utoipa::path(
    put,
    path = paths::api_v1::UPLOAD,
    tag = "uploads",
    params(("id" = String, Path, description = "The upload's id"), ChunkQuery),
    request_body(content = FileBytes, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "The upload with the chunk kept", body = UploadState),
        Refused,
        NotThere,
        (status = 409, description = "Not the next chunk, or another try of it is on its way", body = Problem, content_type = "application/problem+json"),
        Unreadable,
    )
)]
pub async fn chunk(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<ChunkQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<UploadState>, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let length = content_length(&headers);
    let upload = uploads::receive_chunk(&state, user, &UploadId(id), query.offset, length, stream_of(body)).await?;
    Ok(Json(upload.into()))
}

/// Removes an upload and its bytes.
#[utoipa::path(
    delete,
    path = paths::api_v1::UPLOAD,
    tag = "uploads",
    params(("id" = String, Path, description = "The upload's id")),
    responses((status = 204, description = "Removed"), Refused, NotThere, Unreadable)
)]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    uploads::remove(&state, user, &UploadId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Makes a complete upload an asset (201) or a new version of one (200), as a mass upload would
/// place it, or as a new version of `asset_id`.
#[utoipa::path(
    post,
    path = paths::api_v1::UPLOAD_FINISH,
    tag = "uploads",
    params(("id" = String, Path, description = "The upload's id"), FinishQuery),
    responses(
        (status = 201, description = "A new asset", body = AssetDetail),
        (status = 200, description = "A new version of an asset (or of its file for a locale)", body = AssetDetail),
        Refused,
        NotThere,
        (status = 409, description = "Bytes are missing, or it is part of an import", body = Problem, content_type = "application/problem+json"),
        Unreadable,
    )
)]
pub async fn finish(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<FinishQuery>,
) -> Result<Response, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let locale = Locale::chosen(query.locale.as_deref())?;
    let target = match (query.asset_id, locale) {
        (Some(id), locale) => Target::version_of(AssetId(id), locale),
        (None, Some(_)) => {
            return Err(AppError::Validation(
                "locale goes with asset_id; without it the file's name says its locale (shoe_red_fr_FR.jpg).".into(),
            )
            .into());
        }
        (None, None) => Target::ByName {
            locales: locales::all(&state).await?,
        },
    };
    let (asset, outcome) = uploads::finish(&state, user, &UploadId(id), target).await?;
    Ok(arrived(asset, outcome))
}

/// Imports complete uploads as a job, each placed by its name as on the Upload assets page; read
/// its report until `finished`.
#[utoipa::path(
    post,
    path = paths::api_v1::IMPORTS,
    tag = "uploads",
    request_body = NewImport,
    responses(
        (status = 202, description = "The import, started", body = ImportReport),
        Refused,
        Unreadable,
    )
)]
pub async fn start_import(
    State(state): State<AppState>,
    caller: Caller,
    Json(new): Json<NewImport>,
) -> Result<(StatusCode, Json<ImportReport>), ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let only: Vec<UploadId> = new.uploads.into_iter().map(UploadId).collect();
    let id = mass_import::start(&state, user, &only).await?;
    let report = mass_import::report(&state, user, id).await?;
    Ok((StatusCode::ACCEPTED, Json(report.into())))
}

/// Reads an import's report.
#[utoipa::path(
    get,
    path = paths::api_v1::IMPORT,
    tag = "uploads",
    params(("id" = i64, Path, description = "The import's id")),
    responses((status = 200, description = "What became of each file so far", body = ImportReport), Refused, NotThere, Unreadable)
)]
pub async fn import_report(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<Json<ImportReport>, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    Ok(Json(mass_import::report(&state, user, id).await?.into()))
}

impl From<Upload> for UploadState {
    fn from(upload: Upload) -> Self {
        UploadState {
            id: upload.id.0,
            file_name: upload.file_name,
            size: upload.size,
            received: upload.received,
            imported: upload.imported.map(ImportedFile::from),
        }
    }
}

impl From<Imported> for ImportedFile {
    fn from(imported: Imported) -> Self {
        ImportedFile {
            outcome: imported.outcome.code().to_owned(),
            detail: imported.detail,
            asset_id: imported.asset_id.map(|id| id.0),
        }
    }
}

impl From<UploadImport> for ImportReport {
    fn from(import: UploadImport) -> Self {
        ImportReport {
            id: import.id,
            finished: import.finished,
            files: import.files.into_iter().map(UploadState::from).collect(),
        }
    }
}
