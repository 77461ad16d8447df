//! Products: searching them (`/api/view`), changing them (`/api/catalog`, as a PIM does) and
//! linking assets to them (`/api/manage`, managing the asset).

mod asset_products;
mod change_asset_products;
mod delete_product_view;
mod list_products;
mod matching_products;
mod move_product_asset;
mod product_details;
mod product_views;
mod save_product;
mod save_product_view;
mod set_product_status;

pub use asset_products::{AssetProducts, asset_products};
pub use change_asset_products::{ChangeAssetProducts, change_asset_products};
pub use delete_product_view::{DeleteProductView, delete_product_view};
pub use list_products::{ListProducts, list_products};
pub use matching_products::{MatchingProducts, matching_products};
pub use move_product_asset::{MoveProductAsset, move_product_asset};
pub use product_details::{ProductDetails, product_details};
pub use product_views::{ProductViews, product_views};
pub use save_product::{SaveProduct, save_product};
pub use save_product_view::{SaveProductView, save_product_view};
pub use set_product_status::{SetProductStatus, set_product_status};
