use leptos::prelude::*;

use crate::domain::{AppError, Upload};

/// The user's uploads, oldest first, with the bytes the server has of each.
#[server(prefix = "/api/manage", endpoint = "my_uploads")]
pub async fn my_uploads() -> Result<Vec<Upload>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, uploads};
    let user = context::authorize(Permission::Manage)?;
    uploads::of_user(&context::app_state()?, &user).await
}
