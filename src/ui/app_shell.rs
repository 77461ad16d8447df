use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::components::{A, Outlet};

use super::ErrorMessage;
use crate::api::session::{SignOut, current_user, known_while_rendering};
use crate::domain::{AppError, Permission, User};

/// The frame of every signed-in page: the top bar, then the page. Provides the `User` as context.
///
/// The server knows the user before it renders and writes them into the page, so the frame and
/// the page under it are built once, and hydration reads the same user back. Waiting on a fetched
/// user inside `<Suspense>` built the page twice on the server (each build fetching its data),
/// and a write between the two builds broke hydration. Only a frame first built in the browser,
/// after signing in there, asks the server.
#[component]
pub fn AppShell() -> impl IntoView {
    match SharedValue::new(known_while_rendering).into_inner() {
        Some(user) => Either::Left(signed_in_or_refused(Ok(user))),
        None => Either::Right(AskedFor()),
    }
}

#[component]
fn AskedFor() -> impl IntoView {
    let user = Resource::new(|| (), |()| current_user());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move { signed_in_or_refused(user.await) })}
        </Suspense>
    }
}

fn signed_in_or_refused(user: Result<Option<User>, AppError>) -> impl IntoView {
    match user {
        Ok(Some(user)) => Either::Left(view! { <SignedIn user /> }),
        Ok(None) => Either::Right(view! { <ErrorMessage error=AppError::Unauthenticated /> }),
        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
    }
}

#[component]
fn SignedIn(user: User) -> impl IntoView {
    provide_context(user.clone());
    view! {
        <TopBar user />
        <Outlet />
    }
}

#[component]
fn TopBar(user: User) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let manages_users = user.role.can(Permission::ManageUsers);
    let keeps_settings = user.role.can(Permission::ManageSettings);
    view! {
        <header class="top-bar">
            <span class="brand">"damson"</span>
            <nav aria-label="Main">
                <A href=paths::ASSETS>"Assets"</A>
                <A href=paths::PRODUCTS>"Products"</A>
                <A href=paths::CATALOGS>"Catalogs"</A>
                {manages_users.then(|| view! { <A href=paths::USERS>"Users"</A> })}
                {keeps_settings.then(|| view! { <A href=paths::SETTINGS>"Settings"</A> })}
                <A href=paths::API_TOKENS>"API tokens"</A>
            </nav>
            <div class="who" aria-label="Signed in as">
                <span class="user-name">{user.user_name.to_string()}</span>
                <span class="role">{user.role.to_string()}</span>
            </div>
            <ActionForm action=sign_out>
                <button type="submit" class="quiet">"Sign out"</button>
            </ActionForm>
        </header>
    }
}
