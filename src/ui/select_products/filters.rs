//! The search above the list and the Categories and Filters panels. Each is a GET form of its
//! own that carries the others' values as hidden fields, so every filter survives any one form.

use leptos::prelude::*;

use super::{Linking, Panel, Picking};
use crate::api::products::matching_products;
use crate::domain::{AppError, CatalogTree, LinkFilter, ProductSearch, ProductStatus};
use crate::ui::{ErrorMessage, query_form::QueryForm};

/// A part of the filters that a form shows; the others go as hidden fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Search,
    Filters,
    Categories,
}

/// The chosen status and link filter as their fields have them, empty for "any".
fn codes(wanted: &ProductSearch) -> (String, String) {
    (
        wanted.status.map(ProductStatus::code).unwrap_or_default().to_owned(),
        wanted.linked.map(LinkFilter::code).unwrap_or_default().to_owned(),
    )
}

/// The values of the parts this form does not show, and the open panel.
fn kept_fields(wanted: &ProductSearch, shown: Part, panel: Panel, linking: &Linking) -> impl IntoView + use<> {
    let mut fields: Vec<(&'static str, String)> = vec![("panel", panel.code().to_owned())];
    if let Linking::Selected(assets) = linking {
        fields.push(("assets", assets.clone()));
    }
    if shown != Part::Search {
        fields.push(("search", wanted.text.clone()));
    }
    if shown != Part::Filters {
        let (status, linked) = codes(wanted);
        fields.push(("status", status));
        fields.push(("linked", linked));
    }
    if shown != Part::Categories {
        fields.extend(wanted.categories.iter().map(|id| ("category", id.0.to_string())));
    }
    fields
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view()
}

/// The search over number and name, and Select all matching (every product the filters match,
/// not just the page shown).
#[component]
pub fn SearchBar(wanted: ProductSearch, linking: Linking, panel: Panel, picking: Picking) -> impl IntoView {
    let asset_id = linking.asset();
    let select_all = Action::new(move |wanted: &ProductSearch| {
        let wanted = wanted.clone();
        async move {
            let products = matching_products(wanted.to_query(), asset_id).await?;
            picking.learn(&products);
            picking.selection.update(|selection| {
                for product in &products {
                    selection.set(product.id, true);
                }
            });
            Ok::<usize, AppError>(products.len())
        }
    });
    let current = wanted.clone();
    view! {
        <div class="select-search">
            <QueryForm action=linking.path() role="search">
                {kept_fields(&wanted, Part::Search, panel, &linking)}
                <label for="select-search">"Search number or name"</label>
                <div class="inline">
                    <input
                        id="select-search"
                        type="search"
                        name="search"
                        value=wanted.text.clone()
                        prop:value=wanted.text
                        maxlength="255"
                    />
                    <button type="submit" class="quiet">"Search"</button>
                </div>
            </QueryForm>
            <button type="button" class="quiet" on:click=move |_| { select_all.dispatch(current.clone()); }>
                "Select all matching"
            </button>
            {move || select_all.value().get().map(|outcome| match outcome {
                Ok(count) => view! { <p class="notice" role="status">{format!("Selected all {count} matching products.")}</p> }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </div>
    }
}

/// The Filters panel: status, and linked to this asset or not.
#[component]
pub fn FiltersPanel(wanted: ProductSearch, linking: Linking) -> impl IntoView {
    let one_asset = linking.asset().is_some();
    let (status, linked) = codes(&wanted);
    view! {
        <QueryForm action=linking.path() class="select-panel" label="Filters">
            {kept_fields(&wanted, Part::Filters, Panel::Filters, &linking)}
            <div class="field">
                <label for="select-status">"Status"</label>
                <select id="select-status" name="status" prop:value=status.clone()>
                    <option value="" selected=status.is_empty()>"Any status"</option>
                    {ProductStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.code() selected=status == s.code()>{s.to_string()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field" class:hidden=!one_asset>
                <label for="select-linked">"Links"</label>
                <select id="select-linked" name="linked" prop:value=linked.clone()>
                    <option value="" selected=linked.is_empty()>"Linked or not"</option>
                    {LinkFilter::ALL
                        .into_iter()
                        .map(|f| view! { <option value=f.code() selected=linked == f.code()>{f.to_string()}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">"Apply filters"</button>
        </QueryForm>
    }
}

/// The Categories panel: each catalog's tree with checkboxes; a category includes its
/// subcategories.
#[component]
pub fn CategoriesPanel(wanted: ProductSearch, linking: Linking, trees: Vec<CatalogTree>) -> impl IntoView {
    let action = linking.path();
    if trees.is_empty() {
        return view! { <p class="hint">"There is no catalog yet."</p> }.into_any();
    }
    view! {
        <QueryForm action=action class="select-panel" label="Categories">
            {kept_fields(&wanted, Part::Categories, Panel::Categories, &linking)}
            <div class="category-filter">
                {trees
                    .into_iter()
                    .map(|tree| {
                        let wanted = wanted.clone();
                        view! {
                            <p class="catalog-name">{tree.catalog.name.clone()}</p>
                            {tree
                                .categories
                                .into_iter()
                                .map(|entry| {
                                    let id = entry.category.id;
                                    let checkbox = format!("filter-category-{}", id.0);
                                    let indent = format!("padding-left: {}rem", entry.depth as f32 * 1.2);
                                    view! {
                                        <div class="category-choice" style=indent>
                                            <input
                                                type="checkbox"
                                                id=checkbox.clone()
                                                name="category"
                                                value=id.0.to_string()
                                                checked=wanted.has_category(id)
                                                prop:checked=wanted.has_category(id)
                                            />
                                            <label for=checkbox>{entry.category.name}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        }
                    })
                    .collect_view()}
            </div>
            <button type="submit">"Apply categories"</button>
        </QueryForm>
    }
    .into_any()
}
