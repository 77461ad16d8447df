use leptos::prelude::*;

use crate::domain::{AppError, AssetViews};

/// Deletes a view: one's own, or a shared one by a System admin.
#[server(prefix = "/api/view", endpoint = "delete_asset_view")]
pub async fn delete_asset_view(view_id: i64) -> Result<AssetViews, AppError> {
    use crate::domain::Permission;
    use crate::server::{asset_views, context};
    let user = context::authorize(Permission::View)?;
    asset_views::delete(&context::app_state()?, &user, view_id).await
}
