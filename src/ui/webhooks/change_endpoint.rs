use leptos::prelude::*;

use super::new_endpoint_form::EndpointFields;
use crate::api::webhooks::ChangeWebhook;
use crate::domain::WebhookEndpoint;

/// An endpoint's URL and events, to change in place; its secret stays.
#[component]
pub fn ChangeEndpoint(endpoint: WebhookEndpoint, change: ServerAction<ChangeWebhook>) -> impl IntoView {
    let key = endpoint.id.0.to_string();
    let label = format!("Change {}", endpoint.url);
    view! {
        <details class="change-endpoint">
            <summary aria-label=label.clone()>"Change"</summary>
            <ActionForm action=change attr:class="endpoint-fields" attr:aria-label=label>
                <input type="hidden" name="endpoint_id" value=key.clone() />
                <EndpointFields key url=endpoint.url.clone() events=endpoint.events.clone() />
                <button type="submit">"Save"</button>
            </ActionForm>
        </details>
    }
}
