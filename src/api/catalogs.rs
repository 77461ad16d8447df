//! Catalogs and categories: their trees (`/api/view`), changing them (`/api/catalog`, as a PIM
//! does) and putting assets in categories (`/api/manage`, managing the asset).

mod change_asset_categories;
mod change_product_categories;
mod delete_category;
mod list_catalogs;
mod reorder_category;
mod save_catalog;
mod save_category;

pub use change_asset_categories::{ChangeAssetCategories, change_asset_categories};
pub use change_product_categories::{ChangeProductCategories, change_product_categories};
pub use delete_category::{DeleteCategory, delete_category};
pub use list_catalogs::{ListCatalogs, list_catalogs};
pub use reorder_category::{ReorderCategory, reorder_category};
pub use save_catalog::{SaveCatalog, save_catalog};
pub use save_category::{SaveCategory, save_category};
