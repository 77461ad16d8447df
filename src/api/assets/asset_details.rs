use leptos::prelude::*;

use crate::domain::{AppError, Asset, AssetVersion};

/// Everything the details panel shows of an asset, in one call: the asset and all its versions,
/// newest first.
#[server(prefix = "/api/view", endpoint = "asset_details", input = server_fn::codec::GetUrl)]
pub async fn asset_details(asset_id: i64) -> Result<(Asset, Vec<AssetVersion>), AppError> {
    use crate::domain::{AssetId, Permission};
    use crate::server::{context, db};
    context::authorize(Permission::View)?;
    let state = context::app_state()?;
    let asset = db::assets::load(&state.db, AssetId(asset_id)).await?;
    let versions = db::versions::list(&state.db, AssetId(asset_id)).await?;
    Ok((asset, versions))
}
