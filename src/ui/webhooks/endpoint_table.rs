use leptos::prelude::*;

use super::change_endpoint::ChangeEndpoint;
use crate::api::webhooks::{ChangeWebhook, DeleteWebhook, SendTestWebhook, SetWebhookEnabled};
use crate::domain::{WebhookEndpoint, WebhookEndpointId};

/// What a row's buttons do, and which endpoint's log is open.
#[derive(Clone, Copy)]
pub struct EndpointActions {
    pub change: ServerAction<ChangeWebhook>,
    pub enable: ServerAction<SetWebhookEnabled>,
    pub delete: ServerAction<DeleteWebhook>,
    pub test: ServerAction<SendTestWebhook>,
    pub shown: RwSignal<Option<WebhookEndpoint>>,
}

/// The endpoints, with their events, state and buttons.
#[component]
pub fn EndpointTable(endpoints: Vec<WebhookEndpoint>, actions: EndpointActions) -> impl IntoView {
    if endpoints.is_empty() {
        return view! { <p class="hint">"No endpoints yet."</p> }.into_any();
    }
    view! {
        <table class="webhook-endpoints">
            <thead>
                <tr>
                    <th scope="col">"URL"</th>
                    <th scope="col">"Events"</th>
                    <th scope="col">"State"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>
                {endpoints.into_iter().map(|endpoint| view! { <EndpointRow endpoint actions /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn EndpointRow(endpoint: WebhookEndpoint, actions: EndpointActions) -> impl IntoView {
    let id = endpoint.id.0.to_string();
    let state = match (&endpoint.enabled, &endpoint.disabled_reason) {
        (true, _) => "Enabled".to_owned(),
        (false, Some(reason)) => format!("Disabled: {reason}"),
        (false, None) => "Disabled".to_owned(),
    };
    let events = endpoint
        .events
        .iter()
        .map(|event| event.code())
        .collect::<Vec<_>>()
        .join(", ");
    let (toggle, enable_value) = if endpoint.enabled {
        ("Disable", "false")
    } else {
        ("Enable", "true")
    };
    let url = endpoint.url.clone();
    let (test_label, log_label) = (format!("Send test event to {url}"), format!("Delivery log of {url}"));
    let (toggle_label, delete_label) = (format!("{toggle} {url}"), format!("Delete {url}"));
    let (test_id, enable_id) = (id.clone(), id.clone());
    let shown = endpoint.clone();
    let showing = move || {
        actions
            .shown
            .get()
            .is_some_and(|open| open.id == WebhookEndpointId(shown.id.0))
    };
    let show = endpoint.clone();
    let changed = endpoint.clone();
    view! {
        <tr>
            <th scope="row"><code class="endpoint-url">{url}</code></th>
            <td>{events}</td>
            <td class="endpoint-state">{state}</td>
            <td class="row-actions">
                <ActionForm action=actions.test attr:class="inline">
                    <input type="hidden" name="endpoint_id" value=test_id />
                    <button type="submit" class="quiet" aria-label=test_label>"Send test event"</button>
                </ActionForm>
                <button type="button" class="quiet" aria-pressed=move || showing().to_string() aria-label=log_label
                    on:click=move |_| actions.shown.set(Some(show.clone()))>
                    "Delivery log"
                </button>
                <ActionForm action=actions.enable attr:class="inline">
                    <input type="hidden" name="endpoint_id" value=enable_id />
                    <input type="hidden" name="enabled" value=enable_value />
                    <button type="submit" class="quiet" aria-label=toggle_label>{toggle}</button>
                </ActionForm>
                <ChangeEndpoint endpoint=changed change=actions.change />
                <ActionForm action=actions.delete attr:class="inline">
                    <input type="hidden" name="endpoint_id" value=id />
                    <button type="submit" class="quiet danger" aria-label=delete_label>"Delete"</button>
                </ActionForm>
            </td>
        </tr>
    }
}
