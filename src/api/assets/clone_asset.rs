use leptos::prelude::*;

use crate::domain::{AppError, Asset, AssetId};

/// A copy of the asset named "… (Cloned)", sharing its current file, without its links.
#[server(prefix = "/api/manage", endpoint = "clone_asset")]
pub async fn clone_asset(asset_id: AssetId) -> Result<Asset, AppError> {
    use crate::domain::Permission;
    use crate::server::{assets, context};
    let user = context::authorize(Permission::Manage)?;
    assets::clone(&context::app_state()?, asset_id, &user).await
}
