//! `GET /api/view/renditions/{content_key}/{kind}`: a thumbnail or preview. The address names the
//! original content, which never changes, so browsers may keep the answer for a year.

use axum::{
    Extension,
    extract::{Path, State},
    http::{HeaderMap, Method},
    response::Response,
};

use super::file_response::{Disposition, send};
use crate::domain::{AppError, Permission};
use crate::server::{auth::SignedIn, files, state::AppState};

const FOR_A_YEAR: &str = "private, max-age=31536000, immutable";

pub async fn rendition(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    Path((content_key, kind)): Path<(String, String)>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    signed_in.authorize(Permission::View)?;
    let file = files::rendition(&state, &content_key, kind.parse()?, None).await?;
    send(&state, file, Disposition::InlineIfSafe, FOR_A_YEAR, &method, &headers).await
}
