//! Webhook endpoints and their delivery log.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, Statement, sea_query::Expr,
};
use time::OffsetDateTime;

use super::{
    entities::{webhook_attempt, webhook_delivery, webhook_endpoint},
    instant_of, millis_of, unreadable,
};
use crate::domain::{
    NewWebhookEndpoint, WebhookAttempt, WebhookDeliveryId, WebhookEndpoint, WebhookEndpointId, WebhookEvent,
};

/// Keeps a new endpoint, enabled, with its secret as shown (`whsec_…`).
///
/// # Errors
/// Database failures.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: &NewWebhookEndpoint,
    secret: &str,
    now: OffsetDateTime,
) -> Result<WebhookEndpointId, DbErr> {
    let row = webhook_endpoint::ActiveModel {
        url: Set(new.url.clone()),
        events: Set(events_text(&new.events)),
        enabled: Set(true),
        secret: Set(secret.to_owned()),
        disabled_reason: Set(None),
        failing_since: Set(None),
        created_at: Set(millis_of(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(WebhookEndpointId(row.id))
}

/// Every endpoint, oldest first.
///
/// # Errors
/// Database failures; a stored event this damson does not know.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<WebhookEndpoint>, DbErr> {
    webhook_endpoint::Entity::find()
        .order_by_asc(webhook_endpoint::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(endpoint_of)
        .collect()
}

/// One endpoint.
///
/// # Errors
/// Database failures; a stored event this damson does not know.
pub async fn find(db: &impl ConnectionTrait, id: WebhookEndpointId) -> Result<Option<WebhookEndpoint>, DbErr> {
    webhook_endpoint::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(endpoint_of)
        .transpose()
}

/// Changes an endpoint's URL and events; `false` when it is not there.
///
/// # Errors
/// Database failures.
pub async fn change(db: &impl ConnectionTrait, id: WebhookEndpointId, new: &NewWebhookEndpoint) -> Result<bool, DbErr> {
    let changed = webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::Url, Expr::value(new.url.clone()))
        .col_expr(webhook_endpoint::Column::Events, Expr::value(events_text(&new.events)))
        .filter(webhook_endpoint::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Enables an endpoint (forgetting why it was disabled and its failures) or disables it, by hand
/// (`reason` `None`) or by damson; `false` when it is not there.
///
/// # Errors
/// Database failures.
pub async fn set_enabled(
    db: &impl ConnectionTrait,
    id: WebhookEndpointId,
    enabled: bool,
    reason: Option<&str>,
) -> Result<bool, DbErr> {
    let changed = webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::Enabled, Expr::value(enabled))
        .col_expr(
            webhook_endpoint::Column::DisabledReason,
            Expr::value(reason.map(str::to_owned)),
        )
        .col_expr(webhook_endpoint::Column::FailingSince, Expr::value(Option::<i64>::None))
        .filter(webhook_endpoint::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Removes an endpoint with its deliveries and log; `false` when it is not there.
///
/// # Errors
/// Database failures.
pub async fn delete(db: &impl ConnectionTrait, id: WebhookEndpointId) -> Result<bool, DbErr> {
    let attempts = webhook_attempt::Entity::delete_many()
        .filter(webhook_attempt::Column::EndpointId.eq(id.0))
        .exec(db);
    attempts.await?;
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::EndpointId.eq(id.0))
        .exec(db)
        .await?;
    let gone = webhook_endpoint::Entity::delete_by_id(id.0).exec(db).await?;
    Ok(gone.rows_affected == 1)
}

/// The endpoint's attempts, newest first, older than `before` (an attempt's id) when given.
///
/// # Errors
/// Database failures.
pub async fn attempts(
    db: &impl ConnectionTrait,
    endpoint: WebhookEndpointId,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<WebhookAttempt>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        id: i64,
        delivery_id: i64,
        webhook_id: String,
        event: String,
        attempted_at: i64,
        status: Option<i32>,
        duration_ms: i64,
        answer: String,
        error: Option<String>,
    }
    let before = before.map(|id| format!("AND a.id < {id}")).unwrap_or_default();
    let sql = format!(
        "SELECT a.id, a.delivery_id, m.webhook_id, m.event, a.attempted_at, a.status, a.duration_ms, a.answer, \
         a.error FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id \
         JOIN webhook_messages m ON m.id = d.message_id WHERE a.endpoint_id = {} {before} \
         ORDER BY a.id DESC LIMIT {limit}",
        endpoint.0
    );
    let rows = Row::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(WebhookAttempt {
                id: row.id,
                delivery: WebhookDeliveryId(row.delivery_id),
                webhook_id: row.webhook_id,
                event: row.event,
                at: instant_of(row.attempted_at)?,
                status: row.status.and_then(|status| u16::try_from(status).ok()),
                duration_ms: u64::try_from(row.duration_ms).unwrap_or_default(),
                answer: row.answer,
                error: row.error,
            })
        })
        .collect()
}

pub(super) fn events_text(events: &[WebhookEvent]) -> String {
    events.iter().map(|event| event.code()).collect::<Vec<_>>().join(" ")
}

/// The events of an endpoint as stored; those this damson no longer knows are left out.
pub(super) fn events_of(text: &str) -> Vec<WebhookEvent> {
    text.split_whitespace().filter_map(|code| code.parse().ok()).collect()
}

fn endpoint_of(row: webhook_endpoint::Model) -> Result<WebhookEndpoint, DbErr> {
    Ok(WebhookEndpoint {
        id: WebhookEndpointId(row.id),
        url: row.url,
        events: events_of(&row.events),
        enabled: row.enabled,
        disabled_reason: row.disabled_reason,
        created_at: instant_of(row.created_at).map_err(|e| unreadable(format!("endpoint {}: {e}", row.id)))?,
    })
}
