use leptos::prelude::*;

use super::{Changes, modal::Modal, upload::UploadQueue, uploads::Uploads};
use crate::api::assets::upload_limit;
use crate::domain::{AssetId, Locale};
use crate::ui::{file_drop::file_drop, format::file_size};

/// "Add new version of asset": pick a file or drop it on the marked area; it uploads with a
/// progress bar and becomes the current version: of the main file, or of the file for `locale`.
/// Ok closes the window.
#[component]
pub fn AddVersionDialog(asset_id: AssetId, locale: Option<Locale>, open: RwSignal<bool>) -> impl IntoView {
    let changes = expect_context::<Changes>();
    let title = match &locale {
        Some(locale) => format!("Add new version of the {locale} file"),
        None => "Add new version of asset".to_owned(),
    };
    let queue = UploadQueue::for_versions(asset_id, locale);
    let over = RwSignal::new(false);
    Effect::new(move |previous: Option<u32>| {
        let arrived = queue.arrived.get();
        if previous.is_some_and(|previous| previous != arrived) {
            changes.asset_changed(asset_id);
        }
        arrived
    });
    view! {
        <Modal open title>
            <div
                class="drop-area"
                {..file_drop(over, move |event| queue.send_dropped(&event))}
                class:over=over
            >
                <p>"Drop the new file here" <UploadLimit /> ", or"</p>
                <label class="button">
                    "Select file"
                    <input
                        type="file"
                        class="visually-hidden"
                        on:change=move |event| queue.send_picked(&event)
                    />
                </label>
            </div>
            <Uploads queue />
            <div class="modal-actions">
                <button type="button" on:click=move |_| open.set(false)>"Ok"</button>
            </div>
        </Modal>
    }
}

/// " (at most 64 MB)": the limit this server is configured with, asked for when the window opens.
#[component]
fn UploadLimit() -> impl IntoView {
    let limit = LocalResource::new(upload_limit);
    move || {
        limit
            .get()
            .and_then(Result::ok)
            .map(|bytes| format!(" (at most {})", file_size(bytes)))
    }
}
