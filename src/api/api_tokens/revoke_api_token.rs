use leptos::prelude::*;

use crate::domain::{ApiTokenId, AppError};

/// Revokes one of the signed-in user's tokens (a System admin: anyone's); its next request is
/// refused.
#[server(prefix = "/api/view", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(token_id: ApiTokenId) -> Result<(), AppError> {
    use crate::domain::Permission;
    use crate::server::{api_tokens, context};
    let user = context::authorize(Permission::View)?;
    api_tokens::revoke(&context::app_state()?, &user, token_id).await
}
