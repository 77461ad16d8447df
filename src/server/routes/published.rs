//! Links that work without signing in, for Public assets only:
//! `/public/{token}/{file name}` opens the version that was current when the link was copied,
//! for ever; `/static/{token}/{file name}` opens whatever version is current now. Add
//! `?rendition=thumbnail` or `?rendition=preview` for the smaller pictures, and, to a static link,
//! `?locale=fr_FR` for a localizable asset's file for that locale (the main file when it has none).
//!
//! Anything else (an asset that is not Public, a deleted one, an unknown token) answers the same
//! 404, so a link says nothing about assets that are not published.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, Method},
    response::Response,
};
use serde::Deserialize;

use super::file_response::{Disposition, send};
use crate::domain::{AppError, Locale};
use crate::server::{
    files::{self, Link},
    state::AppState,
};

/// A pinned link's file never changes.
const PINNED: &str = "public, max-age=31536000, immutable";
/// A static link follows the current version: a new one shows within a minute.
const FOLLOWING: &str = "public, max-age=60";

#[derive(Deserialize)]
pub struct PublishedQuery {
    rendition: Option<String>,
    /// A static link opens this locale's file, or the main file when it has none of its own.
    locale: Option<String>,
}

pub async fn pinned(
    State(state): State<AppState>,
    Path((token, _name)): Path<(String, String)>,
    Query(query): Query<PublishedQuery>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    respond(&state, Link::Pinned, &token, query, &method, &headers).await
}

pub async fn current(
    State(state): State<AppState>,
    Path((token, _name)): Path<(String, String)>,
    Query(query): Query<PublishedQuery>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    respond(&state, Link::Following, &token, query, &method, &headers).await
}

async fn respond(
    state: &AppState,
    link: Link,
    token: &str,
    query: PublishedQuery,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let locale = match link {
        Link::Pinned => None,
        Link::Following => Locale::chosen(query.locale.as_deref())?,
    };
    let rendition = query.rendition.as_deref().map(str::parse).transpose()?;
    let file = files::published(state, link, token, locale.as_ref(), rendition).await?;
    let cache_control = match link {
        Link::Pinned => PINNED,
        Link::Following => FOLLOWING,
    };
    send(state, file, Disposition::InlineIfSafe, cache_control, method, headers).await
}
