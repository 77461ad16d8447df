//! Views of the Assets page (`/api/view`: every role keeps its own and may share them).

mod asset_views;
mod delete_asset_view;
mod save_asset_view;
mod set_default_asset_view;

pub use asset_views::{AssetViewsList, asset_views};
pub use delete_asset_view::{DeleteAssetView, delete_asset_view};
pub use save_asset_view::{SaveAssetView, save_asset_view};
pub use set_default_asset_view::{SetDefaultAssetView, set_default_asset_view};
