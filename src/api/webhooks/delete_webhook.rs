use leptos::prelude::*;

use crate::domain::{AppError, WebhookEndpointId};

/// Removes an endpoint and its delivery log; nothing more is sent to it.
#[server(prefix = "/api/integrations", endpoint = "delete_webhook")]
pub async fn delete_webhook(endpoint_id: WebhookEndpointId) -> Result<(), AppError> {
    use crate::domain::Permission;
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    endpoints::delete(&context::app_state()?, endpoint_id).await
}
