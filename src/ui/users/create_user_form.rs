use leptos::prelude::*;

use crate::api::users::CreateUser;
use crate::domain::{Password, Role};
use crate::ui::error_message::empty_after_success;

#[component]
pub fn CreateUserForm(action: ServerAction<CreateUser>) -> impl IntoView {
    let form = NodeRef::new();
    empty_after_success(action.value(), form);
    view! {
        <ActionForm action node_ref=form attr:class="card create-user" attr:aria-label="Create a user">
            <h2>"Create a user"</h2>
            <div class="field">
                <label for="new-user-name">"User name"</label>
                <input id="new-user-name" name="user_name" autocomplete="off" required />
            </div>
            <div class="field">
                <label for="new-user-role">"Role"</label>
                <select id="new-user-role" name="role">
                    {Role::ALL
                        .into_iter()
                        .map(|role| {
                            view! {
                                <option value=role.code() selected=role == Role::DamRead>{role.to_string()}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-user-password">"Password"</label>
                <input
                    id="new-user-password"
                    type="password"
                    name="password"
                    autocomplete="new-password"
                    minlength=Password::MIN_CHARS
                    required
                />
            </div>
            <button type="submit">"Create user"</button>
        </ActionForm>
    }
}
