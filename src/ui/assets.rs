//! The Assets page: Filters/Views panel, the grid, and the details panel.

mod asset_grid;
mod details_panel;
mod filters_panel;

use leptos::prelude::*;

use crate::domain::{Permission, User};
use asset_grid::AssetGrid;
use details_panel::DetailsPanel;
use filters_panel::FiltersPanel;

#[component]
pub fn AssetsPage() -> impl IntoView {
    let can_manage = use_context::<User>().is_some_and(|user| user.role.can(Permission::Manage));
    view! {
        <div class="assets-page">
            <FiltersPanel />
            <AssetGrid can_manage />
            <DetailsPanel />
        </div>
    }
}
