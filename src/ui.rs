//! Components, one folder per part of the page. No server logic here: data comes from `api`.

#[cfg(feature = "ssr")]
mod api_reference;
mod api_tokens;
mod app_shell;
mod asset_categories;
mod assets;
mod catalogs;
mod category_checklist;
mod csv_import;
mod error_message;
mod file_drop;
mod format;
mod managed_asset;
mod not_found;
mod page_heading;
mod product_page;
mod products;
mod query_form;
mod raw_text;
mod resumable;
mod secret_shown_once;
mod select_products;
mod settings;
mod sign_in_page;
mod upload_assets;
mod users;
mod webhooks;
mod xhr;

#[cfg(feature = "ssr")]
pub use api_reference::ApiReferencePage;
pub use api_tokens::ApiTokensPage;
pub use app_shell::AppShell;
pub use asset_categories::AssetCategoriesPage;
pub use assets::{AssetDetails, AssetsPage, NoAssetOpen};
pub use catalogs::CatalogsPage;
pub use error_message::ErrorMessage;
pub use not_found::NotFound;
pub use product_page::ProductPage;
pub use products::ProductsPage;
pub use select_products::SelectProductsPage;
pub use settings::SettingsPage;
pub use sign_in_page::SignInPage;
pub use upload_assets::UploadAssetsPage;
pub use users::UsersPage;
pub use webhooks::WebhooksPage;
