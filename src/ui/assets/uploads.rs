use leptos::prelude::*;

use super::upload::{UploadQueue, UploadState};
use crate::ui::format::file_size;

/// The files sent from this page: a progress bar each, then done or the reason it failed.
#[component]
pub fn Uploads(queue: UploadQueue) -> impl IntoView {
    let busy = move || {
        queue
            .items
            .read()
            .iter()
            .any(|item| item.state.get() == UploadState::Sending)
    };
    view! {
        <Show when=move || !queue.items.read().is_empty()>
            <section class="uploads" aria-label="Uploads">
                <ul>
                    <For each=move || queue.items.get() key=|item| item.key let:item>
                        <li class="upload" class:failed=move || matches!(item.state.get(), UploadState::Failed(_))>
                            <span class="upload-name">{item.name.clone()}</span>
                            <progress
                                max=item.size.max(1).to_string()
                                value=move || item.sent.get().to_string()
                                aria-label=format!("Upload of {}", item.name)
                            ></progress>
                            <span class="upload-status" role="status">
                                {move || match item.state.get() {
                                    UploadState::Sending => {
                                        format!("{} of {}", file_size(item.sent.get()), file_size(item.size))
                                    }
                                    UploadState::Done => "Done".to_owned(),
                                    UploadState::Failed(reason) => reason,
                                }}
                            </span>
                        </li>
                    </For>
                </ul>
                <button type="button" class="quiet" disabled=busy on:click=move |_| queue.items.set(Vec::new())>
                    "Clear list"
                </button>
            </section>
        </Show>
    }
}
