//! What the Select products page works with: whose products are picked, the left side's open
//! tab, and what is checked.

use crate::domain::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;

use crate::domain::{
    AppError, Asset, AssetId, AssetSelection, Availability, LinkSelection, Product, ProductId, ProductStatus,
    Publication, PublicationChange,
};

/// Whose products are picked: one asset's (its links start checked), or those of many selected
/// assets (`assets`: the selection as `AssetSelection::to_query` writes it), which all get the
/// products picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Linking {
    One(AssetId),
    Selected(String),
}

impl Linking {
    /// Read from the page's address; only managers get one.
    pub(super) fn of_page() -> Result<Self, AppError> {
        let selected = leptos_router::hooks::use_params_map()
            .read_untracked()
            .get(paths::segments::ASSET_ID)
            .as_deref()
            == Some(paths::segments::SELECTED);
        if !selected {
            return crate::ui::managed_asset::managed_asset().map(Linking::One);
        }
        crate::ui::managed_asset::require_manager()?;
        let assets = use_query_map().read_untracked().get("assets").unwrap_or_default();
        AssetSelection::from_query(&assets)?;
        Ok(Linking::Selected(assets))
    }

    pub fn asset(&self) -> Option<AssetId> {
        match self {
            Linking::One(id) => Some(*id),
            Linking::Selected(_) => None,
        }
    }

    /// Where the page's forms go.
    pub fn path(&self) -> String {
        match self {
            Linking::One(id) => paths::asset_products(*id),
            Linking::Selected(_) => paths::SELECTED_PRODUCTS.to_owned(),
        }
    }

    /// The page with this query (the filters), keeping whose products are picked.
    pub fn href(&self, query: &str) -> String {
        let mut pairs: Vec<String> = Vec::new();
        if let Linking::Selected(assets) = self {
            pairs.push(
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("assets", assets)
                    .finish(),
            );
        }
        if !query.is_empty() {
            pairs.push(query.to_owned());
        }
        format!("{}?{}", self.path(), pairs.join("&"))
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
    pub(super) const ALL: [Panel; 3] = [Panel::Categories, Panel::Filters, Panel::Views];

    pub fn code(self) -> &'static str {
        match self {
            Panel::Categories => "categories",
            Panel::Filters => "filters",
            Panel::Views => "views",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Panel::Categories => "Categories",
            Panel::Filters => "Filters",
            Panel::Views => "Views",
        }
    }

    pub(super) fn from_code(code: &str) -> Self {
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
    pub(super) fn new() -> Self {
        Picking {
            selection: RwSignal::new(LinkSelection::default()),
            known: RwSignal::new(HashMap::new()),
            started: RwSignal::new(false),
        }
    }

    /// Once, when the asset's links arrive: they start checked.
    pub(super) fn start(self, linked: &[Product]) {
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
