use leptos::prelude::*;

use crate::domain::{AppError, Asset, AssetId};

/// Saves the Details tab. `revision` is the one the form was opened at: if someone saved since,
/// the save is refused instead of overwriting their work. `labels` is comma-separated;
/// `localizable` is the checkbox, present when ticked.
#[server(prefix = "/api/manage", endpoint = "update_asset")]
pub async fn update_asset(
    asset_id: AssetId,
    revision: i64,
    name: String,
    description: String,
    labels: String,
    availability: String,
    #[server(default)] localizable: Option<String>,
) -> Result<Asset, AppError> {
    use crate::domain::{AssetChanges, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::Manage)?;
    let changes = AssetChanges::parse(&name, &description, &labels, &availability, localizable.is_some())?;
    assets::update(&context::app_state()?, asset_id, revision, &changes).await
}
