use leptos::prelude::*;

use crate::domain::{AppError, WebhookEndpoint, WebhookEndpointId};

/// Changes an endpoint's URL and the events it wants (`events[]`); its secret stays.
#[server(prefix = "/api/integrations", endpoint = "change_webhook")]
pub async fn change_webhook(
    endpoint_id: WebhookEndpointId,
    url: String,
    #[server(default)] events: Vec<String>,
) -> Result<WebhookEndpoint, AppError> {
    use crate::domain::{NewWebhookEndpoint, Permission};
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    let changed = NewWebhookEndpoint::parse(&url, &events)?;
    endpoints::change(&context::app_state()?, endpoint_id, &changed).await
}
