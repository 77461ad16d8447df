use leptos::prelude::*;

use crate::domain::{AppError, ShareLinks};

/// The public link (this version, for ever) and the static link (always the current version) of
/// a Public asset. Anyone who may view assets may copy them.
#[server(prefix = "/api/view", endpoint = "copy_links")]
pub async fn copy_links(asset_id: i64) -> Result<ShareLinks, AppError> {
    use crate::domain::{AssetId, Availability, Permission};
    use crate::server::{context, db};
    context::authorize(Permission::View)?;
    let state = context::app_state()?;
    let id = AssetId(asset_id);
    let asset = db::assets::load(&state.db, id).await?;
    if asset.availability != Availability::Public {
        return Err(AppError::Conflict(
            "Only Public assets have links that work without signing in.".into(),
        ));
    }
    let (pinned, current) = db::links::tokens(&state.db, id).await?;
    let name: String = form_urlencoded::byte_serialize(asset.current.file_name.as_str().as_bytes()).collect();
    let base = match &state.config.public_url {
        Some(url) => url.clone(),
        None => format!("http://{}", context::host().await?),
    };
    Ok(ShareLinks {
        public: format!("{base}/public/{pinned}/{name}"),
        static_link: format!("{base}/static/{current}/{name}"),
    })
}
