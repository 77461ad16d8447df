use leptos::prelude::*;

use crate::domain::{AppError, CreatedApiToken};

/// Makes a token for the signed-in user: a name, the scopes it may use (`scopes[]`), and how many
/// days it lasts (`lasts_days`, or `never`). The answer carries its secret, shown once.
#[server(prefix = "/api/view", endpoint = "create_api_token")]
pub async fn create_api_token(
    name: String,
    #[server(default)] scopes: Vec<String>,
    lasts_days: String,
) -> Result<CreatedApiToken, AppError> {
    use crate::domain::{NewApiToken, Permission};
    use crate::server::{api_tokens, context};
    let user = context::authorize(Permission::View)?;
    let state = context::app_state()?;
    let new = NewApiToken::parse(&name, &scopes, &lasts_days, state.config.clock.now().date())?;
    api_tokens::create(&state, &user, &new).await
}
