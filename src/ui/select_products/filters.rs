use leptos::prelude::*;
use leptos_router::components::Form;

use super::{Picking, SelectQuery};
use crate::api::products::matching_products;
use crate::domain::{AssetId, CatalogTree, LinkFilter, ProductStatus};
use crate::ui::ErrorMessage;

/// The left panel: search over number and name, the status and link filters, and Select all
/// matching (every product the filters match, not just the page shown).
#[component]
pub fn Filters(wanted: SelectQuery, asset_id: AssetId, picking: Picking, trees: Vec<CatalogTree>) -> impl IntoView {
    let path = format!("/assets/{}/products", asset_id.0);
    let select_all = Action::new(move |wanted: &SelectQuery| {
        let wanted = wanted.clone();
        async move {
            let products = matching_products(
                wanted.search,
                wanted.status,
                asset_id.0,
                wanted.linked,
                wanted.categories,
            )
            .await?;
            picking.learn(&products);
            picking.selection.update(|selection| {
                for product in &products {
                    selection.set(product.id, true);
                }
            });
            Ok::<usize, crate::domain::AppError>(products.len())
        }
    });
    let current = wanted.clone();
    let chosen = wanted.clone();
    view! {
        <aside class="select-filters" aria-label="Filters">
            <h2>"Filters"</h2>
            <Form method="GET" action=path attr:role="search">
                <div class="field">
                    <label for="select-search">"Number or name"</label>
                    <input id="select-search" type="search" name="search" value=wanted.search maxlength="255" />
                </div>
                <div class="field">
                    <label for="select-status">"Status"</label>
                    <select id="select-status" name="status">
                        <option value="" selected=wanted.status.is_empty()>"Any status"</option>
                        {ProductStatus::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.code() selected=wanted.status == s.code()>{s.to_string()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="select-linked">"Links"</label>
                    <select id="select-linked" name="linked">
                        <option value="" selected=wanted.linked.is_empty()>"Linked or not"</option>
                        {LinkFilter::ALL
                            .into_iter()
                            .map(|f| view! { <option value=f.code() selected=wanted.linked == f.code()>{f.to_string()}</option> })
                            .collect_view()}
                    </select>
                </div>
                {(!trees.is_empty()).then(|| view! {
                    <fieldset class="category-filter">
                        <legend>"Categories"</legend>
                        {trees
                            .into_iter()
                            .map(|tree| {
                                let wanted = chosen.clone();
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
                                                    <input type="checkbox" id=checkbox.clone() name="category" value=id.0.to_string() checked=wanted.has_category(id) />
                                                    <label for=checkbox>{entry.category.name}</label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                }
                            })
                            .collect_view()}
                    </fieldset>
                })}
                <button type="submit">"Apply filters"</button>
            </Form>
            <button type="button" class="quiet" on:click=move |_| { select_all.dispatch(current.clone()); }>
                "Select all matching"
            </button>
            {move || select_all.value().get().map(|outcome| match outcome {
                Ok(count) => view! { <p class="notice" role="status">{format!("Selected all {count} matching products.")}</p> }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </aside>
    }
}
