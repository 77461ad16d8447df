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
use crate::domain::{Permission, Product, ProductPage, User};
use create_product_form::CreateProductForm;
use product_row::ProductRow;
use search_form::SearchForm;

/// What the page searches for, read from its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ProductQuery {
    search: String,
    status: String,
    category: String,
    after: Option<String>,
}

impl ProductQuery {
    /// The address of the page after `after` with the same search.
    fn next_href(&self, after: &str) -> String {
        let pairs = [
            ("search", self.search.as_str()),
            ("status", self.status.as_str()),
            ("after", after),
        ];
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs.iter().filter(|(_, value)| !value.is_empty()))
            .finish();
        paths::products_with(&query)
    }
}

#[component]
pub fn ProductsPage() -> impl IntoView {
    let can_change = use_context::<User>().is_some_and(|user| user.role.can(Permission::ManageCatalog));
    #[cfg(feature = "ssr")]
    super::query_form::leave_out_empty_fields(None);
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        let query = query.read();
        let get = |key: &str| query.get(key).unwrap_or_default();
        ProductQuery {
            search: get("search"),
            status: get("status"),
            category: get("category"),
            after: query.get("after").filter(|after| !after.is_empty()),
        }
    });
    let save = ServerAction::<SaveProduct>::new();
    let set_status = ServerAction::<SetProductStatus>::new();
    let imported = RwSignal::new(0);
    let page = Resource::new(
        move || {
            (
                wanted.get(),
                save.version().get(),
                set_status.version().get(),
                imported.get(),
            )
        },
        |(wanted, _, _, _)| {
            list_products(
                wanted.search,
                wanted.status,
                wanted.after,
                None,
                None,
                Some(wanted.category),
            )
        },
    );
    let catalogs = Resource::new(|| (), |()| list_catalogs());
    view! {
        <main class="products-page">
            <leptos_meta::Title text="Products \u{b7} damson" />
            <h1>"Products"</h1>
            {can_change.then(|| view! {
                <CreateProductForm action=save />
                <CsvImport what="products" columns="number,name,description,status,categories (category numbers separated by |)" imported />
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
                    view! { <SearchForm wanted trees /> }
                })}
            </Suspense>
            <Transition fallback=|| view! { <p class="loading">"Loading products…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => Either::Left(view! {
                            <ProductTable page wanted=wanted.get_untracked() can_change set_status />
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
    wanted: ProductQuery,
    can_change: bool,
    set_status: ServerAction<SetProductStatus>,
) -> impl IntoView {
    if page.products.is_empty() {
        return Either::Left(view! { <p class="hint">"No product matches."</p> });
    }
    let next = page.next.as_deref().map(|after| wanted.next_href(after));
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
