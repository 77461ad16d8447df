//! Select products (`/assets/<id>/products`): which products an asset illustrates. Search and
//! filters are in the URL; the checked products live on the page while the search changes, and
//! Save sends only the changes, so someone else's links made meanwhile stay.

mod filters;
mod product_list;
mod review;
mod views;

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::HashMap;

use super::ErrorMessage;
use crate::api::{
    assets::asset_details,
    catalogs::list_catalogs,
    products::{DeleteProductView, SaveProductView, change_asset_products, list_products, product_views},
};
use crate::domain::{
    Asset, AssetOverview, Availability, LinkChanges, LinkSelection, Product, ProductId, ProductStatus, Publication,
    PublicationChange,
};
use filters::{CategoriesPanel, FiltersPanel, SearchBar};
use product_list::ProductList;
use review::Review;
use views::Views;

/// The filters, read from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectQuery {
    pub search: String,
    pub status: String,
    pub linked: String,
    /// Category ids, comma-separated.
    pub categories: String,
    pub after: Option<String>,
}

impl SelectQuery {
    pub fn has_category(&self, id: crate::domain::CategoryId) -> bool {
        self.category_ids().any(|c| c == id.0.to_string())
    }

    /// The chosen categories' ids, as the URL has them.
    pub fn category_ids(&self) -> impl Iterator<Item = &str> {
        self.categories.split(',').filter(|c| !c.is_empty())
    }

    /// The filters as a URL query, `after` the page to start after (if any).
    pub fn to_query_after(&self, after: Option<&str>) -> String {
        let pairs = [
            ("search", self.search.as_str()),
            ("status", self.status.as_str()),
            ("linked", self.linked.as_str()),
            ("after", after.unwrap_or_default()),
        ];
        let categories = self.category_ids().map(|c| ("category", c));
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                pairs
                    .into_iter()
                    .filter(|(_, value)| !value.is_empty())
                    .chain(categories),
            )
            .finish()
    }

    /// The filters as a URL query, as a view keeps them.
    pub fn to_query(&self) -> String {
        self.to_query_after(None)
    }
}

/// The left side's tabs; the open one is in the URL (`?panel=filters`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Categories,
    Filters,
    Views,
}

impl Panel {
    const ALL: [Panel; 3] = [Panel::Categories, Panel::Filters, Panel::Views];

    pub fn code(self) -> &'static str {
        match self {
            Panel::Categories => "categories",
            Panel::Filters => "filters",
            Panel::Views => "views",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Panel::Categories => "Categories",
            Panel::Filters => "Filters",
            Panel::Views => "Views",
        }
    }

    fn from_code(code: &str) -> Self {
        Panel::ALL
            .into_iter()
            .find(|panel| panel.code() == code)
            .unwrap_or_default()
    }
}

/// The page's working state: what is checked, and every product seen so far (for the Review).
/// It lives outside the parts that reload, so it survives a new search.
#[derive(Clone, Copy)]
pub struct Picking {
    pub selection: RwSignal<LinkSelection<ProductId>>,
    pub known: RwSignal<HashMap<ProductId, Product>>,
    started: RwSignal<bool>,
}

impl Picking {
    fn new() -> Self {
        Picking {
            selection: RwSignal::new(LinkSelection::default()),
            known: RwSignal::new(HashMap::new()),
            started: RwSignal::new(false),
        }
    }

    /// Once, when the asset's links arrive: they start checked.
    fn start(self, linked: &[Product]) {
        if !self.started.get_untracked() {
            self.started.set(true);
            self.selection.set(LinkSelection::new(linked.iter().map(|p| p.id)));
            self.learn(linked);
        }
    }

    pub fn learn(self, products: &[Product]) {
        self.known.update(|known| {
            for product in products {
                known.insert(product.id, product.clone());
            }
        });
    }

    /// The asset's publication if the selection were saved.
    pub fn publication_after(self, asset: &Asset) -> Publication {
        let known = self.known.read();
        let published = self
            .selection
            .read()
            .selected()
            .filter(|id| known.get(id).is_some_and(|p| p.status == ProductStatus::Published))
            .count();
        Publication::of(asset.availability, u32::try_from(published).unwrap_or(u32::MAX))
    }

    /// The Review's warning, for an Automatic asset whose publication would change.
    pub fn warning(self, asset: &Asset) -> Option<PublicationChange> {
        (asset.availability == Availability::Automatic)
            .then(|| PublicationChange::between(asset.publication, self.publication_after(asset)))
            .flatten()
    }
}

#[component]
pub fn SelectProductsPage() -> impl IntoView {
    let id = match super::managed_asset::managed_asset() {
        Ok(id) => id,
        Err(error) => return Either::Left(view! { <main class="select-products"><ErrorMessage error /></main> }),
    };
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        let query = query.read();
        let get = |key: &str| query.get(key).unwrap_or_default();
        SelectQuery {
            search: get("search"),
            status: get("status"),
            linked: get("linked"),
            categories: query.get_all("category").unwrap_or_default().join(","),
            after: query.get("after").filter(|after| !after.is_empty()),
        }
    });
    let panel = Memo::new(move |_| Panel::from_code(&query.read().get("panel").unwrap_or_default()));
    // Made here, outside the suspended parts, so that they hydrate from the server's data.
    let overview = Resource::new(move || id, |id| asset_details(id.0));
    let page = Resource::new(
        move || wanted.get(),
        move |wanted| {
            let (linked, categories) = (Some(wanted.linked), Some(wanted.categories));
            list_products(
                wanted.search,
                wanted.status,
                wanted.after,
                Some(id.0),
                linked,
                categories,
            )
        },
    );
    let catalogs = Resource::new(|| (), |()| list_catalogs());
    let save_view = ServerAction::<SaveProductView>::new();
    let delete_view = ServerAction::<DeleteProductView>::new();
    let views = Resource::new(
        move || (save_view.version().get(), delete_view.version().get()),
        |_| product_views(),
    );
    let picking = Picking::new();
    Either::Right(view! {
        <main class="select-products">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(AssetOverview { asset, products, .. }) => {
                            picking.start(&products);
                            Either::Left(view! { <Header asset picking /> })
                        }
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Suspense>
            <div class="select-body">
                <div class="select-side">
                    <PanelTabs asset_id=id wanted panel />
                    <Suspense fallback=|| ()>
                        {move || {
                            let (open, wanted) = (panel.get(), wanted.get());
                            Suspend::new(async move {
                                match open {
                                    Panel::Categories => {
                                        let trees = catalogs.await.unwrap_or_default();
                                        view! { <CategoriesPanel wanted asset_id=id trees /> }.into_any()
                                    }
                                    Panel::Filters => view! { <FiltersPanel wanted asset_id=id /> }.into_any(),
                                    Panel::Views => {
                                        let saved = views.await.unwrap_or_default();
                                        view! { <Views views=saved wanted asset_id=id save=save_view delete=delete_view /> }.into_any()
                                    }
                                }
                            })
                        }}
                    </Suspense>
                </div>
                <div class="select-main">
                    {move || view! { <SearchBar wanted=wanted.get() asset_id=id panel=panel.get() picking /> }}
                    <Transition fallback=|| view! { <p class="loading">"Loading products…"</p> }>
                        {move || Suspend::new(async move {
                            match page.await {
                                Ok(page) => {
                                    picking.learn(&page.products);
                                    Either::Left(view! { <ProductList page wanted=wanted.get_untracked() asset_id=id picking /> })
                                }
                                Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                            }
                        })}
                    </Transition>
                </div>
            </div>
        </main>
    })
}

/// Categories, Filters and Views: links that keep the filters and open another panel.
#[component]
fn PanelTabs(asset_id: crate::domain::AssetId, wanted: Memo<SelectQuery>, panel: Memo<Panel>) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Filter panels">
            {Panel::ALL
                .into_iter()
                .map(|tab| {
                    let href = move || {
                        let query = wanted.read().to_query();
                        let separator = if query.is_empty() { "" } else { "&" };
                        format!("/assets/{}/products?{query}{separator}panel={}", asset_id.0, tab.code())
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
    let back = format!("/assets/{}?tab=products", id.0);
    let reviewing = RwSignal::new(false);
    let save = Action::new(move |changes: &LinkChanges<ProductId>| {
        let (assign, unassign) = changes.to_form();
        async move { change_asset_products(id.0, assign, unassign).await }
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
    let title = format!("Add \u{201c}{}\u{201d} to products", asset.name);
    view! {
        <header class="select-header">
            <h1>{title}</h1>
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
