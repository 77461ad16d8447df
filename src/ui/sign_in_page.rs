use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::ErrorMessage;
use crate::api::session::SignIn;

/// A plain form: it signs in with JavaScript off too, and returns to the page the visitor came from.
#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = move || sign_in.value().get().and_then(Result::err);
    view! {
        <main class="sign-in-page">
            <ActionForm action=sign_in attr:class="card sign-in">
                <p class="brand">"damson"</p>
                <h1>"Sign in"</h1>
                <label>"User name" <input name="user_name" autocomplete="username" required /></label>
                <label>
                    "Password"
                    <input type="password" name="password" autocomplete="current-password" required />
                </label>
                <input type="hidden" name="next" value=next />
                {move || error().map(|error| view! { <ErrorMessage error /> })}
                <button type="submit">"Sign in"</button>
            </ActionForm>
        </main>
    }
}
