//! The API tokens page: every user makes, sees and revokes their own tokens (a System admin sees
//! and revokes everyone's). A new token's secret is shown once, to copy.

mod new_token_form;
mod token_table;

use leptos::{either::Either, prelude::*};

use super::{ErrorMessage, error_message::action_outcome};
use crate::api::api_tokens::{CreateApiToken, RevokeApiToken, list_api_tokens};
use crate::domain::{Permission, User};
use new_token_form::{NewTokenForm, NewTokenSecret};
use token_table::TokenTable;

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let sees_all = use_context::<User>().is_some_and(|user| user.role.can(Permission::ManageUsers));
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_tokens(),
    );
    view! {
        <main class="api-tokens-page">
            <leptos_meta::Title text="API tokens \u{b7} damson" />
            <h1>"API tokens"</h1>
            <p class="hint">
                "A token lets a program (a PIM, a web shop, a script) use damson's API as you, within the scopes you choose and never beyond what your role allows. Send it as "
                <code>"Authorization: Bearer dam_…"</code>
                ". The "
                // Served by the server, not a page of the app: the router leaves it to the browser.
                <a href=crate::domain::paths::API_DOCS rel="external">"API reference"</a>
                " lists every operation."
            </p>
            <NewTokenForm create />
            <NewTokenSecret create />
            <section class="tokens" aria-labelledby="tokens-heading">
                <h2 id="tokens-heading">{if sees_all { "Everyone's tokens" } else { "Your tokens" }}</h2>
                <div class="outcomes">{action_outcome(revoke.value(), |_| "Revoked the token.".to_owned())}</div>
                <Suspense fallback=|| view! { <p class="loading">"Loading tokens…"</p> }>
                    {move || Suspend::new(async move {
                        match tokens.await {
                            Ok(tokens) => Either::Left(view! { <TokenTable tokens sees_all revoke /> }),
                            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                        }
                    })}
                </Suspense>
            </section>
        </main>
    }
}
