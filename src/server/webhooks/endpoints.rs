//! Endpoints as a System admin keeps them (the Webhooks page, the API): made with a secret shown
//! once, changed, enabled or disabled, removed, sent a test event, and their delivery log with
//! Resend.

use super::signature::WebhookSecret;
use crate::domain::{
    Announcement, AppError, CreatedWebhookEndpoint, NewWebhookEndpoint, WebhookAttempt, WebhookDeliveryId,
    WebhookEndpoint, WebhookEndpointId,
};
use crate::server::{db, errors::internal, state::AppState};

/// How long messages and their delivery log are kept: long past their last retry.
const KEPT_FOR_DAYS: i64 = 30;

/// The most attempts the log shows at once.
pub const LOG_PAGE: u64 = 50;

/// Makes an endpoint, enabled; its secret is in the answer and shown nowhere else.
///
/// # Errors
/// Database failures; no randomness.
pub async fn create(state: &AppState, new: &NewWebhookEndpoint) -> Result<CreatedWebhookEndpoint, AppError> {
    let secret = WebhookSecret::generate().map_err(|e| internal("random", e))?;
    let now = state.config.clock.now();
    let id = db::webhooks::insert(&state.db, new, &secret.shown(), now).await?;
    Ok(CreatedWebhookEndpoint {
        endpoint: find(state, id).await?,
        secret: secret.shown(),
    })
}

/// # Errors
/// Database failures.
pub async fn list(state: &AppState) -> Result<Vec<WebhookEndpoint>, AppError> {
    Ok(db::webhooks::list(&state.db).await?)
}

/// # Errors
/// `NotFound`; database failures.
pub async fn find(state: &AppState, id: WebhookEndpointId) -> Result<WebhookEndpoint, AppError> {
    db::webhooks::find(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// Changes the URL and events.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn change(
    state: &AppState,
    id: WebhookEndpointId,
    new: &NewWebhookEndpoint,
) -> Result<WebhookEndpoint, AppError> {
    if !db::webhooks::change(&state.db, id, new).await? {
        return Err(AppError::NotFound);
    }
    find(state, id).await
}

/// Enables (forgetting why damson disabled it) or disables an endpoint.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn set_enabled(state: &AppState, id: WebhookEndpointId, enabled: bool) -> Result<WebhookEndpoint, AppError> {
    if !db::webhooks::set_enabled(&state.db, id, enabled, None).await? {
        return Err(AppError::NotFound);
    }
    find(state, id).await
}

/// Removes an endpoint with its log; what was queued for it is not sent.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn delete(state: &AppState, id: WebhookEndpointId) -> Result<(), AppError> {
    let gone = db::retried(&state.db, |txn| Box::pin(db::webhooks::delete(txn, id))).await?;
    if gone { Ok(()) } else { Err(AppError::NotFound) }
}

/// Sends the endpoint a `webhook.test` message, enabled or not.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn send_test(state: &AppState, id: WebhookEndpointId) -> Result<WebhookDeliveryId, AppError> {
    find(state, id).await?;
    let test = [Announcement::Test { endpoint: id }];
    let queued = db::webhook_outbox::write(&state.db, &test, state.config.clock.now()).await?;
    state.jobs.notify();
    queued.into_iter().next().ok_or(AppError::NotFound)
}

/// Sends the message of one of the endpoint's deliveries again, with its `webhook-id`.
///
/// # Errors
/// `NotFound`, also for a delivery of another endpoint; database failures.
pub async fn resend(
    state: &AppState,
    id: WebhookEndpointId,
    delivery: WebhookDeliveryId,
) -> Result<WebhookDeliveryId, AppError> {
    let again = db::retried(&state.db, |txn| Box::pin(db::webhook_outbox::resend(txn, id, delivery)))
        .await?
        .ok_or(AppError::NotFound)?;
    state.jobs.notify();
    Ok(again)
}

/// The endpoint's latest attempts, newest first, before the attempt `before` when given.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn log(
    state: &AppState,
    id: WebhookEndpointId,
    before: Option<i64>,
) -> Result<Vec<WebhookAttempt>, AppError> {
    find(state, id).await?;
    Ok(db::webhooks::attempts(&state.db, id, before, LOG_PAGE).await?)
}

/// Forgets the messages of more than a month ago, with their deliveries and log.
///
/// # Errors
/// Database failures.
pub async fn forget_old(state: &AppState) -> Result<(), AppError> {
    let before = db::now_millis() - KEPT_FOR_DAYS * 24 * 3600 * 1000;
    db::retried(&state.db, |txn| {
        Box::pin(db::webhook_outbox::forget_before(txn, before))
    })
    .await?;
    Ok(())
}
