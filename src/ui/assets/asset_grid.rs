use leptos::prelude::*;

/// The assets grid. Managers are told how to add the first asset.
#[component]
pub fn AssetGrid(can_manage: bool) -> impl IntoView {
    view! {
        <section class="asset-grid" aria-labelledby="assets-heading">
            <header class="grid-header">
                <h1 id="assets-heading">"Assets"</h1>
            </header>
            <div class="empty-state">
                <h2>"No assets yet"</h2>
                {if can_manage {
                    view! {
                        <p class="how-to-add">
                            "Drop product photos, videos or documents anywhere on this grid, or choose Upload, to add your first asset."
                        </p>
                    }
                        .into_any()
                } else {
                    view! { <p>"When your team adds assets, they appear here."</p> }.into_any()
                }}
            </div>
        </section>
    }
}
