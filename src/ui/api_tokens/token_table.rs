use leptos::prelude::*;

use crate::api::api_tokens::RevokeApiToken;
use crate::domain::ApiToken;
use crate::ui::format::date_time;

/// The tokens, with their scopes, dates and a Revoke button each.
#[component]
pub fn TokenTable(tokens: Vec<ApiToken>, sees_all: bool, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="hint">"No tokens yet."</p> }.into_any();
    }
    view! {
        <table class="api-tokens">
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    {sees_all.then(|| view! { <th scope="col">"Owner"</th> })}
                    <th scope="col">"Token"</th>
                    <th scope="col">"Scopes"</th>
                    <th scope="col">"Expires"</th>
                    <th scope="col">"Last used"</th>
                    <th scope="col"><span class="visually-hidden">"Revoke"</span></th>
                </tr>
            </thead>
            <tbody>
                {tokens
                    .into_iter()
                    .map(|token| {
                        let label = format!("Revoke \u{201c}{}\u{201d}", token.name);
                        view! {
                            <tr>
                                <th scope="row">{token.name.clone()}</th>
                                {sees_all.then(|| view! { <td>{token.owner_name.clone()}</td> })}
                                <td><code>{format!("{}…", token.shown)}</code></td>
                                <td>{token.scopes.iter().map(|scope| scope.code()).collect::<Vec<_>>().join(", ")}</td>
                                <td>{token.last_day().unwrap_or_else(|| "Never".into())}</td>
                                <td>{token.last_used_at.map_or_else(|| "Never".into(), date_time)}</td>
                                <td>
                                    <ActionForm action=revoke attr:class="inline">
                                        <input type="hidden" name="token_id" value=token.id.0.to_string() />
                                        <button type="submit" class="quiet" aria-label=label>"Revoke"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
