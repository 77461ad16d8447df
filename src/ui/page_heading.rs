//! A page's name, said once and shown three ways: the heading, the browser's title, and the last
//! step of the breadcrumbs that lead back; with what the page is about (an asset's name) under it.

use crate::domain::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// One step back: its name and where it leads.
pub type Crumb = (String, String);

#[component]
pub fn PageHeading(
    /// The page's name: "Select products".
    name: &'static str,
    /// The pages above it, from the top.
    trail: Vec<Crumb>,
    /// What the page is about, shown under its name.
    #[prop(optional)]
    subject: Option<String>,
) -> impl IntoView {
    let crumbs = trail
        .into_iter()
        .map(|(label, href)| view! { <li><a href=href>{label}</a></li> })
        .collect_view();
    view! {
        <Title text=format!("{name} \u{b7} damson") />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <ol>
                {crumbs}
                <li aria-current="page">{name}</li>
            </ol>
        </nav>
        <h1>{name}</h1>
        {subject.map(|subject| view! { <p class="page-subject">{subject}</p> })}
    }
}

/// The steps back to an asset: the Assets page, then the asset's `tab` there.
pub fn to_asset(id: crate::domain::AssetId, name: &str, tab: &str) -> Vec<Crumb> {
    vec![
        ("Assets".to_owned(), paths::ASSETS.to_owned()),
        (name.to_owned(), paths::asset_tab(id, tab)),
    ]
}
