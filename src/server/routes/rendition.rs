//! `GET /api/view/renditions/{content_key}/{kind}`: a thumbnail or preview. The address names the
//! original content, which never changes, so browsers may keep the answer for a year.

use axum::{
    Extension,
    extract::{Path, State},
    http::{HeaderMap, Method},
    response::Response,
};

use super::file_response::{Disposition, FileToSend, send};
use crate::domain::{AppError, Permission, RenditionKind};
use crate::server::{auth::SignedIn, db::renditions, errors, state::AppState};

const FOR_A_YEAR: &str = "private, max-age=31536000, immutable";

pub async fn rendition(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path((content_key, kind)): Path<(String, String)>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let outcome = async {
        signed_in.authorize(Permission::View)?;
        let file = rendition_file(&state, &content_key, kind.parse()?, None).await?;
        send(&state, file, Disposition::InlineIfSafe, FOR_A_YEAR, &method, &headers).await
    };
    outcome
        .await
        .unwrap_or_else(|error: AppError| errors::into_response(&error))
}

/// The stored rendition of a file, named `<stem>-<kind>.jpg`, or `<kind>.jpg` without a stem.
///
/// # Errors
/// `NotFound` when it was not made (yet); database failures.
pub async fn rendition_file(
    state: &AppState,
    content_key: &str,
    kind: RenditionKind,
    stem: Option<&str>,
) -> Result<FileToSend, AppError> {
    let (key, size) = renditions::find(&state.db, content_key, kind).await?;
    Ok(FileToSend {
        key,
        file_name: stem.map_or_else(|| format!("{kind}.jpg"), |stem| format!("{stem}-{kind}.jpg")),
        mime: "image/jpeg".to_owned(),
        size: size as u64,
    })
}
