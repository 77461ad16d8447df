use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;
use std::time::Duration;
use wasm_bindgen::JsCast;

use super::{
    AssetsLocation, Changes, asset_card::AssetCardView, keyboard::move_between_cards, upload::UploadQueue,
    uploads::Uploads,
};
use crate::api::assets::{asset_cards, list_assets, upload_limit};
use crate::domain::{AssetCard, AssetPage, AssetSort, Thumbnail};
use crate::ui::ErrorMessage;

/// The assets grid: sort links, Upload and drop for managers, cards that load as you scroll.
#[component]
pub fn AssetGrid(can_manage: bool) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let query = use_query_map();
    let uploads = UploadQueue::new(None);
    let changes = expect_context::<Changes>();
    let after = Memo::new(move |_| query.read().get("after"));
    let first_page = Resource::new(
        move || {
            (
                location.sort.get(),
                after.get(),
                uploads.arrived.get(),
                changes.assets.get(),
            )
        },
        |(sort, after, _, _)| list_assets(sort, after),
    );
    // Asked for in the browser only: the server never sends files.
    let limit = LocalResource::new(move || async move { if can_manage { upload_limit().await.ok() } else { None } });
    let dragging = RwSignal::new(false);
    let send = move |files: Option<web_sys::FileList>| {
        if let (Some(files), Some(Some(limit))) = (files, limit.get_untracked()) {
            uploads.send_all(&files, limit);
        }
    };
    view! {
        <section
            class="asset-grid"
            class:dragging=dragging
            aria-labelledby="assets-heading"
            on:dragover=move |event: web_sys::DragEvent| {
                if can_manage {
                    event.prevent_default();
                    dragging.set(true);
                }
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |event: web_sys::DragEvent| {
                if can_manage {
                    event.prevent_default();
                    dragging.set(false);
                    send(event.data_transfer().and_then(|data| data.files()));
                }
            }
        >
            <header class="grid-header">
                <h1 id="assets-heading">"Assets"</h1>
                <SortLinks />
                {can_manage.then(|| view! {
                    <label class="button upload-button">
                        "Upload"
                        <input
                            type="file"
                            multiple
                            class="visually-hidden"
                            on:change=move |event| {
                                let input = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                                send(input.as_ref().and_then(web_sys::HtmlInputElement::files));
                                if let Some(input) = input {
                                    input.set_value("");
                                }
                            }
                        />
                    </label>
                })}
            </header>
            <Uploads queue=uploads />
            <Transition fallback=|| view! { <p class="loading">"Loading assets…"</p> }>
                {move || Suspend::new(async move {
                    match first_page.await {
                        Ok(page) if page.cards.is_empty() && after.get_untracked().is_none() => {
                            Either::Left(view! { <EmptyState can_manage /> })
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
                    let href = move || AssetsLocation::href(sort, location.asset.get().map(|id| (id, location.tab.get())));
                    view! {
                        <a href=href aria-current=move || (location.sort.get() == sort).then_some("true")>
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

/// The cards of the first page, then more as the end of the list comes into view. Cards waiting
/// for their thumbnail are asked for again until it is ready.
#[component]
fn CardList(page: AssetPage) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let changes = expect_context::<Changes>();
    let cards = RwSignal::new(page.cards);
    let next = RwSignal::new(page.next);
    let loading = RwSignal::new(false);
    let load_more = move || {
        let Some(after) = next.get_untracked() else { return };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(page) = list_assets(location.sort.get_untracked(), Some(after)).await {
                cards.update(|cards| cards.extend(page.cards));
                next.set(page.next);
            }
            loading.set(false);
        });
    };
    let refresh = move |ids: Vec<crate::domain::AssetId>| {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = asset_cards(ids).await {
                cards.update(|cards| {
                    for card in cards.iter_mut() {
                        if let Some(new) = fresh.iter().find(|new| new.id == card.id) {
                            *card = new.clone();
                        }
                    }
                });
            }
        });
    };
    Effect::new(move |_| {
        if let Some(id) = changes.asset.get() {
            refresh(vec![id]);
        }
    });
    // Effects run in the browser only, where timers exist.
    Effect::new(move |_| {
        let ask_for_pending = move || {
            let pending: Vec<_> = cards.with_untracked(|cards| {
                cards
                    .iter()
                    .filter(|c| c.thumbnail == Thumbnail::Pending)
                    .map(|c| c.id)
                    .collect()
            });
            if !pending.is_empty() {
                refresh(pending);
            }
        };
        if let Ok(handle) = set_interval_with_handle(ask_for_pending, Duration::from_millis(1500)) {
            on_cleanup(move || handle.clear());
        }
    });
    let sentinel = NodeRef::<leptos::html::A>::new();
    watch_sentinel(sentinel, load_more);
    let more_href = move || {
        next.get().map(|after| {
            let base = AssetsLocation::href(location.sort.get(), None);
            let glue = if base.contains('?') { '&' } else { '?' };
            format!(
                "{base}{glue}after={}",
                form_urlencoded::byte_serialize(after.as_bytes()).collect::<String>()
            )
        })
    };
    view! {
        <ul class="cards" on:keydown=move_between_cards>
            <For each=move || cards.get() key=|card: &AssetCard| format!("{card:?}") let:card>
                {
                    let id = card.id;
                    let selected = Signal::derive(move || location.asset.get() == Some(id));
                    view! { <AssetCardView card selected /> }
                }
            </For>
        </ul>
        <Show when=move || next.read().is_some()>
            <a
                class="load-more"
                node_ref=sentinel
                href=more_href
                on:click=move |event| {
                    event.prevent_default();
                    load_more();
                }
            >
                {move || if loading.get() { "Loading more…" } else { "Load more" }}
            </a>
        </Show>
    }
}

/// Loads more when the "Load more" link scrolls into view.
fn watch_sentinel(sentinel: NodeRef<leptos::html::A>, load_more: impl Fn() + Clone + 'static) {
    Effect::new(move |_| {
        let Some(element) = sentinel.get() else { return };
        let load_more = load_more.clone();
        let callback =
            wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let visible = entries.iter().any(|entry| {
                    entry
                        .dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|entry| entry.is_intersecting())
                });
                if visible {
                    load_more();
                }
            });
        if let Ok(observer) = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&element);
            let observer = send_wrapper::SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        }
        callback.forget();
    });
}
