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

use super::{
    file_response::{Disposition, send},
    rendition::rendition_file,
};
use crate::domain::{AppError, Locale};
use crate::server::{
    db::{links, links::Published},
    errors,
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

/// The two kinds of link.
#[derive(Clone, Copy)]
enum Link {
    Pinned,
    Current,
}

pub async fn pinned(
    State(state): State<AppState>,
    Path((token, _name)): Path<(String, String)>,
    Query(query): Query<PublishedQuery>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    respond(&state, Link::Pinned, &token, query, &method, &headers)
        .await
        .unwrap_or_else(|error| errors::into_response(&error))
}

pub async fn current(
    State(state): State<AppState>,
    Path((token, _name)): Path<(String, String)>,
    Query(query): Query<PublishedQuery>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    respond(&state, Link::Current, &token, query, &method, &headers)
        .await
        .unwrap_or_else(|error| errors::into_response(&error))
}

async fn respond(
    state: &AppState,
    link: Link,
    token: &str,
    query: PublishedQuery,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let (published, cache_control): (Option<Published>, _) = match link {
        Link::Pinned => (links::pinned(&state.db, token).await?, PINNED),
        Link::Current => {
            let locale = Locale::chosen(query.locale.as_deref())?;
            (links::current(&state.db, token, locale.as_ref()).await?, FOLLOWING)
        }
    };
    let version = published.ok_or(AppError::NotFound)?.file;
    let file = match query.rendition {
        None => version.into(),
        Some(kind) => {
            let stem = version
                .file_name
                .rsplit_once('.')
                .map_or(version.file_name.as_str(), |(stem, _)| stem);
            rendition_file(state, &version.content_key, kind.parse()?, Some(stem)).await?
        }
    };
    send(state, file, Disposition::InlineIfSafe, cache_control, method, headers).await
}
