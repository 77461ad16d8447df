use leptos::prelude::*;

use crate::domain::{AppError, WebhookEndpoint};

/// Every endpoint, oldest first.
#[server(prefix = "/api/integrations", endpoint = "list_webhooks", input = server_fn::codec::GetUrl)]
pub async fn list_webhooks() -> Result<Vec<WebhookEndpoint>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    endpoints::list(&context::app_state()?).await
}
