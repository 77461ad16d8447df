//! The Assets page: Filters/Views panel, the grid, and the details panel. Everything the page
//! shows is in its URL (`/assets/12?sort=name&tab=details`), so any state can be shared.

mod actions_menu;
mod active_filters;
mod add_version_dialog;
mod asset_card;
mod asset_grid;
mod bulk_bar;
mod bulk_report;
mod card_list;
mod card_window;
mod categories_tab;
mod details_panel;
mod details_tab;
mod filters_panel;
mod grid_memory;
mod keyboard;
mod locale_choice;
mod modal;
mod preview;
mod products_tab;
mod selection;
pub mod upload;
mod uploads;
mod versions_tab;
mod views_panel;

use crate::domain::paths;
use leptos::prelude::*;
use leptos_router::{
    components::Outlet,
    hooks::{use_location, use_query_map},
};

use crate::api::assets::filter_counts;
use crate::domain::{AppError, AssetFilter, AssetId, Locale, Permission, User};
pub use asset_card::Picture;
use asset_grid::AssetGrid;
use details_panel::{DetailsPanel, OpenedAsset, Tab};
use filters_panel::{FilterCounts, FiltersPanel};
pub use products_tab::StatusBadge;

/// The page's state, read from its URL.
#[derive(Clone, Copy)]
pub struct AssetsLocation {
    /// The search, filters and order; a query that does not read shows as an error in the panel.
    pub filter: Memo<Result<AssetFilter, AppError>>,
    pub asset: Memo<Option<AssetId>>,
    pub tab: Memo<Tab>,
    /// The saved view the grid was opened from (`?view=ID`), if any.
    pub view: Memo<Option<i64>>,
    /// The file of a localizable asset the panel shows (`?locale=fr_FR`); `None`: the main file.
    pub locale: Memo<Option<Locale>>,
}

impl AssetsLocation {
    /// The filter in the URL, or the unfiltered grid when it does not read.
    pub fn current(self) -> AssetFilter {
        self.filter.get().unwrap_or_default()
    }

    pub fn current_untracked(self) -> AssetFilter {
        self.filter.get_untracked().unwrap_or_default()
    }

    /// The address of the grid under `filter`, with an asset's tab open, in the open view, and
    /// the open asset's locale kept when it stays open.
    pub fn href(self, filter: &AssetFilter, open: Option<(AssetId, Tab)>) -> String {
        let address = Self::address(self.view.get(), filter, open);
        match self.locale.get() {
            Some(locale) if open.is_some_and(|(id, _)| Some(id) == self.asset.get()) => {
                format!("{address}&locale={locale}")
            }
            _ => address,
        }
    }

    /// The address of the grid under `filter`, with an asset's tab open, in `view` if any. The
    /// grid itself is never a bare `/assets` or `/assets?view=ID`: those open the default view and
    /// a view's own filters, so the order is then spelled out.
    pub fn address(view: Option<i64>, filter: &AssetFilter, open: Option<(AssetId, Tab)>) -> String {
        let mut query = Vec::new();
        query.extend(view.map(|id| format!("view={id}")));
        let filtered = filter.to_query();
        if !filtered.is_empty() {
            query.push(filtered);
        } else if open.is_none() {
            query.push(format!("sort={}", filter.sort.code()));
        }
        let path = match open {
            Some((AssetId(id), tab)) => {
                query.push(format!("tab={}", tab.code()));
                paths::asset(AssetId(id))
            }
            None => paths::ASSETS.to_owned(),
        };
        if query.is_empty() {
            path
        } else {
            format!("{path}?{}", query.join("&"))
        }
    }
}

/// What changed on this page, so that each part shows it without a reload.
#[derive(Clone, Copy)]
pub struct Changes {
    /// The asset that changed last (saved, new version): its card and the details panel refresh.
    pub asset: RwSignal<Option<AssetId>>,
    /// Counts the changes of one asset, the same asset twice too: the filter counts follow them.
    pub edits: RwSignal<u32>,
    /// Assets came or went (upload, clone, delete): the grid starts again from its first page,
    /// and the counts follow.
    pub assets: RwSignal<u32>,
}

impl Changes {
    pub fn asset_changed(self, id: AssetId) {
        self.asset.set(Some(id));
        self.edits.update(|n| *n += 1);
    }

    pub fn assets_changed(self) {
        self.assets.update(|n| *n += 1);
    }
}

/// The address of an asset's file (`path`, a download), for its file for `locale` when given.
fn for_locale(path: String, locale: Option<impl std::fmt::Display>) -> String {
    match locale {
        Some(locale) => format!("{path}?locale={locale}"),
        None => path,
    }
}

/// The details panel of the asset the address opens: a chunk of wasm of its own (see `app`).
#[component]
pub fn AssetDetails() -> impl IntoView {
    let can_manage = use_context::<User>().is_some_and(|user| user.role.can(Permission::Manage));
    view! { <DetailsPanel can_manage /> }
}

/// The details column while no asset is open.
#[component]
pub fn NoAssetOpen() -> impl IntoView {
    view! {
        <aside class="details-panel" aria-label="Asset details">
            <p class="hint">"Open an asset to see its details."</p>
        </aside>
    }
}

#[component]
pub fn AssetsPage() -> impl IntoView {
    let can_manage = use_context::<User>().is_some_and(|user| user.role.can(Permission::Manage));
    // The opened asset is the child route's (`/assets/:asset_id`), read here from the path: a
    // parent route does not see its child's parameters.
    let (pathname, query) = (use_location().pathname, use_query_map());
    let location = AssetsLocation {
        filter: Memo::new(move |_| AssetFilter::from_pairs(crate::ui::query_form::pairs(&query.read()))),
        asset: Memo::new(move |_| paths::opened_asset(&pathname.read())),
        tab: Memo::new(move |_| {
            query
                .read()
                .get("tab")
                .and_then(|tab| tab.parse().ok())
                .unwrap_or_default()
        }),
        view: Memo::new(move |_| query.read().get("view").and_then(|id| id.parse().ok())),
        locale: Memo::new(move |_| Locale::chosen(query.read().get("locale").as_deref()).ok().flatten()),
    };
    provide_context(location);
    let changes = Changes {
        asset: RwSignal::new(None),
        edits: RwSignal::new(0),
        assets: RwSignal::new(0),
    };
    provide_context(changes);
    provide_context(OpenedAsset::new(location, changes));
    // Made here, outside the suspended parts, so that they hydrate from the server's data.
    let counts = Resource::new(
        move || (location.current(), changes.assets.get(), changes.edits.get()),
        |(filter, _, _)| filter_counts(filter.to_query()),
    );
    provide_context(FilterCounts(counts));
    let selection = selection::Selection::new();
    provide_context(selection);
    // A new filter, a new selection: what was ticked may not be in the grid any more.
    Effect::new(move |previous: Option<AssetFilter>| {
        let now = location.current();
        if previous.is_some_and(|previous| previous != now) {
            selection.clear();
        }
        now
    });
    provide_context(views_panel::ViewActions::new());
    // `/assets` alone, or `/assets?view=ID` alone: a view to open.
    let bare = Memo::new(move |_| {
        let query = query.read();
        let only_view = query.clone().into_iter().all(|(key, _)| key == "view");
        (location.asset.read().is_none() && only_view).then(|| query.get("view").and_then(|id| id.parse::<i64>().ok()))
    });
    view! {
        <leptos_meta::Title text="Assets \u{b7} damson" />
        <div class="assets-page" class:with-details=move || location.asset.get().is_some()>
            <views_panel::OpenView bare />
            <FiltersPanel />
            <AssetGrid can_manage />
            <Outlet />
        </div>
    }
}
