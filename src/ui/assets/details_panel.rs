use leptos::prelude::*;

/// The right panel: the opened asset's Details, Products, Categories and Versions.
#[component]
pub fn DetailsPanel() -> impl IntoView {
    view! {
        <aside class="details-panel" aria-label="Asset details">
            <p class="hint">"Open an asset to see its details."</p>
        </aside>
    }
}
