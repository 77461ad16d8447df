//! The left panel: the search and the filter groups, each value with its count, as one GET form
//! (`/assets?q=…&type=…`), so it works without JavaScript; with it, a tick applies at once. Every
//! field shows the address's filter, whatever was typed or ticked before it changed (Clear all, a
//! pill's ×, Back), and a filter's address holds only what is set.

mod category_facet;
mod product_field;

use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::{NavigateOptions, hooks::use_navigate};

use super::{AssetsLocation, views_panel::ViewsPanel};
use crate::api::catalogs::list_catalogs;
use crate::domain::{AppError, AssetFacets, AssetFilter, CatalogTree, Facet, FilterGroup, MIN_SEARCH_CHARS, day_code};
use crate::ui::{ErrorMessage, query_form::set_fields};
use category_facet::CategoryFacet;
use product_field::ProductField;

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
        <aside class="filters-panel" id="filters-panel" aria-label="Filters and views">
            // On small screens the panel opens over the grid (`#filters-panel`, the browser's own
            // target, so it works without JavaScript) and this closes it.
            <a class="close-panel button quiet" href="#" rel="external">"Close filters"</a>
            <ViewsPanel />
            <section aria-labelledby="filters-heading">
                <h2 id="filters-heading">"Filters"</h2>
                {move || location.filter.get().err().map(|error| view! { <ErrorMessage error /> })}
                <FilterForm counts catalogs />
            </section>
        </aside>
    }
}

/// The address a filter form's fields give: only the fields set, read as the grid's filter (the
/// unfiltered grid spelling out its order, as a bare `/assets` opens the default view).
fn address_of(form: &web_sys::HtmlFormElement) -> String {
    let pairs = set_fields(form);
    match AssetFilter::from_pairs(pairs.clone()) {
        Ok(filter) => AssetsLocation::address(None, &filter, None),
        // The page shows why the filter does not read.
        Err(_) => crate::domain::paths::with_pairs(paths::ASSETS, &pairs),
    }
}

/// The form is made once: only its groups follow the counts, so what someone types while they
/// are counted stays typed.
#[component]
fn FilterForm(
    counts: Resource<Result<AssetFacets, AppError>>,
    catalogs: Resource<Result<Vec<CatalogTree>, AppError>>,
) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let navigate = use_navigate();
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
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = event_target::<web_sys::HtmlFormElement>(&event);
        navigate(&address_of(&form), NavigateOptions::default());
    };
    let sort = move || location.current().sort;
    let search = move || location.current().search;
    let from = move || location.current().added_from.map(day_code).unwrap_or_default();
    let to = move || location.current().added_to.map(day_code).unwrap_or_default();
    view! {
        <form
            method="GET"
            action=paths::ASSETS
            class="filter-form"
            aria-label="Filters"
            on:change=apply_ticks
            on:submit=apply
        >
            {move || (sort() != crate::domain::AssetSort::default()).then(|| view! {
                <input type="hidden" name="sort" value=sort().code() />
            })}
            <div class="field">
                <label for="asset-search">"Search"</label>
                <input
                    id="asset-search"
                    type="search"
                    name="q"
                    value=filter.search.clone()
                    prop:value=search
                    minlength=MIN_SEARCH_CHARS
                    maxlength="200"
                    placeholder="Name, code, label, file…"
                />
            </div>
            <Transition fallback=|| view! { <p class="loading">"Counting…"</p> }>
                {move || Suspend::new(async move {
                    match (counts.await, catalogs.await) {
                        (Ok(facets), Ok(trees)) => Either::Left(view! { <FacetGroups facets trees /> }),
                        (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
            <fieldset class="facet">
                <legend>"Added between"</legend>
                <div class="dates">
                    <label>
                        "From"
                        <input type="date" name="from" value=filter.added_from.map(day_code) prop:value=from />
                    </label>
                    <label>
                        "To"
                        <input type="date" name="to" value=filter.added_to.map(day_code) prop:value=to />
                    </label>
                </div>
            </fieldset>
            <button type="submit">"Apply filters"</button>
        </form>
    }
}

/// Each group's values with their counts.
#[component]
fn FacetGroups(facets: AssetFacets, trees: Vec<CatalogTree>) -> impl IntoView {
    facets
        .groups
        .into_iter()
        .map(|facet| match facet.group {
            FilterGroup::Categories => Either::Left(view! { <CategoryFacet facet trees=trees.clone() /> }),
            _ => Either::Right(view! { <FacetGroup facet /> }),
        })
        .collect_view()
}

/// One value of a group as a checkbox with its count: ticked exactly when the address holds it.
#[component]
fn FacetCheckbox(key: String, value: String, label: String, count: u64, chosen: bool) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let id = format!(
        "facet-{key}-{}",
        value.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let full_label = label.clone();
    let held = {
        let (key, value) = (key.clone(), value.clone());
        move || location.current().holds(&key, &value)
    };
    view! {
        <div class="facet-value">
            <input type="checkbox" id=id.clone() name=key value=value checked=chosen prop:checked=held />
            <label for=id title=full_label>
                <span class="facet-label">{label}</span>
                <span class="facet-count">{count}</span>
            </label>
        </div>
    }
}

/// One group's values as checkboxes with their counts, and the group's own way to add one.
#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let group = facet.group;
    let values = facet
        .values
        .into_iter()
        .map(|value| {
            view! {
                <FacetCheckbox
                    key=value.key
                    value=value.value
                    label=value.label
                    count=value.count
                    chosen=value.chosen
                />
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend>{group.title()}</legend>
            {values}
            {(group == FilterGroup::Products).then(|| view! { <ProductField /> })}
        </fieldset>
    }
}
