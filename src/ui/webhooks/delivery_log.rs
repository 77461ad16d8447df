use leptos::{either::Either, prelude::*};

use crate::api::webhooks::{ResendWebhook, SendTestWebhook, webhook_log};
use crate::domain::{WebhookAttempt, WebhookEndpoint};
use crate::ui::{ErrorMessage, error_message::action_outcome, format::date_time};

/// An endpoint's latest attempts, newest first, each with Resend; read again on Refresh and after
/// a test event or a resend.
#[component]
pub fn DeliveryLog(endpoint: WebhookEndpoint, test: ServerAction<SendTestWebhook>) -> impl IntoView {
    let resend = ServerAction::<ResendWebhook>::new();
    let refreshed = RwSignal::new(0u32);
    let id = endpoint.id;
    let attempts = Resource::new(
        move || (test.version().get(), resend.version().get(), refreshed.get()),
        move |_| webhook_log(id),
    );
    view! {
        <section class="delivery-log" aria-labelledby="delivery-log-heading">
            <h2 id="delivery-log-heading">"Delivery log of " <code>{endpoint.url.clone()}</code></h2>
            <button type="button" on:click=move |_| refreshed.update(|n| *n += 1)>"Refresh log"</button>
            <div class="outcomes">{action_outcome(resend.value(), |_| "Queued the message again.".to_owned())}</div>
            <Transition fallback=|| view! { <p class="loading">"Loading the log…"</p> }>
                {move || Suspend::new(async move {
                    match attempts.await {
                        Ok(attempts) if attempts.is_empty() => {
                            Either::Left(view! { <p class="hint">"Nothing sent yet."</p> }.into_any())
                        }
                        Ok(attempts) => Either::Left(view! { <AttemptTable attempts resend endpoint=id.0 /> }.into_any()),
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AttemptTable(attempts: Vec<WebhookAttempt>, resend: ServerAction<ResendWebhook>, endpoint: i64) -> impl IntoView {
    view! {
        <table class="delivery-attempts">
            <thead>
                <tr>
                    <th scope="col">"Time"</th>
                    <th scope="col">"Event"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Duration"</th>
                    <th scope="col">"Answer"</th>
                    <th scope="col"><span class="visually-hidden">"Resend"</span></th>
                </tr>
            </thead>
            <tbody>
                {attempts
                    .into_iter()
                    .map(|attempt| {
                        let status = match (attempt.status, &attempt.error) {
                            (Some(status), _) => status.to_string(),
                            (None, Some(error)) => error.clone(),
                            (None, None) => "No answer".to_owned(),
                        };
                        let class = if attempt.succeeded() { "attempt-status ok" } else { "attempt-status failed" };
                        let label = format!("Resend {} {}", attempt.event, attempt.webhook_id);
                        view! {
                            <tr>
                                <td>{date_time(attempt.at)}</td>
                                <td><code>{attempt.event.clone()}</code></td>
                                <td class=class>{status}</td>
                                <td>{format!("{} ms", attempt.duration_ms)}</td>
                                <td>
                                    {(!attempt.answer.is_empty()).then(|| view! {
                                        <details><summary>{format!("{} bytes", attempt.answer.len())}</summary><pre class="answer">{attempt.answer.clone()}</pre></details>
                                    })}
                                </td>
                                <td>
                                    <ActionForm action=resend attr:class="inline">
                                        <input type="hidden" name="endpoint_id" value=endpoint.to_string() />
                                        <input type="hidden" name="delivery_id" value=attempt.delivery.0.to_string() />
                                        <button type="submit" class="quiet" aria-label=label>"Resend"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
