use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use super::{
    AssetsLocation, Changes, active_filters::ActiveFilters, bulk_bar::BulkBar, bulk_report::BulkReportView,
    card_list::CardList, upload::UploadQueue, uploads::Uploads,
};
use crate::api::assets::list_assets;
use crate::domain::{AssetFilter, AssetSort};
use crate::ui::{ErrorMessage, file_drop::file_drop};

/// The assets grid: sort links, Upload and drop for managers, cards that load as you scroll.
#[component]
pub fn AssetGrid(can_manage: bool) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let query = use_query_map();
    let changes = expect_context::<Changes>();
    let uploads = UploadQueue::for_grid(changes.assets);
    let after = Memo::new(move |_| query.read().get("after"));
    let first_page = Resource::new(
        move || (location.current(), after.get(), changes.assets.get()),
        |(filter, after, _)| list_assets(filter.to_query(), after),
    );
    let dragging = RwSignal::new(false);
    view! {
        <section
            class="asset-grid"
            class:dragging=dragging
            aria-labelledby="assets-heading"
            // Only a manager's grid takes files; a reader's leaves the drop to the page.
            {..if can_manage {
                Either::Left(file_drop(dragging, move |event| uploads.send_dropped(&event)))
            } else {
                Either::Right(())
            }}
        >
            <header class="grid-header">
                <h1 id="assets-heading">"Assets"</h1>
                <div class="grid-actions">
                    // On small screens the Filters panel is folded away; this opens it over the grid.
                    <a class="button quiet show-filters" href="#filters-panel" rel="external">"Filters"</a>
                    {can_manage.then(|| view! {
                        <label class="button upload-button">
                            "Upload"
                            <input
                                type="file"
                                multiple
                                class="visually-hidden"
                                on:change=move |event| uploads.send_picked(&event)
                            />
                        </label>
                        <details class="page-menu">
                            <summary aria-label="More actions">"\u{22ef}"</summary>
                            <div class="page-menu-items">
                                <a href=paths::UPLOAD_ASSETS>"Upload assets"</a>
                            </div>
                        </details>
                    })}
                </div>
                <SortLinks />
            </header>
            <ActiveFilters />
            <BulkReportView />
            <BulkBar can_manage />
            <Uploads queue=uploads />
            <Transition fallback=|| view! { <p class="loading">"Loading assets…"</p> }>
                {move || Suspend::new(async move {
                    match first_page.await {
                        Ok(page) if page.cards.is_empty() && after.get_untracked().is_none() => {
                            Either::Left(if location.current_untracked().is_filtered() {
                                Either::Left(view! { <p class="hint no-match">"No asset matches these filters."</p> })
                            } else {
                                Either::Right(view! { <EmptyState can_manage /> })
                            })
                        }
                        Ok(page) => Either::Right(Either::Left(view! { <CardList page /> })),
                        Err(error) => Either::Right(Either::Right(view! { <ErrorMessage error /> })),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SortLinks() -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    view! {
        <nav class="sort" aria-label="Sort">
            <span>"Sort:"</span>
            {AssetSort::ALL
                .into_iter()
                .map(|sort| {
                    let href = move || {
                        let filter = AssetFilter { sort, ..location.current() };
                        location.href(&filter, location.asset.get().map(|id| (id, location.tab.get())))
                    };
                    view! {
                        <a href=href aria-current=move || (location.current().sort == sort).then_some("true")>
                            {sort.to_string()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
fn EmptyState(can_manage: bool) -> impl IntoView {
    view! {
        <div class="empty-state">
            <h2>"No assets yet"</h2>
            {if can_manage {
                Either::Left(view! {
                    <p class="how-to-add">
                        "Drop product photos, videos or documents anywhere on this grid, or choose Upload, to add your first asset."
                    </p>
                })
            } else {
                Either::Right(view! { <p>"When your team adds assets, they appear here."</p> })
            }}
        </div>
    }
}
