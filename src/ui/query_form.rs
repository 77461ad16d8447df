//! GET forms that filter a page (the Assets filters, the Products search, Select products'
//! panels): their address holds only the fields that are set, so a shared link reads cleanly.
//! With JavaScript the form goes to that address itself; without, the server sends the browser on
//! from the address a plain form reaches (`paths::without_empty_fields`).

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};

/// The form's fields that are set, in their order, as (name, value).
pub fn set_fields(form: &web_sys::HtmlFormElement) -> Vec<(String, String)> {
    let Some(query) = web_sys::FormData::new_with_form(form)
        .ok()
        .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok())
    else {
        return Vec::new();
    };
    form_urlencoded::parse(String::from(query.to_string()).as_bytes())
        .into_owned()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect()
}

/// An address's query as (name, value) pairs, for a filter to read.
pub fn pairs(query: &leptos_router::params::ParamsMap) -> Vec<(String, String)> {
    query
        .clone()
        .into_iter()
        .map(|(key, value)| (key.to_string(), value))
        .collect()
}

/// A GET form to `action` that, with JavaScript, goes to the address of its set fields.
#[component]
pub fn QueryForm(
    action: String,
    #[prop(optional, into)] class: String,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional, into)] role: Option<String>,
    children: Children,
) -> impl IntoView {
    let navigate = use_navigate();
    let path = action.clone();
    let go = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = event_target::<web_sys::HtmlFormElement>(&event);
        navigate(
            &crate::domain::paths::with_pairs(&path, &set_fields(&form)),
            NavigateOptions::default(),
        );
    };
    view! {
        <form method="GET" action=action class=class aria-label=label role=role on:submit=go>
            {children()}
        </form>
    }
}
