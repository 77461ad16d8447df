use leptos::prelude::*;

use crate::domain::{AppError, Asset};

/// Copies an older version into a new current version; the old one stays as it was.
#[server(prefix = "/api/manage", endpoint = "restore_version")]
pub async fn restore_version(asset_id: i64, number: u32) -> Result<Asset, AppError> {
    use crate::domain::AssetId;
    use crate::server::{context, db};
    let (state, user) = (context::app_state()?, context::user()?);
    let id = AssetId(asset_id);
    let old = db::versions::find(&state.db, id, number).await?;
    let file = db::versions::VersionFile::of(&old);
    db::retried(&state.db, |txn| {
        let file = file.clone();
        Box::pin(async move { db::versions::add_current_version(txn, id, &file, user.id).await })
    })
    .await?;
    db::assets::load(&state.db, id).await
}
