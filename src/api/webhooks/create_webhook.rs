use leptos::prelude::*;

use crate::domain::{AppError, CreatedWebhookEndpoint};

/// Adds an endpoint: its URL and the events it wants (`events[]`). The answer carries its signing
/// secret, shown once.
#[server(prefix = "/api/integrations", endpoint = "create_webhook")]
pub async fn create_webhook(
    url: String,
    #[server(default)] events: Vec<String>,
) -> Result<CreatedWebhookEndpoint, AppError> {
    use crate::domain::{NewWebhookEndpoint, Permission};
    use crate::server::{context, webhooks::endpoints};
    context::authorize(Permission::ManageIntegrations)?;
    let new = NewWebhookEndpoint::parse(&url, &events)?;
    endpoints::create(&context::app_state()?, &new).await
}
