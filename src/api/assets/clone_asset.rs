use leptos::prelude::*;

use crate::domain::{AppError, Asset};

/// A copy of the asset named "… (Cloned)", sharing its current file, without its links.
#[server(prefix = "/api/manage", endpoint = "clone_asset")]
pub async fn clone_asset(asset_id: i64) -> Result<Asset, AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{context, db};
    let user = context::authorize(Permission::Manage)?;
    let state = context::app_state()?;
    let clone = db::clones::clone(&state.db, AssetId(asset_id), user.id).await?;
    db::assets::load(&state.db, clone).await
}
