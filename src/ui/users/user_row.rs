use leptos::prelude::*;

use super::UserActions;
use crate::domain::{Password, Role, User};

/// One user, with a small form per change so that each works as a plain form post.
#[component]
pub fn UserRow(user: User, actions: UserActions) -> impl IntoView {
    let id = user.id.0;
    let name = user.user_name.to_string();
    let (role_label, password_label) = (format!("Role of {name}"), format!("New password for {name}"));
    view! {
        <tr class:inactive=!user.active>
            <th scope="row">{name}</th>
            <td>
                <ActionForm action=actions.set_role attr:class="inline">
                    <input type="hidden" name="user_id" value=id.to_string() />
                    <select name="role" aria-label=role_label>
                        {Role::ALL
                            .into_iter()
                            .map(|role| {
                                view! { <option value=role.code() selected=role == user.role>{role.to_string()}</option> }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="quiet">"Save role"</button>
                </ActionForm>
            </td>
            <td>{if user.active { "Active" } else { "Deactivated" }}</td>
            <td>
                <ActionForm action=actions.reset_password attr:class="inline">
                    <input type="hidden" name="user_id" value=id.to_string() />
                    <input
                        type="password"
                        name="password"
                        autocomplete="new-password"
                        minlength=Password::MIN_CHARS
                        required
                        aria-label=password_label
                        placeholder="New password"
                    />
                    <button type="submit" class="quiet">"Reset password"</button>
                </ActionForm>
            </td>
            <td>
                <ActionForm action=actions.set_active attr:class="inline">
                    <input type="hidden" name="user_id" value=id.to_string() />
                    <input type="hidden" name="active" value=(!user.active).to_string() />
                    <button type="submit" class="quiet">{if user.active { "Deactivate" } else { "Reactivate" }}</button>
                </ActionForm>
            </td>
        </tr>
    }
}
