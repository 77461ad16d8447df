//! An asset's versions: listed, and each one's file downloaded (with `Range` and `ETag`, as the
//! pages' downloads), for the main file or a locale's own.

use axum::{
    Json,
    body::Body,
    extract::{Path, Query, State},
    http::{HeaderMap, Method},
    response::Response,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    assets::arrived,
    problem::{ApiError, NotThere, Refused, TooLarge, Unreadable},
    wire::{AssetDetail, FileBytes, Version},
};
use crate::domain::{AppError, AssetId, ImportOutcome, Locale, Scope, paths};
use crate::server::routes::request_body::{content_length, stream_of};
use crate::server::{
    api_tokens::Caller,
    assets, files,
    ingest::Target,
    routes::file_response::{Disposition, send},
    state::AppState,
    uploads,
};

/// A file's bytes are the same for ever, but a program must not keep them after its access ends.
const PRIVATE: &str = "private, no-cache";

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocaleQuery {
    /// A locale (`fr_FR`) of a localizable asset: the versions of its own file.
    locale: Option<String>,
}

impl LocaleQuery {
    /// The locale asked for, checked.
    ///
    /// # Errors
    /// `Validation` for what is not a locale.
    pub fn locale(&self) -> Result<Option<Locale>, AppError> {
        Locale::chosen(self.locale.as_deref())
    }
}

/// Lists the versions of an asset's main file, or of a locale's own file, newest first.
#[utoipa::path(
    get,
    path = paths::api_v1::VERSIONS,
    tag = "versions",
    params(("id" = i64, Path, description = "The asset's id"), LocaleQuery),
    responses(
        (status = 200, description = "The versions, newest first", body = Vec<Version>),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(query): Query<LocaleQuery>,
) -> Result<Json<Vec<Version>>, ApiError> {
    caller.require(Scope::AssetsRead)?;
    let locale = query.locale()?;
    let versions = assets::versions(&state, AssetId(id), locale.as_ref()).await?;
    Ok(Json(versions.into_iter().map(Version::from).collect()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewVersionQuery {
    /// The file's name, kept with the version; unlike a mass upload's, it does not choose the asset.
    file_name: String,
    /// A locale (`fr_FR`) of a localizable asset: a new version of its own file.
    locale: Option<String>,
}

/// Adds a version, sent whole as the raw body (with `Content-Length`); it becomes the current one.
/// For large files, or to resume after a broken connection, use `/uploads` and finish the upload
/// with `asset_id`.
#[utoipa::path(
    post,
    path = paths::api_v1::VERSIONS,
    tag = "versions",
    params(("id" = i64, Path, description = "The asset's id"), NewVersionQuery),
    request_body(content = FileBytes, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "The asset with its new current version", body = AssetDetail),
        Refused,
        NotThere,
        TooLarge,
        Unreadable,
    )
)]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(query): Query<NewVersionQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let target = Target::version_of(AssetId(id), Locale::chosen(query.locale.as_deref())?);
    let length = content_length(&headers);
    let (asset, outcome) = uploads::take_whole(&state, user, &query.file_name, length, stream_of(body), target).await?;
    Ok(arrived(asset, outcome))
}

/// Restores a version: copies it into a new current version; the versions between stay.
#[utoipa::path(
    post,
    path = paths::api_v1::VERSION_RESTORE,
    tag = "versions",
    params(
        ("id" = i64, Path, description = "The asset's id"),
        ("number" = u32, Path, description = "The version's number, from 1"),
        LocaleQuery,
    ),
    responses(
        (status = 200, description = "The asset with the copy as its current version", body = AssetDetail),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn restore(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, number)): Path<(i64, u32)>,
    Query(query): Query<LocaleQuery>,
) -> Result<Response, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let locale = query.locale()?;
    let asset = assets::restore(&state, AssetId(id), locale.as_ref(), number, user).await?;
    Ok(arrived(asset, ImportOutcome::NewVersion))
}

/// Downloads one version's file; `Range` asks for part of it.
#[utoipa::path(
    get,
    path = paths::api_v1::VERSION_FILE,
    tag = "versions",
    params(
        ("id" = i64, Path, description = "The asset's id"),
        ("number" = u32, Path, description = "The version's number, from 1"),
        LocaleQuery,
    ),
    responses(
        (status = 200, description = "The file, as uploaded, with its own content type", content_type = "*/*"),
        (status = 206, description = "The part of it `Range` asked for", content_type = "*/*"),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn file(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, number)): Path<(i64, u32)>,
    Query(query): Query<LocaleQuery>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require(Scope::AssetsRead)?;
    let locale = query.locale()?;
    let file = files::version(&state, AssetId(id), locale.as_ref(), number).await?;
    Ok(send(&state, file, Disposition::Attachment, PRIVATE, &method, &headers).await?)
}
