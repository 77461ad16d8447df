use leptos::{either::Either, prelude::*};

use crate::api::webhooks::CreateWebhook;
use crate::domain::{MAX_WEBHOOK_URL_CHARS, WebhookEvent};
use crate::ui::{ErrorMessage, error_message::empty_after_success};

/// The URL of a new endpoint and the events it wants.
#[component]
pub fn NewEndpointForm(create: ServerAction<CreateWebhook>) -> impl IntoView {
    let form = NodeRef::new();
    empty_after_success(create.value(), form);
    view! {
        <ActionForm action=create node_ref=form attr:class="card new-endpoint" attr:aria-label="New endpoint">
            <h2>"New endpoint"</h2>
            <EndpointFields key="new".into() url=String::new() events=Vec::new() />
            <button type="submit">"Add endpoint"</button>
        </ActionForm>
    }
}

/// An endpoint's URL and events, as entered or as they are; `key` tells one form's fields from
/// another's.
#[component]
pub fn EndpointFields(key: String, url: String, events: Vec<WebhookEvent>) -> impl IntoView {
    let id = format!("endpoint-url-{key}");
    view! {
        <div class="field">
            <label for=id.clone()>"URL"</label>
            <input id=id name="url" type="url" value=url maxlength=MAX_WEBHOOK_URL_CHARS placeholder="https://shop.example/hooks/damson" autocomplete="off" required />
        </div>
        <fieldset class="events">
            <legend>"Events"</legend>
            {WebhookEvent::ALL
                .into_iter()
                .map(|event| {
                    view! {
                        <label class="check">
                            <input type="checkbox" name="events[]" value=event.code() checked=events.contains(&event) />
                            {event.to_string()}
                            " "
                            <code>{event.code()}</code>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The secret of the endpoint just added: shown once, to copy.
#[component]
pub fn NewEndpointSecret(create: ServerAction<CreateWebhook>) -> impl IntoView {
    let copied = RwSignal::new(false);
    move || {
        create.value().get().map(|created| match created {
            Ok(created) => {
                let secret = created.secret.clone();
                let copy = move |_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.navigator().clipboard().write_text(&secret);
                        copied.set(true);
                    }
                };
                Either::Left(view! {
                    <section class="card new-secret" aria-labelledby="new-webhook-secret-heading">
                        <h2 id="new-webhook-secret-heading">{format!("Endpoint {} added", created.endpoint.url)}</h2>
                        <p>"Copy its signing secret now and give it to the receiver: it is not shown again."</p>
                        <label class="link-field">
                            "Signing secret"
                            <input readonly value=created.secret.clone() />
                        </label>
                        <button type="button" on:click=copy>"Copy secret"</button>
                        <span role="status">{move || copied.get().then_some("Copied to the clipboard.")}</span>
                    </section>
                })
            }
            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
        })
    }
}
