//! Choosing categories with checkboxes, for an asset or a product: each catalog's tree, inside a
//! form that sends `chosen[]` (checked now) and `was[]` (checked when the page opened), so a Save
//! changes only the difference. It works as a plain form post; with JavaScript the search
//! filters as one types and the counts follow the ticks.

use leptos::{either::Either, prelude::*};

use crate::domain::{CatalogTree, CategoryId, LinkSelection};

/// What was ticked and what is ticked now, and the search over number and name.
#[derive(Clone, Copy)]
pub struct Choosing {
    pub selection: RwSignal<LinkSelection<CategoryId>>,
    pub search: RwSignal<String>,
}

impl Choosing {
    pub fn new(was: impl IntoIterator<Item = CategoryId>, search: String) -> Self {
        Choosing {
            selection: RwSignal::new(LinkSelection::new(was)),
            search: RwSignal::new(search),
        }
    }

    /// "1 added · 2 removed".
    pub fn counts(self) -> String {
        let changes = self.selection.read().changes();
        format!("{} added · {} removed", changes.assign.len(), changes.unassign.len())
    }
}

/// The search box: a GET form of its own (`?search=`), so it works without JavaScript; with it,
/// the trees filter as one types.
#[component]
pub fn CategorySearch(choosing: Choosing) -> impl IntoView {
    view! {
        <form method="get" class="category-search" role="search" on:submit=|event| event.prevent_default()>
            <label for="category-search">"Search categories"</label>
            <div class="inline">
                <input
                    id="category-search"
                    type="search"
                    name="search"
                    prop:value=choosing.search
                    on:input=move |event| choosing.search.set(event_target_value(&event))
                />
                <button type="submit" class="quiet">"Search"</button>
            </div>
        </form>
    }
}

/// The hidden `was[]` fields and a tree of checkboxes per catalog; put it inside the form.
#[component]
pub fn CategoryChecklist(trees: Vec<CatalogTree>, choosing: Choosing) -> impl IntoView {
    let was: Vec<CategoryId> = choosing.selection.read_untracked().linked().collect();
    view! {
        {was
            .into_iter()
            .map(|id| view! { <input type="hidden" name="was[]" value=id.0.to_string() /> })
            .collect_view()}
        {if trees.is_empty() {
            Either::Left(view! { <p class="hint">"There is no catalog yet."</p> })
        } else {
            Either::Right(trees.into_iter().map(|tree| view! { <CatalogChecklist tree choosing /> }).collect_view())
        }}
    }
}

/// One catalog's tree with a checkbox per category; a search hides what does not match.
#[component]
fn CatalogChecklist(tree: CatalogTree, choosing: Choosing) -> impl IntoView {
    let heading = format!("catalog-{}", tree.catalog.id.0);
    let labelled_by = heading.clone();
    view! {
        <section class="card catalog" aria-labelledby=labelled_by>
            <h2 id=heading>{tree.catalog.name.clone()}</h2>
            <ul class="category-tree">
                {tree
                    .categories
                    .iter()
                    .map(|entry| {
                        let category = entry.category.clone();
                        let id = category.id;
                        let words = format!("{} {}", category.number, category.name).to_lowercase();
                        let shown = move || {
                            let wanted = choosing.search.read().trim().to_lowercase();
                            wanted.is_empty() || words.contains(&wanted)
                        };
                        let path = tree.path(id).unwrap_or_default();
                        let checkbox = format!("category-{}", id.0);
                        let checked = choosing.selection.read_untracked().is_selected(id);
                        view! {
                            <li class="category" style=format!("--depth: {}", entry.depth) class:hidden=move || !shown()>
                                <input
                                    type="checkbox"
                                    id=checkbox.clone()
                                    name="chosen[]"
                                    value=id.0.to_string()
                                    checked=checked
                                    on:change=move |event| {
                                        let checked = event_target_checked(&event);
                                        choosing.selection.update(|selection| selection.set(id, checked));
                                    }
                                />
                                // The name first, so that each category's box lines up under its
                                // parent's name; the number after it, as the PIM knows it.
                                <label for=checkbox title=path>
                                    <span class="category-name">{category.name.clone()}</span>
                                    " "
                                    <span class="category-key">{category.number.clone()}</span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
