use leptos::prelude::*;

use crate::domain::AppError;

/// The largest file this server accepts, in bytes, so the browser can refuse bigger ones unsent.
#[server(prefix = "/api/manage", endpoint = "upload_limit", input = server_fn::codec::GetUrl)]
pub async fn upload_limit() -> Result<u64, AppError> {
    use crate::domain::Permission;
    use crate::server::context;
    context::authorize(Permission::Manage)?;
    Ok(context::app_state()?.config.max_upload_bytes)
}
