use leptos::prelude::*;

use crate::domain::{AppError, AssetViews};

/// The user's own views, everyone's shared ones, and the user's default.
#[server(AssetViewsList, prefix = "/api/view", endpoint = "asset_views", input = server_fn::codec::GetUrl)]
pub async fn asset_views() -> Result<AssetViews, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, saved_views};
    let user = context::authorize(Permission::View)?;
    saved_views::of_assets(&context::app_state()?, &user).await
}
