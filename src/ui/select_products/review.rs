use leptos::prelude::*;

use super::Picking;
use crate::domain::{Asset, ProductId};

/// What Save will do: the products to assign and to unassign, each removable, and a warning when
/// the asset's publication changes with it.
#[component]
pub fn Review(asset: Asset, picking: Picking) -> impl IntoView {
    let changes = Memo::new(move |_| picking.selection.read().changes());
    let warning = move || {
        picking
            .warning(&asset)
            .map(|change| view! { <p class="warning" role="alert">{change.to_string()}</p> })
    };
    view! {
        <section class="review" aria-label="Review">
            <h2>"Review"</h2>
            {warning}
            <div class="review-lists">
                <ChangeList title="Will be assigned" ids=Signal::derive(move || changes.get().assign) picking />
                <ChangeList title="Will be unassigned" ids=Signal::derive(move || changes.get().unassign) picking />
            </div>
        </section>
    }
}

#[component]
fn ChangeList(title: &'static str, ids: Signal<Vec<ProductId>>, picking: Picking) -> impl IntoView {
    let name = move |id: ProductId| {
        picking
            .known
            .read()
            .get(&id)
            .map_or_else(|| format!("Product {}", id.0), |p| format!("{} {}", p.number, p.name))
    };
    view! {
        <div class="change-list">
            <h3>{title}</h3>
            <Show when=move || !ids.read().is_empty() fallback=|| view! { <p class="hint">"None."</p> }>
                <ul>
                    <For each=move || ids.get() key=|id| *id let:id>
                        <li>
                            <span>{name(id)}</span>
                            <button
                                type="button"
                                class="quiet"
                                aria-label=format!("Remove {} from {title}", name(id))
                                on:click=move |_| picking.selection.update(|selection| selection.revert(id))
                            >
                                "Remove"
                            </button>
                        </li>
                    </For>
                </ul>
            </Show>
        </div>
    }
}
