use leptos::prelude::*;

use crate::domain::{AppError, CatalogTree};

/// Every catalog with its category tree.
#[server(prefix = "/api/view", endpoint = "list_catalogs", input = server_fn::codec::GetUrl)]
pub async fn list_catalogs() -> Result<Vec<CatalogTree>, AppError> {
    use crate::domain::Permission;
    use crate::server::{catalogs, context};
    context::authorize(Permission::View)?;
    catalogs::trees(&context::app_state()?).await
}
