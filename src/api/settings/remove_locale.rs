use leptos::prelude::*;

use crate::domain::{AppError, Locale};

/// Takes a locale off the list, unless an asset has a file for it; returns the list.
#[server(prefix = "/api/settings", endpoint = "remove_locale")]
pub async fn remove_locale(code: String) -> Result<Vec<Locale>, AppError> {
    use crate::domain::Permission;
    use crate::server::{context, locales};
    context::authorize(Permission::ManageSettings)?;
    let locale = Locale::parse(&code)?;
    locales::remove(&context::app_state()?, &locale).await
}
