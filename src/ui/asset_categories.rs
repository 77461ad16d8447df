//! Add asset to categories (`/assets/<id>/categories`): each catalog's tree with checkboxes and a
//! search; Save changes sends only what changed.

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_navigate;

use super::ErrorMessage;
use crate::api::{
    assets::asset_details,
    catalogs::{change_asset_categories, list_catalogs},
};
use crate::domain::{AssetId, CatalogTree, CategoryId, LinkChanges, LinkSelection};

#[component]
pub fn AssetCategoriesPage() -> impl IntoView {
    let id = match super::managed_asset::managed_asset() {
        Ok(id) => id,
        Err(error) => return Either::Left(view! { <main class="asset-categories"><ErrorMessage error /></main> }),
    };
    // Both made here, outside the suspended part, so that they hydrate from the server's data.
    let overview = Resource::new(move || id, |id| asset_details(id.0));
    let trees = Resource::new(|| (), |()| list_catalogs());
    let selection = RwSignal::new(LinkSelection::<CategoryId>::default());
    let started = RwSignal::new(false);
    Either::Right(view! {
        <main class="asset-categories">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match (overview.await, trees.await) {
                        (Ok(overview), Ok(trees)) => {
                            if !started.get_untracked() {
                                started.set(true);
                                selection.set(LinkSelection::new(overview.categories.iter().map(|c| c.id)));
                            }
                            Either::Left(view! { <Editing asset_id=id name=overview.asset.name trees selection /> })
                        }
                        (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Suspense>
        </main>
    })
}

#[component]
fn Editing(
    asset_id: AssetId,
    name: String,
    trees: Vec<CatalogTree>,
    selection: RwSignal<LinkSelection<CategoryId>>,
) -> impl IntoView {
    let back = format!("/assets/{}?tab=categories", asset_id.0);
    let search = RwSignal::new(String::new());
    let save = Action::new(move |changes: &LinkChanges<CategoryId>| {
        let (assign, unassign) = changes.to_form();
        async move { change_asset_categories(asset_id.0, assign, unassign).await }
    });
    let navigate = use_navigate();
    Effect::new({
        let back = back.clone();
        move |_| {
            if let Some(Ok(_)) = save.value().get() {
                navigate(&back, Default::default());
            }
        }
    });
    let counts = move || {
        let changes = selection.read().changes();
        format!("{} added · {} removed", changes.assign.len(), changes.unassign.len())
    };
    view! {
        <header class="select-header">
            <h1>{format!("Add \u{201c}{name}\u{201d} to categories")}</h1>
            <p class="selection-counts" role="status">{counts}</p>
            <div class="select-actions">
                <a class="button quiet" href=back>"Cancel"</a>
                <button
                    type="button"
                    disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(selection.read_untracked().changes()); }
                >
                    "Save changes"
                </button>
            </div>
            <noscript><p class="hint">"Choosing categories needs JavaScript."</p></noscript>
            {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        </header>
        <div class="field category-search">
            <label for="category-search">"Search categories"</label>
            <input
                id="category-search"
                type="search"
                prop:value=search
                on:input=move |event| search.set(event_target_value(&event))
            />
        </div>
        {if trees.is_empty() {
            Either::Left(view! { <p class="hint">"There is no catalog yet."</p> })
        } else {
            Either::Right(trees.into_iter().map(|tree| view! { <CatalogChecklist tree search selection /> }).collect_view())
        }}
    }
}

/// One catalog's tree with a checkbox per category; a search hides what does not match.
#[component]
fn CatalogChecklist(
    tree: CatalogTree,
    search: RwSignal<String>,
    selection: RwSignal<LinkSelection<CategoryId>>,
) -> impl IntoView {
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
                            let wanted = search.read().trim().to_lowercase();
                            wanted.is_empty() || words.contains(&wanted)
                        };
                        let path = tree.path(id).unwrap_or_default();
                        let checkbox = format!("category-{}", id.0);
                        view! {
                            <li class="category" style=format!("padding-left: {}rem", entry.depth as f32 * 1.5) class:hidden=move || !shown()>
                                <input
                                    type="checkbox"
                                    id=checkbox.clone()
                                    prop:checked=move || selection.read().is_selected(id)
                                    on:change=move |event| {
                                        let checked = event_target_checked(&event);
                                        selection.update(|selection| selection.set(id, checked));
                                    }
                                />
                                <label for=checkbox title=path>
                                    <span class="category-number">{category.number.clone()}</span>
                                    " "
                                    <span class="category-name">{category.name.clone()}</span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
