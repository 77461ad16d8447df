use leptos::prelude::*;

use crate::domain::{AppError, AssetId, ProductId, ProductOverview};

/// Moves an asset one place `earlier` or `later` among a product's assets (the first is the main
/// image).
#[server(prefix = "/api/manage", endpoint = "move_product_asset")]
pub async fn move_product_asset(
    product_id: ProductId,
    asset_id: AssetId,
    direction: String,
) -> Result<ProductOverview, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, products};
    context::authorize(Permission::Manage)?;
    let earlier = match direction.as_str() {
        "earlier" => true,
        "later" => false,
        other => {
            return Err(AppError::Validation(format!(
                "An asset moves earlier or later, not \"{other}\"."
            )));
        }
    };
    products::move_asset(&context::app_state()?, product_id, asset_id, earlier).await
}
