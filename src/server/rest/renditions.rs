//! What an asset looks like and where it is published: its current file's thumbnail and preview,
//! and the public and static links of a published asset.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderMap, Method},
    response::Response,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    problem::{ApiError, NotThere, Problem, Refused, Unreadable},
    versions::LocaleQuery,
};
use crate::domain::{AssetId, RenditionKind, Scope, ShareLinks, paths};
use crate::server::{
    api_tokens::Caller,
    assets, context, files,
    routes::file_response::{Disposition, send},
    state::AppState,
};

/// A rendition follows the current version, so it is checked again before it is used.
const PRIVATE: &str = "private, no-cache";

/// The links of a published asset that work for anyone, without a token.
#[derive(Serialize, ToSchema)]
pub struct Links {
    /// Opens the version that was current when the link was made, for ever.
    pub public: String,
    /// Always opens the current version.
    #[serde(rename = "static")]
    pub static_link: String,
}

/// Downloads the thumbnail (fits 320 px) or preview (fits 1600 px) of the asset's current file,
/// as JPEG; 404 while it is being made or for a file type damson does not render.
#[utoipa::path(
    get,
    path = paths::api_v1::RENDITION,
    tag = "assets",
    params(
        ("id" = i64, Path, description = "The asset's id"),
        ("kind" = String, Path, description = "`thumbnail` or `preview`"),
        LocaleQuery,
    ),
    responses(
        (status = 200, description = "The rendition", content_type = "image/jpeg"),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn rendition(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, kind)): Path<(i64, String)>,
    Query(query): Query<LocaleQuery>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require(Scope::AssetsRead)?;
    let kind: RenditionKind = kind.parse()?;
    let locale = query.locale()?;
    let file = files::current_rendition(&state, AssetId(id), locale.as_ref(), kind).await?;
    Ok(send(&state, file, Disposition::InlineIfSafe, PRIVATE, &method, &headers).await?)
}

/// The public and static links of a published asset (for a locale's file with `locale`).
#[utoipa::path(
    get,
    path = paths::api_v1::LINKS,
    tag = "assets",
    params(("id" = i64, Path, description = "The asset's id"), LocaleQuery),
    responses(
        (status = 200, description = "The links", body = Links),
        Refused,
        NotThere,
        (status = 409, description = "The asset is not published, so it has no links", body = Problem, content_type = "application/problem+json"),
        Unreadable,
    )
)]
pub async fn links(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(query): Query<LocaleQuery>,
    headers: HeaderMap,
) -> Result<Json<Links>, ApiError> {
    caller.require(Scope::AssetsRead)?;
    let locale = query.locale()?;
    let host = context::host_of(&headers);
    Ok(Json(
        assets::share_links(&state, AssetId(id), locale.as_ref(), host)
            .await?
            .into(),
    ))
}

impl From<ShareLinks> for Links {
    fn from(links: ShareLinks) -> Self {
        Links {
            public: links.public,
            static_link: links.static_link,
        }
    }
}
