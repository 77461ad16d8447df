use leptos::prelude::*;

use crate::domain::{ApiToken, AppError};

/// The signed-in user's tokens, newest first; a System admin's list has everyone's.
#[server(prefix = "/api/view", endpoint = "list_api_tokens", input = server_fn::codec::GetUrl)]
pub async fn list_api_tokens() -> Result<Vec<ApiToken>, AppError> {
    use crate::domain::Permission;
    use crate::server::{api_tokens, context};
    let user = context::authorize(Permission::View)?;
    api_tokens::visible_to(&context::app_state()?, &user).await
}
