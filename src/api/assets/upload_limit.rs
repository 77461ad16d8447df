use leptos::prelude::*;

use crate::domain::AppError;

/// The largest file this server accepts, in bytes, so the browser can refuse bigger ones unsent.
#[server(prefix = "/api/manage", endpoint = "upload_limit", input = server_fn::codec::GetUrl)]
pub async fn upload_limit() -> Result<u64, AppError> {
    Ok(crate::server::context::app_state()?.config.max_upload_bytes)
}
