use leptos::{either::Either, prelude::*};

use crate::api::webhooks::CreateWebhook;
use crate::domain::{MAX_WEBHOOK_URL_CHARS, WebhookEvent};
use crate::ui::{
    ErrorMessage,
    error_message::empty_after_success,
    secret_shown_once::{SecretShownOnce, ShownOnce},
};

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
    move || {
        create.value().get().map(|created| match created {
            Ok(created) => {
                let shown = ShownOnce {
                    heading: format!("Endpoint {} added", created.endpoint.url),
                    note: "Copy its signing secret now and give it to the receiver: it is not shown again.",
                    label: "Signing secret",
                    copy: "Copy secret",
                    secret: created.secret,
                };
                Either::Left(view! { <SecretShownOnce shown /> })
            }
            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
        })
    }
}
