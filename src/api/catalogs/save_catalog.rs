use leptos::prelude::*;

use crate::domain::{AppError, CatalogId, CatalogTree};

/// Creates a catalog (no `catalog_id`) or renames one.
#[server(prefix = "/api/catalog", endpoint = "save_catalog")]
pub async fn save_catalog(catalog_id: Option<CatalogId>, code: String, name: String) -> Result<CatalogTree, AppError> {
    use crate::domain::{CatalogFields, Permission};
    use crate::server::{catalogs, context};
    context::authorize(Permission::ManageCatalog)?;
    let fields = CatalogFields::parse(&code, &name)?;
    catalogs::save_catalog(&context::app_state()?, catalog_id, &fields).await
}
