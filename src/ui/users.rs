//! The Users page, for System admins: create users, change roles, reset passwords, deactivate.

mod create_user_form;
mod user_row;

use leptos::{either::Either, prelude::*};

use super::{ErrorMessage, error_message::action_outcome};
use crate::api::users::{CreateUser, ResetUserPassword, SetUserActive, SetUserRole, list_users};
use crate::domain::{AppError, Permission, User};
use create_user_form::CreateUserForm;
use user_row::UserRow;

/// The actions of the page; the list reloads after each.
#[derive(Clone, Copy)]
struct UserActions {
    create: ServerAction<CreateUser>,
    set_role: ServerAction<SetUserRole>,
    reset_password: ServerAction<ResetUserPassword>,
    set_active: ServerAction<SetUserActive>,
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let is_admin = use_context::<User>().is_some_and(|user| user.role.can(Permission::ManageUsers));
    if !is_admin {
        let error = AppError::Forbidden {
            action: "manage users".into(),
        };
        return Either::Left(view! { <main class="users-page"><ErrorMessage error /></main> });
    }
    let actions = UserActions {
        create: ServerAction::new(),
        set_role: ServerAction::new(),
        reset_password: ServerAction::new(),
        set_active: ServerAction::new(),
    };
    let users = Resource::new(
        move || {
            (
                actions.create.version().get(),
                actions.set_role.version().get(),
                actions.reset_password.version().get(),
                actions.set_active.version().get(),
            )
        },
        |_| list_users(),
    );
    let on_user = |verb: &'static str| move |user: &User| format!("{verb} \u{201c}{}\u{201d}.", user.user_name);
    Either::Right(view! {
        <main class="users-page">
            <leptos_meta::Title text="Users \u{b7} damson" />
            <h1>"Users"</h1>
            <CreateUserForm action=actions.create />
            <div class="outcomes">
                {action_outcome(actions.create.value(), on_user("Created user"))}
                {action_outcome(actions.set_role.value(), |u| format!("{} is now {}.", u.user_name, u.role))}
                {action_outcome(actions.reset_password.value(), on_user("Set a new password for"))}
                {action_outcome(actions.set_active.value(), |u| {
                    format!("{} is {}.", u.user_name, if u.active { "active again" } else { "deactivated" })
                })}
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Loading users…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(users) => Either::Left(view! { <UserTable users actions /> }),
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Suspense>
        </main>
    })
}

#[component]
fn UserTable(users: Vec<User>, actions: UserActions) -> impl IntoView {
    view! {
        <table class="users">
            <thead>
                <tr>
                    <th scope="col">"User name"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Password"</th>
                    <th scope="col"><span class="visually-hidden">"Access"</span></th>
                </tr>
            </thead>
            <tbody>
                {users.into_iter().map(|user| view! { <UserRow user actions /> }).collect_view()}
            </tbody>
        </table>
    }
}
