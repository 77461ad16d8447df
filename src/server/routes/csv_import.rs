//! `POST /api/catalog/import/products` and `/api/catalog/import/categories` with a CSV file as
//! the raw body: it is read as it arrives (the browser shows the upload's progress, which is the
//! import's), and the answer is the import's report. Each checks the ManageCatalog permission
//! itself, as the access guard did for its `/api/catalog` path. A file may be as large as an
//! upload (`max-upload-mb`).

use axum::{Extension, Json, body::Body, extract::State};
use futures_util::{StreamExt, TryStreamExt};
use std::io;

use crate::domain::{AppError, ImportReport, Permission};
use crate::server::{auth::SignedIn, csv_import, state::AppState, storage::ByteStream};

pub async fn products(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    body: Body,
) -> Result<Json<ImportReport>, AppError> {
    let body = accept(&state, &signed_in, body)?;
    Ok(Json(csv_import::products(&state, body).await?))
}

pub async fn categories(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    body: Body,
) -> Result<Json<ImportReport>, AppError> {
    let body = accept(&state, &signed_in, body)?;
    Ok(Json(csv_import::categories(&state, body).await?))
}

/// The body as a stream that breaks off past the upload limit, once the permission is checked.
fn accept(state: &AppState, signed_in: &SignedIn, body: Body) -> Result<ByteStream, AppError> {
    signed_in.clone().authorize(Permission::ManageCatalog)?;
    let limit = state.config.max_upload_bytes;
    let mut read = 0u64;
    let limited = body.into_data_stream().map_err(io::Error::other).map(move |chunk| {
        let chunk = chunk?;
        read += chunk.len() as u64;
        if read > limit {
            return Err(io::Error::other(format!(
                "the file is larger than the limit of {} MB",
                limit / (1024 * 1024)
            )));
        }
        Ok(chunk)
    });
    Ok(Box::pin(limited))
}
