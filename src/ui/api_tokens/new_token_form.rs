use leptos::{either::Either, prelude::*};

use crate::api::api_tokens::CreateApiToken;
use crate::domain::{ApiToken, Scope};
use crate::ui::{
    ErrorMessage,
    error_message::empty_after_success,
    secret_shown_once::{SecretShownOnce, ShownOnce},
};

/// Name, scopes and lifetime of a new token.
#[component]
pub fn NewTokenForm(create: ServerAction<CreateApiToken>) -> impl IntoView {
    let form = NodeRef::new();
    empty_after_success(create.value(), form);
    view! {
        <ActionForm action=create node_ref=form attr:class="card new-token" attr:aria-label="New token">
            <h2>"New token"</h2>
            <div class="field">
                <label for="token-name">"Name"</label>
                <input id="token-name" name="name" maxlength=ApiToken::MAX_NAME_CHARS placeholder="Web shop sync" autocomplete="off" required />
            </div>
            <fieldset class="scopes">
                <legend>"Scopes"</legend>
                {Scope::ALL
                    .into_iter()
                    .map(|scope| {
                        view! {
                            <label class="check">
                                <input type="checkbox" name="scopes[]" value=scope.code() checked=scope == Scope::AssetsRead />
                                {scope.to_string()}
                                " "
                                <code>{scope.code()}</code>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="token-lifetime">"Expires"</label>
                <select id="token-lifetime" name="lasts_days">
                    {ApiToken::LIFETIMES
                        .into_iter()
                        .map(|(days, label)| {
                            view! {
                                <option value=days.to_string() selected=days == ApiToken::DEFAULT_LIFETIME_DAYS>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value=ApiToken::NEVER_EXPIRES>"Never"</option>
                </select>
            </div>
            <button type="submit">"Create token"</button>
        </ActionForm>
    }
}

/// The secret of the token just made: shown once, to copy.
#[component]
pub fn NewTokenSecret(create: ServerAction<CreateApiToken>) -> impl IntoView {
    move || {
        create.value().get().map(|created| match created {
            Ok(created) => {
                let shown = ShownOnce {
                    heading: format!("Token \u{201c}{}\u{201d} created", created.token.name),
                    note: "Copy it now: damson keeps only a fingerprint of it and cannot show it again.",
                    label: "Token",
                    copy: "Copy token",
                    secret: created.secret,
                };
                Either::Left(view! { <SecretShownOnce shown /> })
            }
            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
        })
    }
}
