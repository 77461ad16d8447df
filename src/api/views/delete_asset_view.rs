use leptos::prelude::*;

use crate::domain::{AppError, AssetViews};

/// Deletes a view: one's own, or a shared one by a System admin.
#[server(prefix = "/api/view", endpoint = "delete_asset_view")]
pub async fn delete_asset_view(view_id: i64) -> Result<AssetViews, AppError> {
    use crate::domain::{Permission, ViewKind};
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    let state = context::app_state()?;
    saved_views::delete(&state, &user, ViewKind::Assets, view_id).await?;
    saved_views::of_assets(&state, &user).await
}
