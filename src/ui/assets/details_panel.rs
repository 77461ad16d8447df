use leptos::{either::Either, prelude::*};
use std::str::FromStr;

use super::{
    AssetsLocation, Changes, actions_menu::ActionsMenu, add_version_dialog::AddVersionDialog,
    categories_tab::CategoriesTab, details_tab::DetailsTab, products_tab::ProductsTab, versions_tab::VersionsTab,
};
use crate::api::assets::{RestoreVersion, UpdateAsset, asset_details};
use crate::domain::{AppError, AssetOverview};
use crate::ui::ErrorMessage;

/// The details panel's tabs; the open one is in the URL (`?tab=versions`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Details,
    Products,
    Categories,
    Versions,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Details, Tab::Products, Tab::Categories, Tab::Versions];

    pub fn code(self) -> &'static str {
        match self {
            Tab::Details => "details",
            Tab::Products => "products",
            Tab::Categories => "categories",
            Tab::Versions => "versions",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Details => "Details",
            Tab::Products => "Products",
            Tab::Categories => "Categories",
            Tab::Versions => "Versions",
        }
    }
}

impl FromStr for Tab {
    type Err = ();

    fn from_str(code: &str) -> Result<Self, ()> {
        Tab::ALL.into_iter().find(|tab| tab.code() == code).ok_or(())
    }
}

/// The opened asset's data and the panel's actions. Made by the Assets page itself, not by the
/// panel: the panel is a chunk of wasm loaded after the page starts hydrating, and a resource
/// made after that wait would not find the server's data.
#[derive(Clone, Copy)]
pub struct OpenedAsset {
    update: ServerAction<UpdateAsset>,
    restore: ServerAction<RestoreVersion>,
    add_version: RwSignal<bool>,
    asset: Resource<Result<Option<AssetOverview>, AppError>>,
}

impl OpenedAsset {
    pub fn new(location: AssetsLocation, changes: Changes) -> Self {
        let update = ServerAction::<UpdateAsset>::new();
        let restore = ServerAction::<RestoreVersion>::new();
        let asset = Resource::new(
            move || {
                (
                    location.asset.get(),
                    location.locale.get(),
                    update.version().get(),
                    restore.version().get(),
                    changes.edits.get(),
                )
            },
            // One resource and one call for the whole panel: resources made inside a suspended
            // view would not hydrate from the server's data.
            |(id, locale, _, _, _)| async move {
                match id {
                    Some(id) => asset_details(id, locale.map(|locale| locale.to_string()))
                        .await
                        .map(Some),
                    None => Ok(None),
                }
            },
        );
        Effect::new(move |_| {
            if let Some(Ok(saved)) = update.value().get() {
                changes.asset_changed(saved.id);
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(restored)) = restore.value().get() {
                changes.asset_changed(restored.id);
            }
        });
        Self {
            update,
            restore,
            add_version: RwSignal::new(false),
            asset,
        }
    }
}

/// The right panel: the opened asset's Details, Products, Categories and Versions.
#[component]
pub fn DetailsPanel(can_manage: bool) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let OpenedAsset {
        update,
        restore,
        add_version,
        asset,
    } = expect_context::<OpenedAsset>();
    view! {
        <aside class="details-panel" aria-label="Asset details">
            {move || {
                location
                    .asset
                    .get()
                    .filter(|_| can_manage)
                    .map(|asset_id| view! { <AddVersionDialog asset_id locale=location.locale.get() open=add_version /> })
            }}
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match asset.await {
                        Ok(None) => Either::Left(view! { <p class="hint">"Open an asset to see its details."</p> }),
                        Ok(Some(AssetOverview { asset, versions, products, categories, locales })) => Either::Right(Either::Left(view! {
                            <header class="details-header">
                                <h2>{asset.name.clone()}</h2>
                                <ActionsMenu asset=asset.clone() can_manage add_version />
                                <a
                                    class="close"
                                    href=move || location.href(&location.current(), None)
                                    aria-label="Close details"
                                >
                                    "×"
                                </a>
                            </header>
                            <Tabs asset_id=asset.id />
                            {move || match location.tab.get() {
                                Tab::Details => view! {
                                    <DetailsTab asset=asset.clone() locales=locales.clone() can_manage update />
                                }.into_any(),
                                Tab::Products => view! {
                                    <ProductsTab asset_id=asset.id products=products.clone() can_manage />
                                }.into_any(),
                                Tab::Versions => view! {
                                    <VersionsTab
                                        asset=asset.clone()
                                        versions=versions.clone()
                                        locales=locales.clone()
                                        can_manage
                                        add_version
                                        restore
                                    />
                                }.into_any(),
                                Tab::Categories => view! {
                                    <CategoriesTab asset_id=asset.id categories=categories.clone() can_manage />
                                }.into_any(),
                            }}
                        })),
                        Err(error) => Either::Right(Either::Right(view! { <ErrorMessage error /> })),
                    }
                })}
            </Transition>
        </aside>
    }
}

#[component]
fn Tabs(asset_id: crate::domain::AssetId) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    view! {
        <nav class="tabs" aria-label="Asset tabs">
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    view! {
                        <a
                            href=move || location.href(&location.current(), Some((asset_id, tab)))
                            aria-current=move || (location.tab.get() == tab).then_some("page")
                        >
                            {tab.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
