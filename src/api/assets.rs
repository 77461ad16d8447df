//! The Assets page's server functions: the grid (`/api/view`) and editing (`/api/manage`).

mod asset_cards;
mod asset_details;
mod clone_asset;
mod copy_links;
mod delete_asset;
mod filter_counts;
mod get_asset;
mod list_assets;
mod list_versions;
mod restore_version;
mod update_asset;
mod upload_limit;

pub use asset_cards::{AssetCards, asset_cards};
pub use asset_details::{AssetDetails, asset_details};
pub use clone_asset::{CloneAsset, clone_asset};
pub use copy_links::{CopyLinks, copy_links};
pub use delete_asset::{DeleteAsset, delete_asset};
pub use filter_counts::{FilterCounts, filter_counts};
pub use get_asset::{GetAsset, get_asset};
pub use list_assets::{ListAssets, list_assets};
pub use list_versions::{ListVersions, list_versions};
pub use restore_version::{RestoreVersion, restore_version};
pub use update_asset::{UpdateAsset, update_asset};
pub use upload_limit::{UploadLimit, upload_limit};
