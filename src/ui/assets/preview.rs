use crate::domain::paths;
use leptos::prelude::*;

use crate::domain::{Asset, FileType, Thumbnail};

/// A large view of the current version: the preview rendition for pictures, the browser's own
/// player or viewer for sound, video and PDF, and a plain sentence otherwise.
#[component]
pub fn Preview(asset: Asset) -> impl IntoView {
    let inline = paths::view_inline(asset.id);
    let name = asset.name.clone();
    match (asset.current.file_type, asset.preview) {
        (FileType::Image, Thumbnail::Ready { url }) => {
            view! { <img class="preview" src=url alt=format!("Preview of {name}") /> }.into_any()
        }
        (FileType::Image, Thumbnail::Pending) => {
            view! { <p class="hint">"The preview is being made; try again in a moment."</p> }.into_any()
        }
        (FileType::Image, Thumbnail::Unavailable { reason }) => {
            view! { <p class="error">{format!("Preview unavailable: {reason}")}</p> }.into_any()
        }
        (FileType::Audio, _) => view! { <audio class="preview" controls src=inline></audio> }.into_any(),
        (FileType::Video, _) => view! { <video class="preview" controls src=inline></video> }.into_any(),
        (_, _) if asset.current.mime == "application/pdf" => {
            view! { <iframe class="preview pdf" src=inline title=format!("Preview of {name}")></iframe> }.into_any()
        }
        _ => view! { <p class="hint">"There is no preview for this type of file; download it to open it."</p> }
            .into_any(),
    }
}
