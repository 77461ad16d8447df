use leptos::prelude::*;

use crate::domain::{AppError, Asset};

/// Saves the Details tab. `revision` is the one the form was opened at: if someone saved since,
/// the save is refused instead of overwriting their work. `labels` is comma-separated.
#[server(prefix = "/api/manage", endpoint = "update_asset")]
pub async fn update_asset(
    asset_id: i64,
    revision: i64,
    name: String,
    description: String,
    labels: String,
    availability: String,
) -> Result<Asset, AppError> {
    use crate::domain::{AssetChanges, AssetId, Permission};
    use crate::server::{context, db};
    context::authorize(Permission::Manage)?;
    let state = context::app_state()?;
    let changes = AssetChanges::parse(&name, &description, &labels, &availability)?;
    db::assets::update(&state.db, AssetId(asset_id), revision, &changes).await?;
    db::assets::load(&state.db, AssetId(asset_id)).await
}
