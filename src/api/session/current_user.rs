use leptos::prelude::*;

use crate::domain::{AppError, User};

/// Who is signed in, if anyone.
#[server(prefix = "/api/public", endpoint = "current_user", input = server_fn::codec::GetUrl)]
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(crate::server::context::signed_in_user())
}

/// Who is signed in, as the server knows it while it renders a page (the access guard looked the
/// session up before rendering began); `None` in the browser, which must ask.
#[must_use]
pub fn known_while_rendering() -> Option<Option<User>> {
    #[cfg(feature = "ssr")]
    {
        Some(crate::server::context::signed_in_user())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
