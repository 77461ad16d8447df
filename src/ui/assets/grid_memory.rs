//! Where the grid was, so that Back returns to the same place: the cards it had loaded and how far
//! the page was scrolled, kept in the tab's session storage under the grid's filter. Only a
//! return by Back or Forward reads it; any other visit starts from the first page.

use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, closure::Closure};

use crate::domain::AssetCard;

/// The cards loaded and where the next page starts.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GridMemory {
    pub cards: Vec<AssetCard>,
    pub next: Option<String>,
}

thread_local! {
    /// The address Back or Forward last led to.
    static RETURNED_TO: RefCell<Option<String>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// The page's address as Back and Forward see it.
fn here() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
}

/// Starts noticing Back and Forward, once per page load; a page loaded by them counts too.
pub fn notice_returns() {
    if LISTENING.replace(true) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let on_return = Closure::<dyn Fn()>::new(|| RETURNED_TO.set(here()));
    let _ = window.add_event_listener_with_callback("popstate", on_return.as_ref().unchecked_ref());
    on_return.forget();
    let loaded_by_return = window
        .performance()
        .map(|performance| performance.get_entries_by_type("navigation"))
        .and_then(|entries| js_sys::Reflect::get(&entries.get(0), &"type".into()).ok())
        .and_then(|kind| kind.as_string())
        .is_some_and(|kind| kind == "back_forward");
    if loaded_by_return {
        RETURNED_TO.set(here());
    }
}

/// Whether the page now shown was reached by Back or Forward (asked once per return).
pub fn came_back() -> bool {
    RETURNED_TO.take().is_some_and(|address| Some(address) == here())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn key(grid: &str) -> String {
    format!("damson-grid:{grid}")
}

/// What was kept for this grid (its filter and view as a query), and where the page was scrolled.
pub fn recall(grid: &str) -> Option<(GridMemory, f64)> {
    let storage = storage()?;
    let text = storage.get_item(&key(grid)).ok()??;
    let place = storage
        .get_item(&place_key(grid))
        .ok()?
        .and_then(|y| y.parse().ok())
        .unwrap_or(0.0);
    Some((serde_json::from_str(&text).ok()?, place))
}

fn place_key(grid: &str) -> String {
    format!("damson-grid-place:{grid}")
}

/// Whether the window shows the assets grid (`/assets`, or an asset opened beside it).
fn showing_the_grid() -> bool {
    let Some(path) = web_sys::window().and_then(|window| window.location().pathname().ok()) else {
        return false;
    };
    crate::domain::paths::shows_assets_grid(&path)
}

/// Keeps how far the page is scrolled, while it shows the grid: leaving for another page scrolls
/// to its top before the grid is gone, and that is not where the grid was.
pub fn keep_place(grid: &str, scroll_y: f64) {
    if !showing_the_grid() {
        return;
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(&place_key(grid), &scroll_y.to_string());
    }
}

/// Keeps the grid's state; when the tab's storage is full, the grid simply starts over on return.
pub fn keep(grid: &str, memory: &GridMemory) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(memory))
        && storage.set_item(&key(grid), &text).is_err()
    {
        let _ = storage.remove_item(&key(grid));
    }
}
