use leptos::prelude::*;
use leptos_router::components::Form;

use crate::domain::{CatalogTree, ProductStatus};

/// Search by number prefix or name substring, and filter by status and category (with its
/// subcategories): a GET form, so the search is in the URL and works without JavaScript.
#[component]
pub fn SearchForm(search: String, status: String, category: String, trees: Vec<CatalogTree>) -> impl IntoView {
    view! {
        <Form method="GET" action="/products" attr:class="product-search" attr:role="search">
            <div class="field">
                <label for="product-search">"Number or name"</label>
                <input id="product-search" type="search" name="search" value=search maxlength="255" />
            </div>
            <div class="field">
                <label for="product-status">"Status"</label>
                <select id="product-status" name="status">
                    <option value="" selected=status.is_empty()>"Any status"</option>
                    {ProductStatus::ALL
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <option value=choice.code() selected=status == choice.code()>{choice.to_string()}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="product-category">"Category"</label>
                <select id="product-category" name="category">
                    <option value="" selected=category.is_empty()>"Any category"</option>
                    {trees
                        .into_iter()
                        .map(|tree| {
                            let category = category.clone();
                            view! {
                                <optgroup label=tree.catalog.name.clone()>
                                    {tree
                                        .categories
                                        .into_iter()
                                        .map(|entry| {
                                            let id = entry.category.id.0.to_string();
                                            let label = format!("{}{}", "\u{2003}".repeat(entry.depth), entry.category.name);
                                            view! { <option value=id.clone() selected=category == id>{label}</option> }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">"Search"</button>
        </Form>
    }
}
