//! The webhook outbox: each message is written in the transaction of the change it tells of, with
//! one delivery per endpoint that wants it and a job that makes it, so a change that rolls back
//! tells nothing and one that commits is told by any instance, even after this one dies.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, Statement, sea_query::Expr,
};
use time::OffsetDateTime;

use super::{
    entities::{product, webhook_attempt, webhook_delivery, webhook_endpoint, webhook_message},
    jobs, millis_of, now_millis,
    webhooks::events_of,
};
use crate::domain::{Announcement, AssetId, JobKind, ProductId, WebhookDeliveryId, WebhookEndpointId, WebhookEvent};

/// What endpoints are told of these assets: their code and current version, for `event`.
///
/// # Errors
/// Database failures.
pub async fn about_assets(
    db: &impl ConnectionTrait,
    event: WebhookEvent,
    ids: &[AssetId],
) -> Result<Vec<Announcement>, DbErr> {
    let mut announcements = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT a.id, a.code, v.number FROM assets a LEFT JOIN asset_versions v ON v.id = a.current_version_id \
             WHERE a.id IN ({list}) ORDER BY a.id"
        );
        for row in db
            .query_all(Statement::from_string(db.get_database_backend(), sql))
            .await?
        {
            let version: Option<i32> = row.try_get_by_index(2)?;
            announcements.push(Announcement::Asset {
                event,
                id: AssetId(row.try_get_by_index(0)?),
                code: row.try_get_by_index(1)?,
                version: version.and_then(|number| u32::try_from(number).ok()),
            });
        }
    }
    Ok(announcements)
}

/// What endpoints are told of these products: that their assets changed.
///
/// # Errors
/// Database failures.
pub async fn about_products(db: &impl ConnectionTrait, ids: &[ProductId]) -> Result<Vec<Announcement>, DbErr> {
    let numbers: Vec<String> = product::Entity::find()
        .select_only()
        .column(product::Column::Number)
        .filter(product::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(numbers
        .into_iter()
        .map(|number| Announcement::ProductAssetsChanged { number })
        .collect())
}

const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// Writes these announcements for the endpoints that want them (a test, for its endpoint alone)
/// and queues their deliveries; nothing when no endpoint wants them.
///
/// # Errors
/// Database failures.
pub async fn write(
    db: &impl ConnectionTrait,
    announcements: &[Announcement],
    at: OffsetDateTime,
) -> Result<Vec<WebhookDeliveryId>, DbErr> {
    if announcements.is_empty() {
        return Ok(Vec::new());
    }
    let endpoints: Vec<(i64, String, bool)> = webhook_endpoint::Entity::find()
        .select_only()
        .columns([
            webhook_endpoint::Column::Id,
            webhook_endpoint::Column::Events,
            webhook_endpoint::Column::Enabled,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let endpoints: Vec<(i64, Vec<WebhookEvent>, bool)> = endpoints
        .into_iter()
        .map(|(id, events, enabled)| (id, events_of(&events), enabled))
        .collect();
    let mut queued = Vec::new();
    for announcement in announcements {
        let wanting: Vec<i64> = endpoints
            .iter()
            .filter(|(id, events, enabled)| match (announcement, announcement.event()) {
                (Announcement::Test { endpoint }, _) => endpoint.0 == *id,
                (_, Some(event)) => *enabled && events.contains(&event),
                (_, None) => false,
            })
            .map(|(id, ..)| *id)
            .collect();
        if wanting.is_empty() {
            continue;
        }
        let webhook_id = crate::server::random::hex_128()
            .map_err(|e| DbErr::Custom(format!("no randomness for a webhook id: {e}")))?;
        let message = webhook_message::ActiveModel {
            webhook_id: Set(format!("msg_{webhook_id}")),
            event: Set(announcement.event_code().to_owned()),
            body: Set(announcement.body(at)),
            created_at: Set(millis_of(at)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for endpoint in wanting {
            queued.push(queue(db, endpoint, message.id).await?);
        }
    }
    Ok(queued)
}

/// A new delivery of a message to an endpoint, and its job.
async fn queue(db: &impl ConnectionTrait, endpoint: i64, message: i64) -> Result<WebhookDeliveryId, DbErr> {
    let delivery = webhook_delivery::ActiveModel {
        endpoint_id: Set(endpoint),
        message_id: Set(message),
        state: Set(PENDING.to_owned()),
        created_at: Set(now_millis()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let kind = JobKind::WebhookDelivery {
        delivery_id: delivery.id,
    };
    jobs::enqueue(db, &kind, now_millis()).await?;
    Ok(WebhookDeliveryId(delivery.id))
}

/// Delivers the message of `delivery` again to `endpoint`, under the same `webhook-id`; `None`
/// when the endpoint has no such delivery.
///
/// # Errors
/// Database failures.
pub async fn resend(
    db: &impl ConnectionTrait,
    endpoint: WebhookEndpointId,
    delivery: WebhookDeliveryId,
) -> Result<Option<WebhookDeliveryId>, DbErr> {
    let old = webhook_delivery::Entity::find_by_id(delivery.0).one(db).await?;
    let Some(old) = old.filter(|old| old.endpoint_id == endpoint.0) else {
        return Ok(None);
    };
    queue(db, old.endpoint_id, old.message_id).await.map(Some)
}

/// A delivery as its job makes it.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub endpoint: WebhookEndpointId,
    pub url: String,
    pub secret: String,
    pub enabled: bool,
    /// Unix milliseconds of the endpoint's first failure since its last success.
    pub failing_since: Option<i64>,
    pub webhook_id: String,
    pub event: String,
    pub body: String,
    /// Whether an earlier attempt already delivered it (the job ran again after its instance died).
    pub done: bool,
}

/// What a delivery's job sends; `None` when the delivery or its endpoint was removed.
///
/// # Errors
/// Database failures.
pub async fn outgoing(db: &impl ConnectionTrait, delivery: WebhookDeliveryId) -> Result<Option<Outgoing>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        endpoint_id: i64,
        url: String,
        secret: String,
        enabled: bool,
        failing_since: Option<i64>,
        webhook_id: String,
        event: String,
        body: String,
        state: String,
    }
    // One query: every delivery reads it.
    let sql = format!(
        "SELECT e.id AS endpoint_id, e.url, e.secret, e.enabled, e.failing_since, m.webhook_id, m.event, m.body, d.state \
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id \
         JOIN webhook_messages m ON m.id = d.message_id WHERE d.id = {}",
        delivery.0
    );
    let row = Row::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await?;
    Ok(row.map(|row| Outgoing {
        endpoint: WebhookEndpointId(row.endpoint_id),
        url: row.url,
        secret: row.secret,
        enabled: row.enabled,
        failing_since: row.failing_since,
        webhook_id: row.webhook_id,
        event: row.event,
        body: row.body,
        done: row.state == DELIVERED,
    }))
}

/// One attempt as the log keeps it.
#[derive(Clone, Debug)]
pub struct AttemptRecord {
    pub at: OffsetDateTime,
    pub status: Option<u16>,
    pub duration_ms: u64,
    pub answer: String,
    pub error: Option<String>,
}

/// Logs an attempt and leaves the delivery in `state` (`pending` while retries remain).
///
/// # Errors
/// Database failures.
pub async fn record_attempt(
    db: &impl ConnectionTrait,
    delivery: WebhookDeliveryId,
    endpoint: WebhookEndpointId,
    attempt: &AttemptRecord,
    state: Option<&str>,
) -> Result<(), DbErr> {
    webhook_attempt::ActiveModel {
        delivery_id: Set(delivery.0),
        endpoint_id: Set(endpoint.0),
        attempted_at: Set(millis_of(attempt.at)),
        status: Set(attempt.status.map(i32::from)),
        duration_ms: Set(i64::try_from(attempt.duration_ms).unwrap_or(i64::MAX)),
        answer: Set(attempt.answer.clone()),
        error: Set(attempt.error.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::State, Expr::value(state.unwrap_or(PENDING)))
        .filter(webhook_delivery::Column::Id.eq(delivery.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Notes that the endpoint took a message: its failures end.
///
/// # Errors
/// Database failures.
pub async fn note_success(db: &impl ConnectionTrait, endpoint: WebhookEndpointId) -> Result<(), DbErr> {
    webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::FailingSince, Expr::value(Option::<i64>::None))
        .filter(webhook_endpoint::Column::Id.eq(endpoint.0))
        // Most deliveries succeed where the last did: they write nothing here.
        .filter(webhook_endpoint::Column::FailingSince.is_not_null())
        .exec(db)
        .await
        .map(drop)
}

/// Notes that the endpoint did not take a message: it has been failing since then, unless it was
/// failing already.
///
/// # Errors
/// Database failures.
pub async fn note_failure(
    db: &impl ConnectionTrait,
    endpoint: WebhookEndpointId,
    at: OffsetDateTime,
) -> Result<(), DbErr> {
    webhook_endpoint::Entity::update_many()
        .col_expr(
            webhook_endpoint::Column::FailingSince,
            Expr::cust(format!("COALESCE(failing_since, {})", millis_of(at))),
        )
        .filter(webhook_endpoint::Column::Id.eq(endpoint.0))
        .exec(db)
        .await
        .map(drop)
}

/// Forgets the messages written before `millis` with their deliveries and log.
///
/// # Errors
/// Database failures.
pub async fn forget_before(db: &impl ConnectionTrait, millis: i64) -> Result<(), DbErr> {
    let old = format!("SELECT id FROM webhook_messages WHERE created_at < {millis}");
    db.execute_unprepared(&format!(
        "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE message_id IN ({old}))"
    ))
    .await?;
    db.execute_unprepared(&format!("DELETE FROM webhook_deliveries WHERE message_id IN ({old})"))
        .await?;
    db.execute_unprepared(&format!("DELETE FROM webhook_messages WHERE created_at < {millis}"))
        .await?;
    Ok(())
}
