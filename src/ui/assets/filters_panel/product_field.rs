//! The Products group's field: a product by number or name. As one types (two characters or
//! more), the products whose number starts with or whose name holds the text are offered; the
//! text itself is a filter too (the products with that number, or whose name holds it).

use leptos::prelude::*;

use crate::api::products::list_products;
use crate::domain::{MIN_SEARCH_CHARS, Product, ProductSearch};

#[component]
pub fn ProductField() -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let offered = Resource::new(
        move || typed.get(),
        |text| async move {
            if text.trim().chars().count() < MIN_SEARCH_CHARS {
                return Vec::new();
            }
            let search = ProductSearch {
                text,
                ..ProductSearch::default()
            };
            list_products(search.to_query(), None, None)
                .await
                .map(|page| page.products)
                .unwrap_or_default()
        },
    );
    let options = move || {
        offered
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|product: Product| {
                let label = format!("{} \u{2014} {}", product.number, product.name);
                view! { <option value=product.number label=label></option> }
            })
            .collect_view()
    };
    view! {
        <label class="facet-add">
            "Product number or name"
            <input
                name="product"
                maxlength="100"
                list="product-options"
                autocomplete="off"
                on:input=move |event| typed.set(event_target_value(&event))
            />
        </label>
        <datalist id="product-options">
            <Transition>{options}</Transition>
        </datalist>
    }
}
