use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

use super::{
    AssetsLocation, Changes,
    asset_card::AssetCardView,
    card_window::{CardWindow, follow_the_view},
    grid_memory::{self, GridMemory},
    keyboard::move_between_cards,
};
use crate::api::assets::{asset_cards, list_assets};
use crate::domain::{AssetCard, AssetPage, Thumbnail};

/// The cards of the first page, then more as the end of the list comes into view; only those near
/// the view are in the page. Cards waiting for their thumbnail are asked for again until it is
/// ready. Back to this grid brings its cards and place back.
#[component]
pub fn CardList(page: AssetPage) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let grid = format!(
        "{}|{}",
        location.view.get_untracked().unwrap_or_default(),
        location.current_untracked().to_query()
    );
    let cards = RwSignal::new(page.cards);
    let next = RwSignal::new(page.next);
    let loading = RwSignal::new(false);
    let in_page = CardWindow::new(cards.read_untracked().len());
    let kept_as = StoredValue::new(grid);
    let remember = move || {
        let memory = GridMemory {
            cards: cards.get_untracked(),
            next: next.get_untracked(),
        };
        kept_as.with_value(|grid| grid_memory::keep(grid, &memory));
    };
    bring_back_on_return(kept_as, cards, next);
    let load_more = move || {
        let Some(after) = next.get_untracked() else { return };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(page) = list_assets(location.current_untracked().to_query(), Some(after)).await {
                cards.update(|cards| cards.extend(page.cards));
                next.set(page.next);
                remember();
            }
            loading.set(false);
        });
    };
    keep_fresh(cards);
    let order = Memo::new(move |_| cards.read().iter().map(|card| card.id).collect::<Vec<_>>());
    let loaded = Signal::derive(move || cards.read().len());
    let list = NodeRef::<leptos::html::Ul>::new();
    follow_the_view(in_page, list, loaded);
    let shown = move || {
        let range = in_page.range();
        cards.with(|cards| cards[range.start.min(cards.len())..range.end.min(cards.len())].to_vec())
    };
    let sentinel = NodeRef::<leptos::html::A>::new();
    watch_sentinel(sentinel, load_more);
    let more_href = move || {
        next.get().map(|after| {
            let base = location.href(&location.current(), None);
            let glue = if base.contains('?') { '&' } else { '?' };
            format!(
                "{base}{glue}after={}",
                form_urlencoded::byte_serialize(after.as_bytes()).collect::<String>()
            )
        })
    };
    view! {
        <ul
            class="cards"
            node_ref=list
            on:keydown=move_between_cards
            style:padding-top=move || in_page.padding_top()
            style:padding-bottom=move || in_page.padding_bottom(loaded.get())
        >
            <For each=shown key=|card: &AssetCard| format!("{card:?}") let:card>
                {
                    let id = card.id;
                    let selected = Signal::derive(move || location.asset.get() == Some(id));
                    view! { <AssetCardView card selected order /> }
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

/// Back to this grid (the browser's Back), its cards and place come back; while it shows, its
/// place is kept.
fn bring_back_on_return(kept_as: StoredValue<String>, cards: RwSignal<Vec<AssetCard>>, next: RwSignal<Option<String>>) {
    // Effects run in the browser only, where history and storage are.
    Effect::new(move |_| {
        grid_memory::notice_returns();
        if !grid_memory::came_back() {
            return;
        }
        if let Some((memory, place)) = kept_as.with_value(|grid| grid_memory::recall(grid)) {
            cards.set(memory.cards);
            next.set(memory.next);
            request_animation_frame(move || {
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, place);
                }
            });
        }
    });
    Effect::new(move |_| {
        let grid = kept_as.get_value();
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
            if let Some(y) = web_sys::window().and_then(|window| window.scroll_y().ok()) {
                grid_memory::keep_place(&grid, y);
            }
        });
        on_cleanup(move || on_scroll.remove());
    });
}

/// Cards follow changes to their asset made on this page, and those waiting for their thumbnail
/// are asked for again until it is ready.
fn keep_fresh(cards: RwSignal<Vec<AssetCard>>) {
    let changes = expect_context::<Changes>();
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
