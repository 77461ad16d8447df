//! The Assets page's server functions: the grid (`/api/view`) and editing (`/api/manage`).

mod asset_cards;
mod get_asset;
mod list_assets;
mod update_asset;
mod upload_limit;

pub use asset_cards::{AssetCards, asset_cards};
pub use get_asset::{GetAsset, get_asset};
pub use list_assets::{ListAssets, list_assets};
pub use update_asset::{UpdateAsset, update_asset};
pub use upload_limit::{UploadLimit, upload_limit};
