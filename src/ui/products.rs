//! The Products page: search by number or name, filter by status, page through by number; PIM
//! roles create products and Publish, Unpublish or Archive them. Its state is in its URL
//! (`/products?search=shoe&status=published&after=SHOE-040`).

mod create_product_form;
mod product_row;
mod search_form;

use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use super::{ErrorMessage, csv_import::CsvImport, error_message::action_outcome};
use crate::api::{
    catalogs::list_catalogs,
    products::{SaveProduct, SetProductStatus, list_products},
};
use crate::domain::{CsvImportKind, Permission, Product, ProductPage, ProductSearch, User};
use create_product_form::CreateProductForm;
use product_row::ProductRow;
use search_form::SearchForm;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let can_change = use_context::<User>().is_some_and(|user| user.role.can(Permission::ManageCatalog));
    let query = use_query_map();
    let wanted = Memo::new(move |_| ProductSearch::from_pairs(super::query_form::pairs(&query.read())));
    let after = Memo::new(move |_| query.read().get("after").filter(|after| !after.is_empty()));
    // What the form and the next page's link show; a search that does not read is named instead
    // of a table.
    let shown = Memo::new(move |_| wanted.get().unwrap_or_default());
    let save = ServerAction::<SaveProduct>::new();
    let set_status = ServerAction::<SetProductStatus>::new();
    let imported = RwSignal::new(0);
    let page = Resource::new(
        move || {
            (
                wanted.get(),
                after.get(),
                save.version().get(),
                set_status.version().get(),
                imported.get(),
            )
        },
        |(wanted, after, _, _, _)| async move { list_products(wanted?.to_query(), after, None).await },
    );
    let catalogs = Resource::new(|| (), |()| list_catalogs());
    view! {
        <main class="products-page">
            <leptos_meta::Title text="Products \u{b7} damson" />
            <h1>"Products"</h1>
            {can_change.then(|| view! {
                <CreateProductForm action=save />
                <CsvImport kind=CsvImportKind::Products columns="number,name,description,status,categories (category numbers separated by |)" imported />
            })}
            <div class="outcomes">
                {action_outcome(save.value(), |product: &Product| {
                    format!("Saved product {} \u{201c}{}\u{201d}.", product.number, product.name)
                })}
                {action_outcome(set_status.value(), |product: &Product| {
                    format!("{} is now {}.", product.number, product.status)
                })}
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let trees = catalogs.await.unwrap_or_default();
                    view! { <SearchForm wanted=shown trees /> }
                })}
            </Suspense>
            <Transition fallback=|| view! { <p class="loading">"Loading products…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => Either::Left(view! {
                            <ProductTable page wanted=shown.get_untracked() can_change set_status />
                        }),
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn ProductTable(
    page: ProductPage,
    wanted: ProductSearch,
    can_change: bool,
    set_status: ServerAction<SetProductStatus>,
) -> impl IntoView {
    if page.products.is_empty() {
        return Either::Left(view! { <p class="hint">"No product matches."</p> });
    }
    let next = page
        .next
        .as_deref()
        .map(|after| paths::products_with(&wanted.to_query_after(Some(after))));
    Either::Right(view! {
        <table class="products">
            <thead>
                <tr>
                    <th scope="col">"Number"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Categories"</th>
                    {can_change.then(|| view! { <th scope="col"><span class="visually-hidden">"Change status"</span></th> })}
                </tr>
            </thead>
            <tbody>
                {page
                    .products
                    .into_iter()
                    .map(|product| view! { <ProductRow product can_change set_status /> })
                    .collect_view()}
            </tbody>
        </table>
        {next.map(|href| view! { <a class="next-page" href=href>"Next page"</a> })}
    })
}
