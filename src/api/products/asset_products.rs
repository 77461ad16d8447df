use leptos::prelude::*;

use crate::domain::{AppError, AssetId, Product};

/// The products an asset illustrates, for its Products tab.
#[server(prefix = "/api/view", endpoint = "asset_products", input = server_fn::codec::GetUrl)]
pub async fn asset_products(asset_id: AssetId) -> Result<Vec<Product>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, products};
    context::authorize(Permission::View)?;
    products::of_asset(&context::app_state()?, asset_id).await
}
