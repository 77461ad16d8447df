//! Files dragged onto a part of a page: the grid, the Add version window and the Upload assets
//! page's drop zone take them the same way.

use leptos::{
    ev::{self, on},
    prelude::*,
    tachys::html::attribute::Attribute,
};

/// Event handlers to spread onto the element that takes dropped files: while files are over it
/// `over` is true (the element marks itself), and a drop goes to `on_drop` rather than the
/// browser opening the file in place of the page.
pub fn file_drop(over: RwSignal<bool>, on_drop: impl Fn(web_sys::DragEvent) + Send + 'static) -> impl Attribute {
    (
        on(ev::dragover, move |event: web_sys::DragEvent| {
            event.prevent_default();
            over.set(true);
        }),
        on(ev::dragleave, move |_: web_sys::DragEvent| over.set(false)),
        on(ev::drop, move |event: web_sys::DragEvent| {
            event.prevent_default();
            over.set(false);
            on_drop(event);
        }),
    )
}
