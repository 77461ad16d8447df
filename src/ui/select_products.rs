//! Select products (`/assets/<id>/products`): which products an asset illustrates. Search and
//! filters are in the URL; the checked products live on the page while the search changes, and
//! Save sends only the changes, so someone else's links made meanwhile stay. For many assets
//! (`/assets/selected/products?assets=<selection>`), the products picked are added to each.

mod filters;
mod product_list;
mod review;
mod state;
mod views;

use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{ErrorMessage, page_heading::PageHeading};
use crate::api::{
    assets::asset_details,
    bulk::start_bulk_change,
    catalogs::list_catalogs,
    products::{DeleteProductView, SaveProductView, change_asset_products, list_products, product_views},
};
use crate::domain::{
    AppError, Asset, AssetFilter, AssetOverview, AssetSelection, LinkChanges, ProductId, ProductSearch,
};
use filters::{CategoriesPanel, FiltersPanel, SearchBar};
use product_list::ProductList;
use review::Review;
use views::Views;

pub use state::{Linking, Panel, Picking};

#[component]
pub fn SelectProductsPage() -> impl IntoView {
    let linking = match Linking::of_page() {
        Ok(linking) => linking,
        Err(error) => return Either::Left(view! { <main class="select-products"><ErrorMessage error /></main> }),
    };
    let one = linking.asset();
    let query = use_query_map();
    let read = Memo::new(move |_| ProductSearch::from_pairs(super::query_form::pairs(&query.read())));
    let after = Memo::new(move |_| query.read().get("after").filter(|after| !after.is_empty()));
    // What the forms and links show; a search that does not read is named instead of the list.
    let wanted = Memo::new(move |_| read.get().unwrap_or_default());
    let panel = Memo::new(move |_| Panel::from_code(&query.read().get("panel").unwrap_or_default()));
    // Made here, outside the suspended parts, so that they hydrate from the server's data.
    let overview = Resource::new(
        move || one,
        |one| async move {
            match one {
                Some(id) => Some(asset_details(id, None).await),
                None => None,
            }
        },
    );
    let page = Resource::new(
        move || (read.get(), after.get()),
        move |(search, after)| async move { list_products(search?.to_query(), after, one).await },
    );
    let catalogs = Resource::new(|| (), |()| list_catalogs());
    let save_view = ServerAction::<SaveProductView>::new();
    let delete_view = ServerAction::<DeleteProductView>::new();
    let views = Resource::new(
        move || (save_view.version().get(), delete_view.version().get()),
        |_| product_views(),
    );
    let picking = Picking::new();
    let (linking_header, linking_panels, linking_search, linking_list) =
        (linking.clone(), linking.clone(), linking.clone(), linking.clone());
    Either::Right(view! {
        <main class="select-products">
            <PageHeader overview linking=linking_header picking />
            <div class="select-body">
                <div class="select-side">
                    <PanelTabs linking=linking.clone() wanted panel />
                    <Suspense fallback=|| ()>
                        {move || {
                            let (open, wanted, linking) = (panel.get(), wanted.get(), linking_panels.clone());
                            Suspend::new(async move {
                                match open {
                                    Panel::Categories => {
                                        let trees = catalogs.await.unwrap_or_default();
                                        view! { <CategoriesPanel wanted linking trees /> }.into_any()
                                    }
                                    Panel::Filters => view! { <FiltersPanel wanted linking /> }.into_any(),
                                    Panel::Views => {
                                        let saved = views.await.unwrap_or_default();
                                        view! { <Views views=saved wanted linking save=save_view delete=delete_view /> }.into_any()
                                    }
                                }
                            })
                        }}
                    </Suspense>
                </div>
                <div class="select-main">
                    {move || view! { <SearchBar wanted=wanted.get() linking=linking_search.clone() panel=panel.get() picking /> }}
                    <Transition fallback=|| view! { <p class="loading">"Loading products…"</p> }>
                        {move || {
                            let linking = linking_list.clone();
                            Suspend::new(async move {
                            match page.await {
                                Ok(page) => {
                                    picking.learn(&page.products);
                                    Either::Left(view! { <ProductList page wanted=wanted.get_untracked() linking picking /> })
                                }
                                Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                            }
                        })
                        }}
                    </Transition>
                </div>
            </div>
        </main>
    })
}

/// Whose products are picked: the asset (its links start checked), or how many are selected.
#[component]
fn PageHeader(
    overview: Resource<Option<Result<AssetOverview, AppError>>>,
    linking: Linking,
    picking: Picking,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let linking = linking.clone();
                Suspend::new(async move {
                    match overview.await {
                        Some(Ok(AssetOverview { asset, products, .. })) => {
                            picking.start(&products);
                            view! { <Header asset picking /> }.into_any()
                        }
                        Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                        None => view! { <SelectedHeader linking picking /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Categories, Filters and Views: links that keep the filters and open another panel.
#[component]
fn PanelTabs(linking: Linking, wanted: Memo<ProductSearch>, panel: Memo<Panel>) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Filter panels">
            {Panel::ALL
                .into_iter()
                .map(|tab| {
                    let linking = linking.clone();
                    let href = move || {
                        let query = wanted.read().to_query();
                        let separator = if query.is_empty() { "" } else { "&" };
                        linking.href(&format!("{query}{separator}panel={}", tab.code()))
                    };
                    view! {
                        <a href=href aria-current=move || (panel.get() == tab).then_some("page")>{tab.label()}</a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The title, what Save will do, and Review, Cancel and Save.
#[component]
fn Header(asset: Asset, picking: Picking) -> impl IntoView {
    let id = asset.id;
    let back = paths::asset_tab(id, "products");
    let reviewing = RwSignal::new(false);
    let save = Action::new(move |changes: &LinkChanges<ProductId>| {
        let (assign, unassign) = changes.to_form();
        async move { change_asset_products(id, assign, unassign).await }
    });
    let navigate = use_navigate();
    Effect::new({
        let back = back.clone();
        move |_| {
            if let Some(Ok(_)) = save.value().get() {
                navigate(&back, Default::default());
            }
        }
    });
    let counts = move || {
        let selection = picking.selection.read();
        let changes = selection.changes();
        format!(
            "{} selected · {} will be assigned · {} will be unassigned",
            selection.selected_count(),
            changes.assign.len(),
            changes.unassign.len()
        )
    };
    let trail = super::page_heading::to_asset(id, &asset.name, "products");
    view! {
        <header class="select-header">
            <PageHeading name="Select products" trail subject=asset.name.clone() />
            <p class="selection-counts" role="status">{counts}</p>
            <div class="select-actions">
                <button
                    type="button"
                    class="quiet"
                    aria-expanded=move || reviewing.get().to_string()
                    on:click=move |_| reviewing.update(|open| *open = !*open)
                >
                    "Review"
                </button>
                <a class="button quiet" href=back>"Cancel"</a>
                <button
                    type="button"
                    disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(picking.selection.read_untracked().changes()); }
                >
                    "Save"
                </button>
            </div>
            <noscript><p class="hint">"Selecting products needs JavaScript."</p></noscript>
            {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        </header>
        {move || reviewing.get().then(|| view! { <Review asset=asset.clone() picking /> })}
    }
}

/// The title and Save for many assets: the products picked are added to each of them, as a bulk
/// change whose report the Assets page then shows.
#[component]
fn SelectedHeader(linking: Linking, picking: Picking) -> impl IntoView {
    let assets = match &linking {
        Linking::Selected(assets) => assets.clone(),
        Linking::One(_) => String::new(),
    };
    let filter = match AssetSelection::from_query(&assets) {
        Ok(AssetSelection::Matching(filter)) => *filter,
        _ => AssetFilter::default(),
    };
    let back = super::assets::AssetsLocation::address(None, &filter, None);
    let save = Action::new(move |products: &Vec<ProductId>| {
        let ids: Vec<String> = products.iter().map(|id| id.0.to_string()).collect();
        let assets = assets.clone();
        async move { start_bulk_change(assets, "link_to_products".into(), ids.join(",")).await }
    });
    let navigate = use_navigate();
    Effect::new({
        let back = back.clone();
        move |_| {
            if let Some(Ok(report)) = save.value().get() {
                navigate(&format!("{back}&bulk={}", report.id.0), Default::default());
            }
        }
    });
    let counts = move || match picking.selection.read().selected_count() {
        1 => "1 product selected; it will be added to each selected asset".to_owned(),
        n => format!("{n} products selected; they will be added to each selected asset"),
    };
    view! {
        <header class="select-header">
            <PageHeading
                name="Select products"
                trail=vec![("Assets".to_owned(), back.clone())]
                subject="The products picked are added to each selected asset.".to_owned()
            />
            <p class="selection-counts" role="status">{counts}</p>
            <div class="select-actions">
                <a class="button quiet" href=back>"Cancel"</a>
                <button
                    type="button"
                    disabled=move || save.pending().get() || picking.selection.read().selected_count() == 0
                    on:click=move |_| { save.dispatch(picking.selection.read_untracked().selected().collect()); }
                >
                    "Link to products"
                </button>
            </div>
            <noscript><p class="hint">"Selecting products needs JavaScript."</p></noscript>
            {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        </header>
    }
}
