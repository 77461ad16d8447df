use leptos::{either::Either, prelude::*};

use super::{Linking, Picking};
use crate::domain::{Product, ProductPage, ProductSearch};
use crate::ui::assets::StatusBadge;

/// One page of matching products, each with its checkbox.
#[component]
pub fn ProductList(page: ProductPage, wanted: ProductSearch, linking: Linking, picking: Picking) -> impl IntoView {
    if page.products.is_empty() {
        return Either::Left(view! { <p class="hint">"No product matches."</p> });
    }
    let next = page
        .next
        .map(|after| linking.href(&wanted.to_query_after(Some(&after))));

    Either::Right(view! {
        <div class="select-list">
            <table class="products">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">"Selected"</span></th>
                        <th scope="col">"Number"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Categories"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.products.into_iter().map(|product| view! { <Row product picking /> }).collect_view()}
                </tbody>
            </table>
            {next.map(|href| view! { <a class="next-page" href=href>"Next page"</a> })}
        </div>
    })
}

#[component]
fn Row(product: Product, picking: Picking) -> impl IntoView {
    let id = product.id;
    let checkbox = format!("product-{}", id.0);
    let label = format!("Select {} {}", product.number, product.name);
    view! {
        <tr>
            <td>
                <input
                    type="checkbox"
                    id=checkbox
                    aria-label=label
                    prop:checked=move || picking.selection.read().is_selected(id)
                    on:change=move |event| {
                        let checked = event_target_checked(&event);
                        picking.selection.update(|selection| selection.set(id, checked));
                    }
                />
            </td>
            <th scope="row">{product.number}</th>
            <td>{product.name}</td>
            <td><StatusBadge status=product.status /></td>
            <td class="hint">{product.categories.join(", ")}</td>
        </tr>
    }
}
