use leptos::prelude::*;

use crate::api::users::CreateUser;
use crate::domain::{Password, Role};

#[component]
pub fn CreateUserForm(action: ServerAction<CreateUser>) -> impl IntoView {
    view! {
        <ActionForm action attr:class="card create-user" attr:aria-label="Create a user">
            <h2>"Create a user"</h2>
            <label>"User name" <input name="user_name" autocomplete="off" required /></label>
            <label>
                "Role"
                <select name="role">
                    {Role::ALL
                        .into_iter()
                        .map(|role| {
                            view! {
                                <option value=role.code() selected=role == Role::DamRead>{role.to_string()}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                "Password"
                <input type="password" name="password" autocomplete="new-password" minlength=Password::MIN_CHARS required />
            </label>
            <button type="submit">"Create user"</button>
        </ActionForm>
    }
}
