use crate::domain::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::AssetsLocation;
use crate::domain::Asset;

/// The Locale choice of a localizable asset's Details and Versions tabs: its main file, or its
/// file for one locale in use (the main file stands in for a locale with none of its own). A GET
/// form that keeps the rest of the address, so it works without JavaScript too.
#[component]
pub fn LocaleChoice(asset: Asset, locales: Vec<crate::domain::Locale>) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let query = use_query_map();
    let chosen = location.locale.get_untracked();
    let own_file = asset.current.locale.is_some();
    let note = chosen.as_ref().filter(|_| !own_file).map(|locale| {
        view! { <p class="hint">{format!("{locale} has no file of its own yet: the main file stands in.")}</p> }
    });
    let kept = move || {
        query
            .read()
            .clone()
            .into_iter()
            .filter(|(key, _)| key != "locale")
            .map(|(key, value)| view! { <input type="hidden" name=key.to_string() value=value /> })
            .collect_view()
    };
    let path = paths::asset(asset.id);
    let navigate = use_navigate();
    let choose = {
        let path = path.clone();
        move |code: String| {
            let mut pairs: Vec<String> = query
                .read_untracked()
                .clone()
                .into_iter()
                .filter(|(key, _)| key != "locale")
                .map(|(key, value)| {
                    format!(
                        "{key}={}",
                        form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>()
                    )
                })
                .collect();
            if !code.is_empty() {
                pairs.push(format!("locale={code}"));
            }
            navigate(&format!("{path}?{}", pairs.join("&")), Default::default());
        }
    };
    view! {
        <form method="get" action=path class="locale-choice">
            {kept}
            <label for="locale-choice">"Locale"</label>
                <select id="locale-choice" name="locale" on:change=move |event| choose(event_target_value(&event))>
                    <option value="" selected=chosen.is_none()>"Main file"</option>
                    {locales
                        .into_iter()
                        .map(|locale| {
                            let selected = chosen.as_ref() == Some(&locale);
                            view! { <option value=locale.to_string() selected=selected>{locale.to_string()}</option> }
                        })
                        .collect_view()}
                </select>
            <button type="submit" class="quiet">"Show"</button>
        </form>
        {note}
    }
}
