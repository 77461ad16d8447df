use leptos::prelude::*;

/// A modal window (`<dialog>`): opened and closed through `open`; Escape and × close it too.
/// Its content exists only while it is open.
#[component]
pub fn Modal(open: RwSignal<bool>, title: String, children: ChildrenFn) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(element) = dialog.get() else { return };
        if open.get() {
            if !element.open() {
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    let label = title.clone();
    view! {
        <dialog node_ref=dialog class="modal" aria-label=label on:close=move |_| open.set(false)>
            <header class="modal-header">
                <h2>{title}</h2>
                <button type="button" class="close quiet" aria-label="Close" on:click=move |_| open.set(false)>
                    "×"
                </button>
            </header>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
