//! An asset's versions: listed, and each one's file downloaded (with `Range` and `ETag`, as the
//! pages' downloads), for the main file or a locale's own.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderMap, Method},
    response::Response,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    problem::{ApiError, NotThere, Refused, Unreadable},
    wire::Version,
};
use crate::domain::{AssetId, Locale, Scope, paths};
use crate::server::{
    api_tokens::Caller,
    assets, files,
    routes::file_response::{Disposition, send},
    state::AppState,
};

/// A file's bytes are the same for ever, but a program must not keep them after its access ends.
const PRIVATE: &str = "private, no-cache";

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocaleQuery {
    /// A locale (`fr_FR`) of a localizable asset: the versions of its own file.
    locale: Option<String>,
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
    let locale = Locale::chosen(query.locale.as_deref())?;
    let versions = assets::versions(&state, AssetId(id), locale.as_ref()).await?;
    Ok(Json(versions.into_iter().map(Version::from).collect()))
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
        (status = 200, description = "The file, as uploaded", content_type = "application/octet-stream"),
        (status = 206, description = "The part of it `Range` asked for"),
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
    let locale = Locale::chosen(query.locale.as_deref())?;
    let file = files::version(&state, AssetId(id), locale.as_ref(), number).await?;
    Ok(send(&state, file, Disposition::Attachment, PRIVATE, &method, &headers).await?)
}
