//! Assets: listed with exactly the grid's filter and order, read by id or by code, changed and
//! deleted under the rules of the Details tab and the actions menu.

use axum::{
    Json,
    body::{Body, Bytes},
    extract::{Path, Query, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    problem::{ApiError, NotThere, Problem, Refused, TooLarge, Unreadable},
    wire::{AssetDetail, AssetList, AssetPatch, FileBytes},
};
use crate::domain::{AppError, Asset, AssetFilter, AssetId, ImportOutcome, Scope, paths};
use crate::server::routes::request_body::{content_length, stream_of};
use crate::server::{api_tokens::Caller, assets, deletion, ingest::Target, locales, state::AppState, uploads};

/// At most this many assets a page.
const MAX_LIMIT: usize = 100;

/// The query of a list: any of the grid's filters and its sort, as the Assets page's address has
/// them (repeat a key for several values), and the page's size and start.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(
    dead_code,
    reason = "describes the query for the document; the grid's AssetFilter reads it"
)]
struct ListQuery {
    /// Words in the name, code, description or labels.
    q: Option<String>,
    /// `image`, `audio`, `video`, `document`, `text`, `other`.
    r#type: Option<Vec<String>>,
    /// `public`, `automatic`, `internal`.
    availability: Option<Vec<String>>,
    /// `yes` or `no`.
    published: Option<String>,
    label: Option<Vec<String>>,
    /// `yes` or `no`: linked to a product.
    linked: Option<String>,
    /// A product's number.
    product: Option<Vec<String>>,
    /// A category's id.
    category: Option<Vec<i64>>,
    /// `today`, `7d`, `30d`.
    added: Option<String>,
    /// First day added, `YYYY-MM-DD`.
    from: Option<String>,
    /// Last day added, `YYYY-MM-DD`.
    to: Option<String>,
    /// `latest` (unless given), `oldest`, `name`, `size` or `updated`, as the grid's Sort.
    sort: Option<String>,
    /// Assets a page, 1 to 100 (48 unless given).
    limit: Option<usize>,
    /// The `next` of the previous page.
    next: Option<String>,
}

/// Lists assets.
///
/// The query is the grid's: the query string of an Assets page address, pasted after
/// `/api/v1/assets?`, lists the same assets in the same order. Pages follow with `next` (also in
/// the `Link` header, `rel="next"`).
#[utoipa::path(
    get,
    path = paths::api_v1::ASSETS,
    tag = "assets",
    params(ListQuery),
    responses(
        (status = 200, description = "One page of assets", body = AssetList),
        Refused,
        Unreadable,
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    caller.require(Scope::AssetsRead)?;
    let query = query.unwrap_or_default();
    let filter = AssetFilter::from_query(&query)?;
    let (limit, after) = page_of(&query)?;
    let page = assets::page(&state, &filter, after.as_deref(), limit).await?;
    let link = page.next.as_deref().map(|next| next_link(&query, next));
    let mut response = Json(AssetList::from(page)).into_response();
    if let Some(link) = link.and_then(|link| HeaderValue::from_str(&link).ok()) {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(response)
}

/// The name of a file sent whole.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// The file's name: without extension, the asset's code, with a locale suffix
    /// (`shoe_red_fr_FR.jpg`) for the file of a localizable asset's locale.
    pub file_name: String,
}

/// Uploads a file, sent whole as the raw body (with `Content-Length`), and places it as a mass
/// upload would: a new asset (201) for a new code, a new version (200) for a code that is taken,
/// the file for a locale with a locale suffix. For large files, or to resume after a broken
/// connection, use `/uploads`.
#[utoipa::path(
    post,
    path = paths::api_v1::ASSETS,
    tag = "assets",
    params(FileQuery),
    request_body(content = FileBytes, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "A new asset", body = AssetDetail),
        (status = 200, description = "A new version of the asset with that code (or of its file for a locale)", body = AssetDetail),
        Refused,
        TooLarge,
        Unreadable,
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<FileQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let user = caller.require(Scope::AssetsWrite)?;
    let target = Target::ByName {
        locales: locales::all(&state).await?,
    };
    let (asset, outcome) = uploads::take_whole(
        &state,
        user,
        &query.file_name,
        content_length(&headers),
        stream_of(body),
        target,
    )
    .await?;
    Ok(arrived(asset, outcome))
}

/// Reads an asset.
#[utoipa::path(
    get,
    path = paths::api_v1::ASSET,
    tag = "assets",
    params(("id" = i64, Path, description = "The asset's id")),
    responses(
        (status = 200, description = "The asset; its `ETag` is its revision", body = AssetDetail),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn by_id(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Result<Response, ApiError> {
    caller.require(Scope::AssetsRead)?;
    Ok(detail(assets::get(&state, AssetId(id), None).await?))
}

/// Reads an asset by its code.
#[utoipa::path(
    get,
    path = paths::api_v1::ASSET_BY_CODE,
    tag = "assets",
    params(("code" = String, Path, description = "The asset's code: its file name without extension")),
    responses(
        (status = 200, description = "The asset; its `ETag` is its revision", body = AssetDetail),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn by_code(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    caller.require(Scope::AssetsRead)?;
    Ok(detail(assets::by_code(&state, &code).await?))
}

/// Changes an asset's name, description, labels, availability or localizability.
///
/// Send the `ETag` of the asset as read in `If-Match`: when someone changed it since, nothing is
/// changed and the answer is 412.
#[utoipa::path(
    patch,
    path = paths::api_v1::ASSET,
    tag = "assets",
    params(
        ("id" = i64, Path, description = "The asset's id"),
        ("If-Match" = String, Header, description = "The asset's ETag when it was read"),
    ),
    request_body = AssetPatch,
    responses(
        (status = 200, description = "The asset as changed, with its new ETag", body = AssetDetail),
        Refused,
        NotThere,
        // Before the 422 below, which says more for this operation.
        Unreadable,
        (status = 409, description = "A change the asset refuses (it keeps files for some locales)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the asset since", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field's value, a missing If-Match or a body that is not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require(Scope::AssetsWrite)?;
    let revision = if_match(&headers)?;
    let patch: AssetPatch = serde_json::from_slice(&body)
        .map_err(|e| AppError::Validation(format!("The body is not the JSON of an asset's changes: {e}.")))?;
    let id = AssetId(id);
    let changes = patch.applied_to(&assets::get(&state, id, None).await?)?;
    Ok(detail(assets::update(&state, id, revision, &changes).await?))
}

/// Deletes an asset, its versions and its files. A Public asset is refused (409), as in damson's pages.
#[utoipa::path(
    delete,
    path = paths::api_v1::ASSET,
    tag = "assets",
    params(("id" = i64, Path, description = "The asset's id")),
    responses(
        (status = 204, description = "Deleted"),
        Refused,
        NotThere,
        (status = 409, description = "A Public asset cannot be deleted", body = Problem, content_type = "application/problem+json"),
        Unreadable,
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    caller.require(Scope::AssetsWrite)?;
    deletion::delete_asset(&state, AssetId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The revision an `If-Match` names (`"12"`, as the `ETag` was).
fn if_match(headers: &HeaderMap) -> Result<i64, AppError> {
    let given = headers
        .get(header::IF_MATCH)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| {
            AppError::Validation("Send If-Match with the asset's ETag, so that no one's change is lost.".into())
        })?;
    given
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| {
            AppError::Validation(format!(
                "If-Match is an ETag of this API's, such as \"12\", not {given}."
            ))
        })
}

/// A file's arrival: 201 with the asset's address when it made a new asset, 200 when it is a new
/// version of one.
pub fn arrived(asset: Asset, outcome: ImportOutcome) -> Response {
    let created = matches!(outcome, ImportOutcome::NewAsset | ImportOutcome::NewLocalizableAsset);
    let location = HeaderValue::from_str(&paths::api_v1::asset(asset.id)).ok();
    let mut response = detail(asset);
    if created {
        *response.status_mut() = StatusCode::CREATED;
        if let Some(location) = location {
            response.headers_mut().insert(header::LOCATION, location);
        }
    }
    response
}

fn detail(asset: Asset) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{}\"", asset.revision)).ok();
    let mut response = Json(AssetDetail::from(asset)).into_response();
    if let Some(etag) = etag {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// The page size and cursor of a list's query.
fn page_of(query: &str) -> Result<(usize, Option<String>), AppError> {
    let (mut limit, mut next) = (assets::GRID_PAGE_SIZE, None);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "limit" => {
                limit = value
                    .parse()
                    .ok()
                    .filter(|limit| (1..=MAX_LIMIT).contains(limit))
                    .ok_or_else(|| {
                        AppError::Validation(format!("limit is 1 to {MAX_LIMIT}, not \u{201c}{value}\u{201d}."))
                    })?;
            }
            "next" => next = Some(value.into_owned()),
            _ => {}
        }
    }
    Ok((limit, next))
}

/// The address of the next page: the same query, the new cursor.
fn next_link(query: &str, next: &str) -> String {
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| key != "next") {
        kept.append_pair(&key, &value);
    }
    kept.append_pair("next", next);
    format!("<{}>; rel=\"next\"", paths::api_v1::assets_page(&kept.finish()))
}
