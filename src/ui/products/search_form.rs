use crate::domain::paths;
use leptos::prelude::*;

use crate::domain::{CatalogTree, ProductSearch, ProductStatus};
use crate::ui::query_form::QueryForm;

/// Search by number prefix or name substring, and filter by status and category (with its
/// subcategories): a GET form, so the search is in the URL and works without JavaScript. Its
/// fields show the address's search, whatever was typed before it changed (Back, a link).
#[component]
pub fn SearchForm(wanted: Memo<ProductSearch>, trees: Vec<CatalogTree>) -> impl IntoView {
    let (search, status, category) = fields(&wanted.get_untracked());
    view! {
        <QueryForm action=paths::PRODUCTS.to_owned() class="product-search" role="search">
            <div class="field">
                <label for="product-search">"Number or name"</label>
                <input
                    id="product-search"
                    type="search"
                    name="search"
                    value=search
                    prop:value=move || fields(&wanted.read()).0
                    maxlength="255"
                />
            </div>
            <div class="field">
                <label for="product-status">"Status"</label>
                <select id="product-status" name="status" prop:value=move || fields(&wanted.read()).1>
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
                <select id="product-category" name="category" prop:value=move || fields(&wanted.read()).2>
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
        </QueryForm>
    }
}

/// The form's search, status and category fields, as the address sets them.
fn fields(search: &ProductSearch) -> (String, String, String) {
    (
        search.text.clone(),
        search.status.map(|status| status.code().to_owned()).unwrap_or_default(),
        search.categories.first().map(|id| id.0.to_string()).unwrap_or_default(),
    )
}
