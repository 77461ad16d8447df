use leptos::prelude::*;

use crate::domain::{AppError, Locale};

/// Adds a locale to the list (two lowercase letters, `_`, two uppercase letters); returns the list.
#[server(prefix = "/api/settings", endpoint = "add_locale")]
pub async fn add_locale(code: String) -> Result<Vec<Locale>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, locales};
    context::authorize(Permission::ManageSettings)?;
    let locale = Locale::parse(&code)?;
    locales::add(&context::app_state()?, &locale).await
}
