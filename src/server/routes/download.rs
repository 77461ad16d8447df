//! `GET /api/view/assets/{id}/download`: the current file, streamed, under its original name.

use axum::{
    body::Body,
    extract::{Path, State},
    http::{HeaderValue, header},
    response::Response,
};

use crate::domain::{AppError, AssetId};
use crate::server::{db::assets, errors, state::AppState, storage::ContentKey};

pub async fn download(State(state): State<AppState>, Path(asset_id): Path<i64>) -> Response {
    match respond(&state, AssetId(asset_id)).await {
        Ok(response) => response,
        Err(error) => errors::into_response(&error),
    }
}

async fn respond(state: &AppState, asset_id: AssetId) -> Result<Response, AppError> {
    let file = assets::current_file(&state.db, asset_id).await?;
    let key = ContentKey::parse(&file.key)?;
    let body = Body::from_stream(state.storage.get(&key, None).await?);
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    let content_type =
        HeaderValue::from_str(&file.mime).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(disposition) = HeaderValue::from_str(&attachment(&file.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

/// `attachment` with the file's name: a plain-ASCII fallback, and the exact name in RFC 5987 form.
fn attachment(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut exact = String::new();
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            exact.push(byte as char);
        } else {
            exact.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{exact}")
}

#[cfg(test)]
mod tests {
    use super::attachment;

    #[test]
    fn names_keep_their_exact_form_and_an_ascii_fallback() {
        assert_eq!(
            attachment("shoe.jpg"),
            "attachment; filename=\"shoe.jpg\"; filename*=UTF-8''shoe.jpg"
        );
        assert_eq!(
            attachment("Größe \"A\".pdf"),
            "attachment; filename=\"Gr__e _A_.pdf\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe%20%22A%22.pdf"
        );
    }
}
