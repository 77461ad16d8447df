use leptos::prelude::*;

use crate::domain::{AppError, Upload};

/// Removes these uploads of the user's, bytes and all, whatever their state; returns those left.
#[server(prefix = "/api/manage", endpoint = "remove_uploads")]
pub async fn remove_uploads(#[server(default)] ids: Vec<String>) -> Result<Vec<Upload>, AppError> {
    use crate::domain::{Permission, UploadId};
    use crate::server::{context, uploads};
    let user = context::authorize(Permission::Manage)?;
    let state = context::app_state()?;
    for id in ids {
        match uploads::remove(&state, &user, &UploadId(id)).await {
            Ok(()) | Err(AppError::NotFound) => {}
            Err(error) => return Err(error),
        }
    }
    uploads::of_user(&state, &user).await
}
