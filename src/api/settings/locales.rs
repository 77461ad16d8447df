use leptos::prelude::*;

use crate::domain::{AppError, Locale};

/// The locales in use, A to Z.
#[server(prefix = "/api/view", endpoint = "locales")]
pub async fn locales() -> Result<Vec<Locale>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, locales};
    context::authorize(Permission::View)?;
    locales::all(&context::app_state()?).await
}
