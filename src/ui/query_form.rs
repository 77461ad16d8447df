//! GET forms that filter a page (the Assets filters, the Products search, Select products'
//! panels): their address holds only the fields that are set, so a shared link reads cleanly.
//! With JavaScript the form goes to that address itself; without, the page a plain form reaches
//! sends the browser on to it (`leave_out_empty_fields`).

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

/// `path` with `pairs` as its query.
pub fn address(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{path}?{query}")
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
        navigate(&address(&path, &set_fields(&form)), NavigateOptions::default());
    };
    view! {
        <form method="GET" action=action class=class aria-label=label role=role on:submit=go>
            {children()}
        </form>
    }
}

/// On the server, for a page that a plain form (JavaScript off) reached with empty fields
/// (`?search=&status=`): answers with a redirect to the address of only what is set, or, when
/// nothing is, to `path?when_empty` (the Assets page spells out its order, as a bare `/assets`
/// opens the default view).
#[cfg(feature = "ssr")]
pub fn leave_out_empty_fields(when_empty: Option<&str>) {
    let pairs = pairs(&leptos_router::hooks::use_query_map().get_untracked());
    if !pairs.iter().any(|(_, value)| value.trim().is_empty()) {
        return;
    }
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    let to = match (kept.is_empty(), when_empty) {
        (true, Some(query)) => format!("{path}?{query}"),
        _ => address(&path, &kept),
    };
    leptos_axum::redirect(&to);
}
