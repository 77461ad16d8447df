use leptos::prelude::*;

use crate::domain::{AppError, WebhookEndpoint, WebhookEndpointId};

/// Enables an endpoint (forgetting why damson disabled it) or disables it.
#[server(prefix = "/api/integrations", endpoint = "set_webhook_enabled")]
pub async fn set_webhook_enabled(endpoint_id: WebhookEndpointId, enabled: bool) -> Result<WebhookEndpoint, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    endpoints::set_enabled(&context::app_state()?, endpoint_id, enabled).await
}
