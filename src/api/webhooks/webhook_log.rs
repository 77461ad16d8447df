use leptos::prelude::*;

use crate::domain::{AppError, WebhookAttempt, WebhookEndpointId};

/// The endpoint's latest delivery attempts, newest first.
#[server(prefix = "/api/integrations", endpoint = "webhook_log", input = server_fn::codec::GetUrl)]
pub async fn webhook_log(endpoint_id: WebhookEndpointId) -> Result<Vec<WebhookAttempt>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    endpoints::log(&context::app_state()?, endpoint_id, None).await
}
