use crate::domain::paths;
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

use crate::domain::AppError;

/// Shows an error as a person should read it; a lost session goes to Sign in and comes back here.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    if error == AppError::Unauthenticated {
        let location = use_location();
        let here = format!(
            "{}{}",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        );
        let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
        return view! { <Redirect path=paths::sign_in_then(&next) /> }.into_any();
    }
    view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
}

/// What a finished action says: its error, or `on_ok` of its result.
pub fn action_outcome<T: 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    on_ok: impl Fn(&T) -> String + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        value.get().map(|result| match result {
            Ok(output) => view! { <p class="notice" role="status">{on_ok(&output)}</p> }.into_any(),
            Err(error) => view! { <ErrorMessage error /> }.into_any(),
        })
    }
}

/// A form that creates something starts empty again once it has, ready for the next one; after
/// a refusal it keeps what was typed, to be corrected.
pub fn empty_after_success<T: 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    form: NodeRef<leptos::html::Form>,
) {
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_)))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
}
