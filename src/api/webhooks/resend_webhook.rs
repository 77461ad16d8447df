use leptos::prelude::*;

use crate::domain::{AppError, WebhookDeliveryId, WebhookEndpointId};

/// Sends the message of one of the endpoint's deliveries again, with the same `webhook-id`.
#[server(prefix = "/api/integrations", endpoint = "resend_webhook")]
pub async fn resend_webhook(
    endpoint_id: WebhookEndpointId,
    delivery_id: WebhookDeliveryId,
) -> Result<WebhookDeliveryId, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    endpoints::resend(&context::app_state()?, endpoint_id, delivery_id).await
}
