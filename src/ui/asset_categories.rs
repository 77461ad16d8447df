//! Add asset to categories (`/assets/<id>/categories`): each catalog's tree with checkboxes and a
//! search; Save changes sends what was and what is checked, and only the difference changes. A
//! plain form post, so it works without JavaScript too.

use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use super::{
    ErrorMessage,
    category_checklist::{CategoryChecklist, CategorySearch, Choosing},
    page_heading::PageHeading,
};
use crate::api::{
    assets::asset_details,
    catalogs::{ChangeAssetCategories, list_catalogs},
};
use crate::domain::{AssetId, CatalogTree};

#[component]
pub fn AssetCategoriesPage() -> impl IntoView {
    let id = match super::managed_asset::managed_asset() {
        Ok(id) => id,
        Err(error) => return Either::Left(view! { <main class="asset-categories"><ErrorMessage error /></main> }),
    };
    let search = use_query_map().read_untracked().get("search").unwrap_or_default();
    // Both made here, outside the suspended part, so that they hydrate from the server's data.
    let overview = Resource::new(move || id, |id| asset_details(id, None));
    let trees = Resource::new(|| (), |()| list_catalogs());
    Either::Right(view! {
        <main class="asset-categories">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || {
                    let search = search.clone();
                    Suspend::new(async move {
                        match (overview.await, trees.await) {
                            (Ok(overview), Ok(trees)) => {
                                let choosing = Choosing::new(overview.categories.iter().map(|c| c.id), search);
                                Either::Left(view! { <Editing asset_id=id name=overview.asset.name trees choosing /> })
                            }
                            (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorMessage error /> }),
                        }
                    })
                }}
            </Suspense>
        </main>
    })
}

#[component]
fn Editing(asset_id: AssetId, name: String, trees: Vec<CatalogTree>, choosing: Choosing) -> impl IntoView {
    let back = paths::asset_tab(asset_id, "categories");
    let save = ServerAction::<ChangeAssetCategories>::new();
    let trail = super::page_heading::to_asset(asset_id, &name, "categories");
    view! {
        <header class="select-header">
            <PageHeading name="Add asset to categories" trail subject=name />
            <p class="selection-counts" role="status">{move || choosing.counts()}</p>
            <div class="select-actions">
                <a class="button quiet" href=back>"Cancel"</a>
                <button type="submit" form="asset-categories" disabled=move || save.pending().get()>
                    "Save changes"
                </button>
            </div>
            {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        </header>
        <CategorySearch choosing />
        <ActionForm action=save attr:id="asset-categories" attr:aria-label="Categories of this asset">
            <input type="hidden" name="asset_id" value=asset_id.0.to_string() />
            <CategoryChecklist trees choosing />
        </ActionForm>
    }
}
