//! Views: saved filters and orders of the grid, the user's own and everyone's shared ones. Opening
//! one applies it (`/assets?view=ID&…`); a view whose filters were changed says so, with Save
//! and Reset. Plain links and form posts.

use leptos::{either::Either, prelude::*};
use leptos_router::components::Redirect;

use super::AssetsLocation;
use crate::api::views::{DeleteAssetView, SaveAssetView, SetDefaultAssetView, asset_views};
use crate::domain::{AppError, AssetFilter, AssetViews, SavedView, User, ViewFields};
use crate::ui::ErrorMessage;

/// The views and what changes them, made once by the page.
#[derive(Clone, Copy)]
pub struct ViewActions {
    pub views: Resource<Result<AssetViews, AppError>>,
    save: ServerAction<SaveAssetView>,
    delete: ServerAction<DeleteAssetView>,
    default: ServerAction<SetDefaultAssetView>,
}

impl ViewActions {
    pub fn new() -> Self {
        let save = ServerAction::<SaveAssetView>::new();
        let delete = ServerAction::<DeleteAssetView>::new();
        let default = ServerAction::<SetDefaultAssetView>::new();
        let views = Resource::new(
            move || (save.version().get(), delete.version().get(), default.version().get()),
            |_| asset_views(),
        );
        ViewActions {
            views,
            save,
            delete,
            default,
        }
    }
}

/// `/assets` alone opens the user's default view, and `/assets?view=ID` alone that view's filters.
#[component]
pub fn OpenView(bare: Memo<Option<Option<i64>>>) -> impl IntoView {
    let ViewActions { views, .. } = expect_context::<ViewActions>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let views = views.await.ok()?;
                let target = match bare.get()? {
                    None => views.default_view(),
                    Some(id) => views.find(id).filter(|view| !view.query.is_empty()),
                };
                target.map(|view| view! { <Redirect path=view.href() /> })
            })}
        </Suspense>
    }
}

#[component]
pub fn ViewsPanel() -> impl IntoView {
    let actions = expect_context::<ViewActions>();
    let location = expect_context::<AssetsLocation>();
    let outcome = move || {
        let failed = actions
            .save
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.delete.value().get().and_then(Result::err))
            .or_else(|| actions.default.value().get().and_then(Result::err));
        failed.map(|error| view! { <ErrorMessage error /> })
    };
    view! {
        <section class="views" aria-labelledby="views-heading">
            <h2 id="views-heading">"Views"</h2>
            {outcome}
            <Transition fallback=|| view! { <p class="loading">"Loading views…"</p> }>
                {move || Suspend::new(async move {
                    match actions.views.await {
                        Ok(views) => {
                            let open = location.view.get().and_then(|id| views.find(id).cloned());
                            Either::Left(view! {
                                {open.map(|view| view! { <OpenedView view /> })}
                                <ViewList title="My views" views=views.mine.clone() default=views.default />
                                {(!views.shared.is_empty()).then(|| view! {
                                    <ViewList title="Shared views" views=views.shared.clone() default=views.default />
                                })}
                            })
                        }
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
            <SaveView />
        </section>
    }
}

/// The open view, and when the filters differ from it, Save (its owner) and Reset.
#[component]
fn OpenedView(view: SavedView) -> impl IntoView {
    let actions = expect_context::<ViewActions>();
    let location = expect_context::<AssetsLocation>();
    let user = use_context::<User>();
    let can_save = user.as_ref().is_some_and(|user| view.changeable_by(user));
    let saved = AssetFilter::from_query(&view.query).unwrap_or_default();
    let changed = move || location.current() != saved;
    let reset = view.href();
    view! {
        <div class="opened-view" role="status">
            <p>"View: " <strong>{view.name.clone()}</strong></p>
            {move || changed().then(|| {
                let (view, reset) = (view.clone(), reset.clone());
                view! {
                    <p class="hint">"Its filters were changed."</p>
                    <div class="inline">
                        {can_save.then(|| view! {
                            <ActionForm action=actions.save attr:class="inline">
                                <input type="hidden" name="view_id" value=view.id.to_string() />
                                <input type="hidden" name="name" value=view.name.clone() />
                                <input type="hidden" name="query" value=location.current_untracked().to_query() />
                                {view.shared.then(|| view! { <input type="hidden" name="shared" value="on" /> })}
                                <button type="submit" class="quiet small">"Save"</button>
                            </ActionForm>
                        })}
                        <a class="button quiet small" href=reset>"Reset"</a>
                    </div>
                }
            })}
        </div>
    }
}

#[component]
fn ViewList(title: &'static str, views: Vec<SavedView>, default: Option<i64>) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let user = use_context::<User>().map(|user| user.id);
    let heading = format!("views-{}", title.to_lowercase().replace(' ', "-"));
    view! {
        <h3 id=heading.clone() class="views-title">{title}</h3>
        {if views.is_empty() {
            Either::Left(view! { <p class="hint">"No saved views yet."</p> })
        } else {
            Either::Right(view! {
                <ul class="saved-views" aria-labelledby=heading>
                    {views
                        .into_iter()
                        .map(|view| {
                            let id = view.id;
                            let mine = user == Some(view.owner);
                            view! {
                                <li>
                                    <a href=view.href() aria-current=move || (location.view.get() == Some(id)).then_some("page")>
                                        {view.name.clone()}
                                    </a>
                                    {view.shared.then(|| {
                                        let note = if mine { " · shared".to_owned() } else { format!(" by {}", view.owner_name) };
                                        view! { <span class="hint">{note}</span> }
                                    })}
                                    <ViewControls view is_default=default == Some(id) />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })
        }}
    }
}

/// Make default, Rename (its owner) and × (its owner; a System admin for a shared one).
#[component]
fn ViewControls(view: SavedView, is_default: bool) -> impl IntoView {
    let actions = expect_context::<ViewActions>();
    let user = use_context::<User>();
    let (can_change, can_delete) = user.as_ref().map_or((false, false), |user| {
        (view.changeable_by(user), view.deletable_by(user))
    });
    let id = view.id.to_string();
    let rename_id = format!("rename-view-{}", view.id);
    let default_label = if is_default {
        format!("Stop opening {} by default", view.name)
    } else {
        format!("Open {} by default", view.name)
    };
    let default_id = id.clone();
    let delete_id = id.clone();
    let delete_label = format!("Delete view {}", view.name);
    let rename_label = format!("New name for {}", view.name);
    view! {
        <div class="view-controls">
            <ActionForm action=actions.default attr:class="inline">
                {(!is_default).then(|| view! { <input type="hidden" name="view_id" value=default_id /> })}
                <button type="submit" class="quiet small" aria-label=default_label>
                    {if is_default { "Default ✓" } else { "Make default" }}
                </button>
            </ActionForm>
            {can_change.then(move || view! {
                <details class="rename-view">
                    <summary>"Rename"</summary>
                    <ActionForm action=actions.save attr:class="inline">
                        <input type="hidden" name="view_id" value=id.clone() />
                        <input type="hidden" name="query" value=view.query.clone() />
                        {view.shared.then(|| view! { <input type="hidden" name="shared" value="on" /> })}
                        <label class="visually-hidden" for=rename_id.clone()>{rename_label}</label>
                        <input id=rename_id name="name" value=view.name.clone() maxlength=ViewFields::MAX_NAME_CHARS required />
                        <button type="submit" class="quiet small">"Rename"</button>
                    </ActionForm>
                </details>
            })}
            {can_delete.then(move || view! {
                <ActionForm action=actions.delete attr:class="inline">
                    <input type="hidden" name="view_id" value=delete_id />
                    <button type="submit" class="quiet small" aria-label=delete_label>"×"</button>
                </ActionForm>
            })}
        </div>
    }
}

/// Save view: the current filters and order under a name, only mine or shared with everyone.
#[component]
fn SaveView() -> impl IntoView {
    let actions = expect_context::<ViewActions>();
    let location = expect_context::<AssetsLocation>();
    view! {
        <details class="save-asset-view">
            <summary>"Save view"</summary>
            <ActionForm action=actions.save attr:class="save-view" attr:aria-label="Save these filters as a view">
                <input type="hidden" name="query" value=move || location.current().to_query() />
                <label for="asset-view-name">"Name"</label>
                <input id="asset-view-name" name="name" maxlength=ViewFields::MAX_NAME_CHARS required />
                <label class="check">
                    <input type="checkbox" name="shared" value="on" />
                    "Shared with everyone"
                </label>
                <button type="submit" class="quiet">"Save view"</button>
            </ActionForm>
        </details>
    }
}
