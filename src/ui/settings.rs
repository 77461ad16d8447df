//! The Settings page, for System admins and PIM admins: the locales in use, which localizable
//! assets keep a file for and which mass uploads read from file names.

use leptos::{either::Either, prelude::*};
use leptos_router::components::A;

use super::{ErrorMessage, error_message::action_outcome};
use crate::api::settings::{AddLocale, RemoveLocale, locales};
use crate::domain::{AppError, Locale, Permission, User};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let user = use_context::<User>();
    let may = user
        .as_ref()
        .is_some_and(|user| user.role.can(Permission::ManageSettings));
    let integrates = user.is_some_and(|user| user.role.can(Permission::ManageIntegrations));
    if !may {
        let error = AppError::Forbidden {
            action: "change damson's settings".into(),
        };
        return Either::Left(view! { <main class="settings-page"><ErrorMessage error /></main> });
    }
    let add = ServerAction::<AddLocale>::new();
    let remove = ServerAction::<RemoveLocale>::new();
    let list = Resource::new(move || (add.version().get(), remove.version().get()), |_| locales());
    let new_locale = NodeRef::new();
    super::error_message::empty_after_success(add.value(), new_locale);
    Either::Right(view! {
        <main class="settings-page">
            <leptos_meta::Title text="Settings \u{b7} damson" />
            <h1>"Settings"</h1>
            <section aria-labelledby="locales-heading">
                <h2 id="locales-heading">"Locales"</h2>
                <p class="hint">
                    "A localizable asset keeps one file per locale. In a mass upload, a file named "
                    <code>"shoe_fr_FR.jpg"</code>
                    " is the fr_FR file of the asset shoe."
                </p>
                <ActionForm action=add node_ref=new_locale attr:class="add-locale">
                    <label>
                        "Locale code"
                        <input name="code" required pattern="[a-z]{2}_[A-Z]{2}" placeholder="fr_FR" />
                    </label>
                    <button type="submit">"Add locale"</button>
                </ActionForm>
                <div class="outcomes">
                    {action_outcome(add.value(), |_| "Added the locale.".to_owned())}
                    {action_outcome(remove.value(), |_| "Removed the locale.".to_owned())}
                </div>
                <Suspense fallback=|| view! { <p class="loading">"Loading locales…"</p> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(locales) => Either::Left(view! { <LocaleList locales remove /> }),
                            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                        }
                    })}
                </Suspense>
            </section>
            {integrates.then(|| view! {
                <section aria-labelledby="webhooks-heading">
                    <h2 id="webhooks-heading">"Webhooks"</h2>
                    <p class="hint">"Tell other systems (a web shop, a PIM) when assets change, by signed HTTP messages."</p>
                    <A href=crate::domain::paths::WEBHOOKS>"Manage webhooks"</A>
                </section>
            })}
        </main>
    })
}

#[component]
fn LocaleList(locales: Vec<Locale>, remove: ServerAction<RemoveLocale>) -> impl IntoView {
    view! {
        <ul class="locales">
            {locales
                .into_iter()
                .map(|locale| {
                    let code = locale.to_string();
                    view! {
                        <li>
                            <span class="locale-code">{code.clone()}</span>
                            <ActionForm action=remove>
                                <input type="hidden" name="code" value=code.clone() />
                                <button type="submit" class="quiet" aria-label=format!("Remove {code}")>
                                    "Remove"
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
