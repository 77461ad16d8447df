//! Settings → Webhooks, for System admins: the endpoints damson tells of changes, each with the
//! events it wants, its secret shown once, a test event, and its delivery log with Resend.

mod change_endpoint;
mod delivery_log;
mod endpoint_table;
mod new_endpoint_form;

use leptos::{either::Either, prelude::*};

use super::{ErrorMessage, error_message::action_outcome};
use crate::api::webhooks::{
    ChangeWebhook, CreateWebhook, DeleteWebhook, SendTestWebhook, SetWebhookEnabled, list_webhooks,
};
use crate::domain::{AppError, Permission, User, WebhookEndpoint};
use delivery_log::DeliveryLog;
use endpoint_table::{EndpointActions, EndpointTable};
use new_endpoint_form::{NewEndpointForm, NewEndpointSecret};

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let may = use_context::<User>().is_some_and(|user| user.role.can(Permission::ManageIntegrations));
    if !may {
        let error = AppError::Forbidden {
            action: "manage webhooks".into(),
        };
        return Either::Left(view! { <main class="webhooks-page"><ErrorMessage error /></main> });
    }
    let create = ServerAction::<CreateWebhook>::new();
    let actions = EndpointActions {
        change: ServerAction::<ChangeWebhook>::new(),
        enable: ServerAction::<SetWebhookEnabled>::new(),
        delete: ServerAction::<DeleteWebhook>::new(),
        test: ServerAction::<SendTestWebhook>::new(),
        shown: RwSignal::new(None),
    };
    let endpoints = Resource::new(
        move || {
            (
                create.version().get(),
                actions.change.version().get(),
                actions.enable.version().get(),
                actions.delete.version().get(),
            )
        },
        |_| list_webhooks(),
    );
    Either::Right(view! {
        <main class="webhooks-page">
            <leptos_meta::Title text="Webhooks \u{b7} damson" />
            <h1>"Webhooks"</h1>
            <p class="hint">
                "damson sends a signed JSON message (an HTTP POST) to each endpoint when something it chose happens, and tries again for three days when it is not taken. Check each message's "
                <code>"webhook-signature"</code>
                " with the endpoint's secret, as the Standard Webhooks libraries do; messages are thin, so read the rest through the "
                <a href=crate::domain::paths::API_DOCS rel="external">"API"</a>
                "."
            </p>
            <NewEndpointForm create />
            <NewEndpointSecret create />
            <section class="endpoints" aria-labelledby="endpoints-heading">
                <h2 id="endpoints-heading">"Endpoints"</h2>
                <div class="outcomes">
                    {action_outcome(actions.test.value(), |_| "Queued a test event: see the delivery log.".to_owned())}
                    {action_outcome(actions.enable.value(), |endpoint: &WebhookEndpoint| {
                        if endpoint.enabled { "Enabled the endpoint." } else { "Disabled the endpoint." }.to_owned()
                    })}
                    {action_outcome(actions.delete.value(), |_| "Deleted the endpoint.".to_owned())}
                    {action_outcome(actions.change.value(), |_| "Saved the endpoint.".to_owned())}
                </div>
                <Suspense fallback=|| view! { <p class="loading">"Loading endpoints…"</p> }>
                    {move || Suspend::new(async move {
                        match endpoints.await {
                            Ok(endpoints) => Either::Left(view! { <EndpointTable endpoints actions /> }),
                            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                        }
                    })}
                </Suspense>
            </section>
            {move || actions.shown.get().map(|endpoint| view! { <DeliveryLog endpoint test=actions.test /> })}
        </main>
    })
}
