//! The left panel: the search and the filter groups, each value with its count, as one GET form
//! (`/assets?q=…&type=…`), so it works without JavaScript; with it, a tick applies at once.

use leptos::{either::Either, prelude::*};
use leptos_router::components::Form;

use super::{AssetsLocation, views_panel::ViewsPanel};
use crate::api::catalogs::list_catalogs;
use crate::domain::{AppError, AssetFacets, AssetSort, CatalogTree, Facet, FilterGroup, MIN_SEARCH_CHARS, day_code};
use crate::ui::ErrorMessage;

/// The counts for the current filter, made once by the page and shared by the panel and the
/// pills above the grid.
#[derive(Clone, Copy)]
pub struct FilterCounts(pub Resource<Result<AssetFacets, AppError>>);

#[component]
pub fn FiltersPanel() -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let FilterCounts(counts) = expect_context::<FilterCounts>();
    let catalogs = Resource::new(|| (), |()| list_catalogs());
    view! {
        <aside class="filters-panel" aria-label="Filters and views">
            <ViewsPanel />
            <section aria-labelledby="filters-heading">
                <h2 id="filters-heading">"Filters"</h2>
                {move || location.filter.get().err().map(|error| view! { <ErrorMessage error /> })}
                <Transition fallback=|| view! { <p class="loading">"Counting…"</p> }>
                    {move || Suspend::new(async move {
                        match (counts.await, catalogs.await) {
                            (Ok(facets), Ok(trees)) => Either::Left(view! { <FilterForm facets trees /> }),
                            (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorMessage error /> }),
                        }
                    })}
                </Transition>
            </section>
        </aside>
    }
}

#[component]
fn FilterForm(facets: AssetFacets, trees: Vec<CatalogTree>) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let filter = location.current_untracked();
    // With JavaScript a tick applies at once; typed fields wait for Apply (or Enter).
    let apply_ticks = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        if input.type_() == "checkbox"
            && let Some(form) = input.form()
        {
            let _ = form.request_submit();
        }
    };
    let groups = facets
        .groups
        .into_iter()
        .map(|facet| view! { <FacetGroup facet trees=trees.clone() /> })
        .collect_view();
    view! {
        <Form method="GET" action="/assets" attr:class="filter-form" attr:aria-label="Filters" on:change=apply_ticks>
            {(filter.sort != AssetSort::default()).then(|| view! { <input type="hidden" name="sort" value=filter.sort.code() /> })}
            <div class="field">
                <label for="asset-search">"Search"</label>
                <input
                    id="asset-search"
                    type="search"
                    name="q"
                    value=filter.search.clone()
                    minlength=MIN_SEARCH_CHARS
                    maxlength="200"
                    placeholder="Name, code, label, file…"
                />
            </div>
            {groups}
            <fieldset class="facet">
                <legend>"Added between"</legend>
                <div class="dates">
                    <label>"From" <input type="date" name="from" value=filter.added_from.map(day_code) /></label>
                    <label>"To" <input type="date" name="to" value=filter.added_to.map(day_code) /></label>
                </div>
            </fieldset>
            <button type="submit">"Apply filters"</button>
        </Form>
    }
}

/// One group's values as checkboxes with their counts, and the group's own way to add one.
#[component]
fn FacetGroup(facet: Facet, trees: Vec<CatalogTree>) -> impl IntoView {
    let group = facet.group;
    let values = facet
        .values
        .into_iter()
        .map(|value| {
            let id = format!(
                "facet-{}-{}",
                value.key,
                value.value.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
            );
            view! {
                <div class="facet-value">
                    <input type="checkbox" id=id.clone() name=value.key value=value.value checked=value.chosen />
                    <label for=id>
                        <span class="facet-label">{value.label}</span>
                        <span class="facet-count">{value.count}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    let adding = match group {
        FilterGroup::Products => Some(Either::Left(view! {
            <label class="facet-add">"Product number" <input name="product" maxlength="100" /></label>
        })),
        FilterGroup::Categories => Some(Either::Right(view! {
            <label class="facet-add">
                "Category"
                <select name="category">
                    <option value="">"Any category"</option>
                    {trees
                        .into_iter()
                        .flat_map(|tree| {
                            tree.categories
                                .iter()
                                .map(|entry| (entry.category.id, tree.path(entry.category.id).unwrap_or_default()))
                                .collect::<Vec<_>>()
                        })
                        .map(|(id, path)| view! { <option value=id.0.to_string()>{path}</option> })
                        .collect_view()}
                </select>
            </label>
        })),
        _ => None,
    };
    view! {
        <fieldset class="facet">
            <legend>{group.title()}</legend>
            {values}
            {adding}
        </fieldset>
    }
}
