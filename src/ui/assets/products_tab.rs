use crate::domain::paths;
use leptos::prelude::*;

use crate::domain::{AssetId, Product, ProductStatus};

/// The products the asset illustrates: number, name and a status badge. Only Published ones
/// publish an Automatic asset. Managers add and remove products on Select products.
#[component]
pub fn ProductsTab(asset_id: AssetId, products: Vec<Product>, can_manage: bool) -> impl IntoView {
    let published = products
        .iter()
        .filter(|product| product.status == ProductStatus::Published)
        .count();
    let summary = match products.len() {
        0 => "This asset is not linked to any product.".to_owned(),
        1 => format!("Linked to 1 product, {published} published."),
        linked => format!("Linked to {linked} products, {published} published."),
    };
    view! {
        <section class="products-tab" aria-label="Products">
            {can_manage.then(|| view! {
                <a class="add-to-product button" href=paths::asset_products(asset_id) aria-label="Add to product">
                    "+"
                </a>
            })}
            <p class="hint">{summary}</p>
            <ul class="linked-products">
                {products
                    .into_iter()
                    .map(|product| {
                        view! {
                            <li class="linked-product">
                                <span class="product-number">{product.number}</span>
                                <span class="product-name">{product.name}</span>
                                <StatusBadge status=product.status />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A product's status as a badge: Published in green, Draft and Archived muted.
#[component]
pub fn StatusBadge(status: ProductStatus) -> impl IntoView {
    let class = match status {
        ProductStatus::Published => "badge public",
        ProductStatus::Draft => "badge automatic",
        ProductStatus::Archived => "badge internal",
    };
    view! { <span class=class>{status.to_string()}</span> }
}
