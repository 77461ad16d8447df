use leptos::prelude::*;
use leptos_router::components::Form;

use crate::domain::ProductStatus;

/// Search by number prefix or name substring, and filter by status: a GET form, so the search is
/// in the URL and works without JavaScript.
#[component]
pub fn SearchForm(search: String, status: String) -> impl IntoView {
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
            <button type="submit">"Search"</button>
        </Form>
    }
}
