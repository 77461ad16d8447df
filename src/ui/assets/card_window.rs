//! The cards the grid keeps in the page: those in view and a few rows around them. The rows
//! before and after are padding of the same height, so the page scrolls as if every loaded card
//! were there, and scrolling through ten thousand cards keeps a few dozen in the page.

use leptos::prelude::*;
use std::ops::Range;
use wasm_bindgen::JsCast;

/// Rows kept above and below those in view.
const SPARE_ROWS: usize = 4;
/// Until a row is measured: a card's height with its gap, in pixels.
const GUESSED_PITCH: f64 = 260.0;

/// Which loaded cards are in the page, and how tall the rows around them stand.
#[derive(Clone, Copy)]
pub struct CardWindow {
    range: RwSignal<Range<usize>>,
    /// A row's height plus the gap below it, as measured.
    pitch: RwSignal<f64>,
    columns: RwSignal<usize>,
}

impl CardWindow {
    /// At first every card of the first page is in the page, as the server renders it.
    pub fn new(loaded: usize) -> Self {
        CardWindow {
            range: RwSignal::new(0..loaded),
            pitch: RwSignal::new(GUESSED_PITCH),
            columns: RwSignal::new(1),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.range.get()
    }

    /// The padding above the cards in the page: the rows before them.
    pub fn padding_top(self) -> String {
        let rows = self.range.get().start / self.columns.get().max(1);
        format!("{:.0}px", rows as f64 * self.pitch.get())
    }

    /// The padding below: the loaded rows after them.
    pub fn padding_bottom(self, loaded: usize) -> String {
        let columns = self.columns.get().max(1);
        let rows_after = loaded
            .div_ceil(columns)
            .saturating_sub(self.range.get().end.div_ceil(columns));
        format!("{:.0}px", rows_after as f64 * self.pitch.get())
    }

    /// Measures the list as it stands and keeps the cards around the part of it in view.
    pub fn follow(self, list: &web_sys::HtmlElement, loaded: usize) {
        let Some(window) = web_sys::window() else { return };
        let Ok(Some(style)) = window.get_computed_style(list) else {
            return;
        };
        let px = |property: &str| {
            style
                .get_property_value(property)
                .ok()
                .and_then(|value| value.trim_end_matches("px").parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let columns = style
            .get_property_value("grid-template-columns")
            .map(|columns| columns.split_whitespace().count())
            .unwrap_or(1)
            .max(1);
        let shown = self.range.get_untracked();
        let shown_rows = shown.len().div_ceil(columns);
        // Measured only once the page shows what the range says (it follows a moment later).
        if shown_rows > 0 && list.child_element_count() as usize == shown.len() {
            let content = f64::from(list.client_height()) - px("padding-top") - px("padding-bottom");
            let pitch = (content + px("row-gap")) / shown_rows as f64;
            if pitch.is_finite() && pitch > 1.0 && (pitch - self.pitch.get_untracked()).abs() > 0.5 {
                self.pitch.set(pitch);
            }
        }
        if columns != self.columns.get_untracked() {
            self.columns.set(columns);
        }
        let pitch = self.pitch.get_untracked();
        let viewport = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(1000.0);
        let above = (-list.get_bounding_client_rect().top()).max(0.0);
        let first_row = (above / pitch).floor() as usize;
        let rows_in_view = (viewport / pitch).ceil() as usize + 1;
        let start = first_row.saturating_sub(SPARE_ROWS) * columns;
        let end = ((first_row + rows_in_view + SPARE_ROWS) * columns).min(loaded);
        let wanted = start.min(end)..end;
        if wanted != shown {
            self.range.set(wanted);
        }
    }
}

/// Follows scrolling and resizing of the window while the list is in the page.
pub fn follow_the_view(window: CardWindow, list: NodeRef<leptos::html::Ul>, loaded: Signal<usize>) {
    let follow = move || {
        if let Some(element) = list.get_untracked() {
            window.follow(element.unchecked_ref(), loaded.get_untracked());
        }
    };
    Effect::new(move |_| {
        // Again whenever more cards arrive.
        loaded.track();
        follow();
    });
    // Effects run in the browser only, where the window is.
    Effect::new(move |_| {
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| follow());
        let on_resize = window_event_listener(leptos::ev::resize, move |_| follow());
        on_cleanup(move || {
            on_scroll.remove();
            on_resize.remove();
        });
    });
}
