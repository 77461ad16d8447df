//! The Categories group: each catalog's tree with a checkbox and a count per category (the assets
//! in it or in its subcategories). A catalog with a chosen category starts open.

use leptos::prelude::*;
use std::collections::HashMap;

use super::FacetCheckbox;
use crate::domain::{CatalogTree, Facet, FilterGroup};

#[component]
pub fn CategoryFacet(facet: Facet, trees: Vec<CatalogTree>) -> impl IntoView {
    let counts: HashMap<String, (u64, bool)> = facet
        .values
        .into_iter()
        .map(|value| (value.value, (value.count, value.chosen)))
        .collect();
    let catalogs = trees
        .into_iter()
        .filter(|tree| !tree.categories.is_empty())
        .map(|tree| {
            let open = tree.categories.iter().any(|entry| {
                counts
                    .get(&entry.category.id.0.to_string())
                    .is_some_and(|(_, chosen)| *chosen)
            });
            let categories = tree
                .categories
                .iter()
                .map(|entry| {
                    let id = entry.category.id.0.to_string();
                    let (count, chosen) = counts.get(&id).copied().unwrap_or((0, false));
                    let depth = format!("--depth: {}", entry.depth);
                    view! {
                        <li style=depth>
                            <FacetCheckbox
                                key="category".to_owned()
                                value=id
                                label=entry.category.name.clone()
                                count
                                chosen
                            />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <details class="catalog-facet" open=open>
                    <summary>{tree.catalog.name.clone()}</summary>
                    <ul class="category-facet">{categories}</ul>
                </details>
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend>{FilterGroup::Categories.title()}</legend>
            {catalogs}
        </fieldset>
    }
}
