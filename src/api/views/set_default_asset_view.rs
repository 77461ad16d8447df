use leptos::prelude::*;

use crate::domain::{AppError, AssetViews};

/// The view `/assets` opens for the user (no `view_id`: none).
#[server(prefix = "/api/view", endpoint = "set_default_asset_view")]
pub async fn set_default_asset_view(view_id: Option<i64>) -> Result<AssetViews, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    saved_views::set_default(&context::app_state()?, &user, view_id).await
}
