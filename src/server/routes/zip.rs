//! `GET /api/view/assets/zip?<selection>`: the current files of the selected assets (`ids=1,2,3`,
//! or `all=1` and a grid filter) in one ZIP, streamed as it is built. Files are stored as they
//! are (pictures and videos do not shrink), each read from storage in chunks, so the server's
//! memory stays flat whatever the selection weighs; ZIP64 lets it pass 4 GB.

use async_zip::{Compression, ZipEntryBuilder, base::write::ZipFileWriter};
use axum::{
    Extension,
    body::Body,
    extract::{RawQuery, State},
    http::{HeaderValue, header},
    response::Response,
};
use futures_util::{StreamExt, io::AsyncWriteExt};
use tokio::io::DuplexStream;
use tokio_util::{compat::TokioAsyncWriteCompatExt, io::ReaderStream};

use crate::domain::{AppError, ArchiveNames, AssetId, AssetSelection, Permission};
use crate::server::{
    assets,
    auth::SignedIn,
    files::{self, SelectedFile},
    state::AppState,
    storage::ContentKey,
};

/// Files looked up at a time while the archive is written.
const FILES_PER_READ: usize = 200;
/// What the archive's writer may get ahead of the client, and the size of the pieces sent.
const BUFFER: usize = 256 * 1024;

pub async fn download_zip(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    signed_in.authorize(Permission::View)?;
    let selection = AssetSelection::from_query(query.as_deref().unwrap_or_default())?;
    let selected = assets::selected(&state, &selection).await?;
    let first = first_files(&state, &selected).await?;
    if first.is_empty() {
        return Err(AppError::Validation(
            "None of the selected assets has a file to download.".into(),
        ));
    }
    let (writer, reader) = tokio::io::duplex(BUFFER);
    tokio::spawn(async move {
        if let Err(error) = write_archive(&state, &selected, first, writer).await {
            // The client sees the download break off; the headers went out long ago.
            tracing::warn!("ZIP download stopped: {error}");
        }
    });
    let mut response = Response::new(Body::from_stream(ReaderStream::with_capacity(reader, BUFFER)));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"assets.zip\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// The files of the first selected assets that have one.
async fn first_files(state: &AppState, selected: &[AssetId]) -> Result<Vec<SelectedFile>, AppError> {
    for chunk in selected.chunks(FILES_PER_READ) {
        let files = files::of_assets(state, chunk).await?;
        if !files.is_empty() {
            return Ok(files);
        }
    }
    Ok(Vec::new())
}

async fn write_archive(
    state: &AppState,
    selected: &[AssetId],
    first: Vec<SelectedFile>,
    writer: DuplexStream,
) -> Result<(), String> {
    let mut archive = ZipFileWriter::new(writer.compat_write());
    let mut names = ArchiveNames::default();
    let Some(first_asset) = first.first().map(|file| file.asset) else {
        return Ok(());
    };
    for file in &first {
        add(state, &mut archive, &mut names, file).await?;
    }
    let last = first.last().map_or(first_asset, |file| file.asset);
    let rest = &selected[selected.partition_point(|id| *id <= last)..];
    for chunk in rest.chunks(FILES_PER_READ) {
        let files = files::of_assets(state, chunk).await.map_err(|e| e.to_string())?;
        for file in &files {
            add(state, &mut archive, &mut names, file).await?;
        }
    }
    archive.close().await.map_err(|e| e.to_string())?;
    Ok(())
}

async fn add(
    state: &AppState,
    archive: &mut ZipFileWriter<tokio_util::compat::Compat<DuplexStream>>,
    names: &mut ArchiveNames,
    file: &SelectedFile,
) -> Result<(), String> {
    let key = ContentKey::parse(&file.content_key).map_err(|e| e.to_string())?;
    let mut body = state.storage.get(&key, None).await.map_err(|e| e.to_string())?;
    let entry = ZipEntryBuilder::new(names.name(&file.file_name).into(), Compression::Stored);
    let mut entry = archive.write_entry_stream(entry).await.map_err(|e| e.to_string())?;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| format!("asset {}: {e}", file.asset.0))?;
        entry.write_all(&chunk).await.map_err(|e| e.to_string())?;
    }
    entry.close().await.map_err(|e| e.to_string())
}
