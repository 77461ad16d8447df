use leptos::prelude::*;

/// The left panel: filters narrow the grid, views save a set of filters.
#[component]
pub fn FiltersPanel() -> impl IntoView {
    view! {
        <aside class="filters-panel" aria-label="Filters and views">
            <section>
                <h2>"Views"</h2>
                <p class="hint">"No saved views yet."</p>
            </section>
            <section>
                <h2>"Filters"</h2>
                <p class="hint">"Filters appear here once there are assets to filter."</p>
            </section>
        </aside>
    }
}
