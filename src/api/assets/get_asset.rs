use leptos::prelude::*;

use crate::domain::{AppError, Asset, AssetId};

/// One asset with its current file, for the details panel: for `locale`, that locale's own file,
/// or else the main file.
#[server(prefix = "/api/view", endpoint = "get_asset", input = server_fn::codec::GetUrl)]
pub async fn get_asset(asset_id: AssetId, #[server(default)] locale: Option<String>) -> Result<Asset, AppError> {
    use crate::domain::{Locale, Permission};
    use crate::server::{assets, context};
    context::authorize(Permission::View)?;
    let locale = Locale::chosen(locale.as_deref())?;
    assets::get(&context::app_state()?, asset_id, locale.as_ref()).await
}
