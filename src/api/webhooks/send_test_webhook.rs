use leptos::prelude::*;

use crate::domain::{AppError, WebhookDeliveryId, WebhookEndpointId};

/// Sends the endpoint a `webhook.test` message; its attempt shows in the delivery log.
#[server(prefix = "/api/integrations", endpoint = "send_test_webhook")]
pub async fn send_test_webhook(endpoint_id: WebhookEndpointId) -> Result<WebhookDeliveryId, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    endpoints::send_test(&context::app_state()?, endpoint_id).await
}
