//! Webhook endpoints for programs that set them up (`webhooks:manage`, a System admin's token):
//! the same endpoints, secrets, test events and delivery log as Settings → Webhooks.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};

use super::problem::{ApiError, NotThere, Refused, Unreadable};
use crate::domain::{
    NewWebhookEndpoint, Scope, WebhookAttempt, WebhookDeliveryId, WebhookEndpoint, WebhookEndpointId, paths,
};
use crate::server::{api_tokens::Caller, state::AppState, webhooks::endpoints};

/// An endpoint; its secret is shown only when it is made.
#[derive(Serialize, ToSchema)]
pub struct EndpointOut {
    pub id: i64,
    pub url: String,
    /// The codes of the events it wants: `asset.created`, `asset.updated`, `asset.version_added`,
    /// `asset.deleted`, `asset.published`, `asset.unpublished`, `product.assets_changed`,
    /// `upload.import_finished`.
    pub events: Vec<String>,
    pub enabled: bool,
    /// Why damson disabled it (410 Gone, three days of failures).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled_reason: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}

/// An endpoint just made, with its signing secret (`whsec_…`), shown this once.
#[derive(Serialize, ToSchema)]
pub struct CreatedEndpoint {
    pub endpoint: EndpointOut,
    pub secret: String,
}

/// A new endpoint.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointIn {
    /// `https://…` (or `http://`); loopback and private addresses are refused at delivery.
    pub url: String,
    pub events: Vec<String>,
}

/// What to change of an endpoint; what is absent stays.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointChange {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

/// One attempt to deliver a message.
#[derive(Serialize, ToSchema)]
pub struct AttemptOut {
    pub id: i64,
    /// The delivery (one message to this endpoint) it belongs to: what Resend takes.
    pub delivery: i64,
    /// The same on every attempt of one message.
    pub webhook_id: String,
    pub event: String,
    /// RFC 3339.
    pub at: String,
    /// Absent when no answer came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub duration_ms: u64,
    /// The first 4 KB of the answer.
    pub answer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A delivery queued.
#[derive(Serialize, ToSchema)]
pub struct Queued {
    pub delivery: i64,
}

/// A page of the log: attempts older than `before` (an attempt's id).
#[derive(Deserialize, IntoParams)]
pub struct LogPage {
    pub before: Option<i64>,
}

/// Lists the endpoints.
#[utoipa::path(get, path = paths::api_v1::WEBHOOKS, tag = "webhooks",
    responses((status = 200, description = "Every endpoint, oldest first", body = Vec<EndpointOut>), Refused))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<EndpointOut>>, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    Ok(Json(
        endpoints::list(&state)
            .await?
            .into_iter()
            .map(EndpointOut::from)
            .collect(),
    ))
}

/// Adds an endpoint, enabled; the answer carries its secret, shown this once.
#[utoipa::path(post, path = paths::api_v1::WEBHOOKS, tag = "webhooks", request_body = EndpointIn,
    responses((status = 201, description = "Added", body = CreatedEndpoint), Refused, Unreadable))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<EndpointIn>,
) -> Result<Response, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    let new = NewWebhookEndpoint::parse(&body.url, &body.events)?;
    let created = endpoints::create(&state, &new).await?;
    let location = HeaderValue::from_str(&paths::api_v1::webhook(created.endpoint.id)).ok();
    let body = CreatedEndpoint {
        endpoint: created.endpoint.into(),
        secret: created.secret,
    };
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// One endpoint.
#[utoipa::path(get, path = paths::api_v1::WEBHOOK, tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 200, description = "The endpoint", body = EndpointOut), Refused, NotThere, Unreadable))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<Json<EndpointOut>, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    Ok(Json(endpoints::find(&state, WebhookEndpointId(id)).await?.into()))
}

/// Changes an endpoint's URL, events, or whether it is enabled (enabling forgets why damson
/// disabled it).
#[utoipa::path(patch, path = paths::api_v1::WEBHOOK, tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")), request_body = EndpointChange,
    responses((status = 200, description = "The endpoint after the change", body = EndpointOut), Refused, NotThere, Unreadable))]
pub async fn change(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Json(body): Json<EndpointChange>,
) -> Result<Json<EndpointOut>, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    let id = WebhookEndpointId(id);
    let mut endpoint = endpoints::find(&state, id).await?;
    if body.url.is_some() || body.events.is_some() {
        let events = body
            .events
            .unwrap_or_else(|| endpoint.events.iter().map(|event| event.code().to_owned()).collect());
        let new = NewWebhookEndpoint::parse(body.url.as_deref().unwrap_or(&endpoint.url), &events)?;
        endpoint = endpoints::change(&state, id, &new).await?;
    }
    if let Some(enabled) = body.enabled {
        endpoint = endpoints::set_enabled(&state, id, enabled).await?;
    }
    Ok(Json(endpoint.into()))
}

/// Removes an endpoint and its log.
#[utoipa::path(delete, path = paths::api_v1::WEBHOOK, tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 204, description = "Removed"), Refused, NotThere, Unreadable))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    endpoints::delete(&state, WebhookEndpointId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The endpoint's delivery log, newest first, 50 at a time.
#[utoipa::path(get, path = paths::api_v1::WEBHOOK_ATTEMPTS, tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id"), LogPage),
    responses((status = 200, description = "Attempts, newest first", body = Vec<AttemptOut>), Refused, NotThere, Unreadable))]
pub async fn attempts(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(page): Query<LogPage>,
) -> Result<Json<Vec<AttemptOut>>, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    let attempts = endpoints::log(&state, WebhookEndpointId(id), page.before).await?;
    Ok(Json(attempts.into_iter().map(AttemptOut::from).collect()))
}

/// Sends the endpoint a `webhook.test` message.
#[utoipa::path(post, path = paths::api_v1::WEBHOOK_TEST, tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 202, description = "Queued", body = Queued), Refused, NotThere, Unreadable))]
pub async fn test(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Result<Response, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    let delivery = endpoints::send_test(&state, WebhookEndpointId(id)).await?;
    Ok((StatusCode::ACCEPTED, Json(Queued { delivery: delivery.0 })).into_response())
}

/// Sends a delivery's message again, with the same `webhook-id`.
#[utoipa::path(post, path = paths::api_v1::WEBHOOK_RESEND, tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id"), ("delivery" = i64, Path, description = "The delivery's id, from the log")),
    responses((status = 202, description = "Queued", body = Queued), Refused, NotThere, Unreadable))]
pub async fn resend(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, delivery)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    caller.require(Scope::WebhooksManage)?;
    let again = endpoints::resend(&state, WebhookEndpointId(id), WebhookDeliveryId(delivery)).await?;
    Ok((StatusCode::ACCEPTED, Json(Queued { delivery: again.0 })).into_response())
}

impl From<WebhookEndpoint> for EndpointOut {
    fn from(endpoint: WebhookEndpoint) -> Self {
        EndpointOut {
            id: endpoint.id.0,
            url: endpoint.url,
            events: endpoint.events.iter().map(|event| event.code().to_owned()).collect(),
            enabled: endpoint.enabled,
            disabled_reason: endpoint.disabled_reason,
            created_at: endpoint.created_at.format(&Rfc3339).unwrap_or_default(),
        }
    }
}

impl From<WebhookAttempt> for AttemptOut {
    fn from(attempt: WebhookAttempt) -> Self {
        AttemptOut {
            id: attempt.id,
            delivery: attempt.delivery.0,
            webhook_id: attempt.webhook_id,
            event: attempt.event,
            at: attempt.at.format(&Rfc3339).unwrap_or_default(),
            status: attempt.status,
            duration_ms: attempt.duration_ms,
            answer: attempt.answer,
            error: attempt.error,
        }
    }
}
