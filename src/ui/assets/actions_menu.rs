use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_navigate;

use super::{AssetsLocation, Changes, details_panel::Tab, modal::Modal, preview::Preview};
use crate::api::assets::{CloneAsset, DeleteAsset, copy_links};
use crate::domain::{Asset, AssetId, ShareLinks};
use crate::ui::ErrorMessage;

/// Which link "Copy … link" copied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    Public,
    Static,
}

impl LinkKind {
    /// What the copied-link window calls it, and its address.
    fn of(self, links: &ShareLinks) -> (&'static str, &str) {
        match self {
            LinkKind::Public => ("Public link (this version, for ever)", &links.public),
            LinkKind::Static => ("Static link (always the current version)", &links.static_link),
        }
    }
}

/// The link "Copy … link" copied, or why it could not.
type Copied = (LinkKind, Result<ShareLinks, crate::domain::AppError>);

/// The "Asset actions" menu of the details panel. DAM read users get Preview, Download and the
/// copy-link actions; managers also Add version, Clone and Delete.
#[component]
pub fn ActionsMenu(asset: Asset, can_manage: bool, add_version: RwSignal<bool>) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let (menu, preview, links_open, confirm) = (
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(false),
    );
    let copied = RwSignal::new(None::<Copied>);
    let clone = ServerAction::<CloneAsset>::new();
    let delete = ServerAction::<DeleteAsset>::new();
    let id = asset.id;
    let (published, deletable) = (asset.publication.is_published(), asset.availability.may_be_deleted());
    go_on_after(clone, delete, confirm);
    let copy = Callback::new(move |kind: LinkKind| {
        menu.set(false);
        leptos::task::spawn_local(async move {
            let locale = location.locale.get_untracked().map(|locale| locale.to_string());
            let links = copy_links(id, locale).await;
            if let (Ok(links), Some(window)) = (&links, web_sys::window()) {
                let _ = window.navigator().clipboard().write_text(kind.of(links).1);
            }
            copied.set(Some((kind, links)));
            links_open.set(true);
        });
    });
    let name = asset.name.clone();
    let download = super::for_locale(paths::download(id), location.locale.get_untracked().as_ref());
    let menu_button = NodeRef::<leptos::html::Button>::new();
    // Escape closes the open menu and gives the focus back to its button.
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" && menu.get_untracked() {
            event.prevent_default();
            menu.set(false);
            if let Some(button) = menu_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <div class="actions" on:keydown=on_keydown>
            <button
                node_ref=menu_button
                type="button"
                class="quiet menu-button"
                aria-label="Asset actions"
                aria-haspopup="menu"
                aria-expanded=move || menu.get().to_string()
                on:click=move |_| menu.update(|open| *open = !*open)
            >
                "⋯"
            </button>
            <Show when=move || menu.get()>
                <MenuItems id can_manage published deletable download=download.clone() menu add_version preview confirm clone copy />
            </Show>
            {move || clone.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
            <Modal open=preview title=format!("Preview of {name}")>
                <Preview asset=asset.clone() />
            </Modal>
            <Modal open=links_open title="Link copied".to_owned()>
                <CopiedLink copied />
            </Modal>
            <Modal open=confirm title="Delete asset".to_owned()>
                <ConfirmDelete name=name.clone() confirm delete id />
            </Modal>
        </div>
    }
}

/// The menu's items: what the role allows, enabled as the asset's state permits.
#[allow(
    clippy::too_many_arguments,
    reason = "a component's properties, named where it is used"
)]
#[component]
fn MenuItems(
    id: AssetId,
    can_manage: bool,
    published: bool,
    deletable: bool,
    download: String,
    menu: RwSignal<bool>,
    add_version: RwSignal<bool>,
    preview: RwSignal<bool>,
    confirm: RwSignal<bool>,
    clone: ServerAction<CloneAsset>,
    copy: Callback<LinkKind>,
) -> impl IntoView {
    let choose = move |open: RwSignal<bool>| {
        move |_| {
            menu.set(false);
            open.set(true);
        }
    };
    view! {
        <div class="menu" role="menu" aria-label="Asset actions">
            {can_manage.then(|| view! {
                <button type="button" role="menuitem" on:click=choose(add_version)>"Add version"</button>
            })}
            <button type="button" role="menuitem" on:click=choose(preview)>"Preview"</button>
            <a role="menuitem" href=download.clone() download="" on:click=move |_| menu.set(false)>
                "Download"
            </a>
            {can_manage.then(|| view! {
                <button
                    type="button"
                    role="menuitem"
                    on:click=move |_| {
                        menu.set(false);
                        clone.dispatch(CloneAsset { asset_id: id });
                    }
                >
                    "Clone"
                </button>
            })}
            <button type="button" role="menuitem" disabled=!published on:click=move |_| copy.run(LinkKind::Public)>
                "Copy public link"
            </button>
            <button type="button" role="menuitem" disabled=!published on:click=move |_| copy.run(LinkKind::Static)>
                "Copy static link"
            </button>
            {(!published).then(|| view! { <p class="menu-note">"Links work once the asset is published."</p> })}
            {can_manage.then(|| view! {
                <button type="button" role="menuitem" class="danger" disabled=!deletable on:click=choose(confirm)>
                    "Delete"
                </button>
                {(!deletable).then(|| view! {
                    <p class="menu-note">"Public assets cannot be deleted: make it Internal or Automatic first."</p>
                })}
            })}
        </div>
    }
}

/// After a clone, the copy opens; after a deletion, the grid shows without the asset.
fn go_on_after(clone: ServerAction<CloneAsset>, delete: ServerAction<DeleteAsset>, confirm: RwSignal<bool>) {
    let location = expect_context::<AssetsLocation>();
    let changes = expect_context::<Changes>();
    let navigate = use_navigate();
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            if let Some(Ok(copy)) = clone.value().get() {
                changes.assets_changed();
                navigate(
                    &location.href(&location.current_untracked(), Some((copy.id, Tab::Details))),
                    Default::default(),
                );
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            confirm.set(false);
            changes.assets_changed();
            navigate(&location.href(&location.current_untracked(), None), Default::default());
        }
    });
}

/// What "Copy … link" copied, to select by hand when the clipboard was not to be had.
#[component]
fn CopiedLink(copied: RwSignal<Option<Copied>>) -> impl IntoView {
    move || {
        copied.get().map(|(kind, links)| match links {
            Ok(links) => {
                let (label, url) = kind.of(&links);
                let url = url.to_owned();
                Either::Left(view! {
                    <p role="status">"Copied to the clipboard. You can also select it here:"</p>
                    <label class="link-field">
                        {label}
                        <input readonly value=url.clone() on:focus=|event| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        } />
                    </label>
                })
            }
            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
        })
    }
}

/// Delete's question, and why the server refused, if it did.
#[component]
fn ConfirmDelete(
    name: String,
    confirm: RwSignal<bool>,
    delete: ServerAction<DeleteAsset>,
    id: AssetId,
) -> impl IntoView {
    let question =
        format!("Delete \u{201c}{name}\u{201d}? The asset and all its versions are removed; this cannot be undone.");
    view! {
        <p>{question}</p>
        {move || delete.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        <div class="modal-actions">
            <button type="button" class="quiet" on:click=move |_| confirm.set(false)>"Cancel"</button>
            <button type="button" class="danger" on:click=move |_| { delete.dispatch(DeleteAsset { asset_id: id }); }>
                "Delete"
            </button>
        </div>
    }
}
