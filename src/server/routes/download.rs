//! Downloads for signed-in users: `GET /api/view/assets/{id}/download` (the current file; with
//! `?inline=true` shown in the browser when that is safe, for Preview) and
//! `GET /api/view/assets/{id}/versions/{number}/download` (any version).

use axum::{
    Extension,
    extract::{Path, Query, State},
    http::{HeaderMap, Method},
    response::Response,
};
use serde::Deserialize;

use super::file_response::{Disposition, send};
use crate::domain::{AppError, AssetId, Locale, Permission};
use crate::server::{auth::SignedIn, files, state::AppState};

/// Files are immutable per content, but a browser must not keep one after access is withdrawn.
const PRIVATE: &str = "private, no-cache";

#[derive(Deserialize)]
pub struct DownloadQuery {
    #[serde(default)]
    inline: bool,
    /// A localizable asset's file for this locale: its own, or else the main file.
    locale: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path(asset_id): Path<i64>,
    Query(query): Query<DownloadQuery>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    signed_in.authorize(Permission::View)?;
    let disposition = if query.inline {
        Disposition::InlineIfSafe
    } else {
        Disposition::Attachment
    };
    let locale = Locale::chosen(query.locale.as_deref())?;
    let file = files::current(&state, AssetId(asset_id), locale.as_ref()).await?;
    send(&state, file, disposition, PRIVATE, &method, &headers).await
}

pub async fn download_version(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path((asset_id, number)): Path<(i64, u32)>,
    Query(query): Query<DownloadQuery>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    signed_in.authorize(Permission::View)?;
    let locale = Locale::chosen(query.locale.as_deref())?;
    let file = files::version(&state, AssetId(asset_id), locale.as_ref(), number).await?;
    send(&state, file, Disposition::Attachment, PRIVATE, &method, &headers).await
}
