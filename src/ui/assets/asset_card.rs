use leptos::prelude::*;

use super::{AssetsLocation, details_panel::Tab, selection::Selection};
use crate::domain::{AssetCard, AssetId, Availability, FileType, Thumbnail};

/// One asset in the grid: a checkbox for bulk actions, its picture (or its type's icon), name,
/// type, availability and whether it is published. `order` is the grid's cards, for a
/// Shift-click's range.
#[component]
pub fn AssetCardView(card: AssetCard, selected: Signal<bool>, order: Memo<Vec<AssetId>>) -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let selection = expect_context::<Selection>();
    let id = card.id;
    let tick_label = format!("Select {}", card.name);
    // A long name is cut on the card; the whole of it shows on hover.
    let full_name = card.name.clone();
    let href = move || location.href(&location.current(), Some((id, Tab::Details)));
    let availability = card.publication.availability();
    let badge = match availability {
        Availability::Public => "badge public",
        Availability::Automatic => "badge automatic",
        Availability::Internal => "badge internal",
    };
    let published = card.publication.is_published();
    view! {
        <li
            class="asset-card"
            class:selected=selected
            class:ticked=move || selection.is_selected(id)
            data-asset-id=card.id.0.to_string()
        >
            <input
                type="checkbox"
                class="tick"
                aria-label=tick_label
                prop:checked=move || selection.is_selected(id)
                on:click=move |event: web_sys::MouseEvent| {
                    let checked = event_target_checked(&event);
                    selection.click(id, checked, event.shift_key(), &order.read_untracked());
                }
            />
            <a href=href aria-current=move || selected.get().then_some("page")>
                <Picture thumbnail=card.thumbnail file_type=card.file_type />
                <span class="card-name" title=full_name>{card.name}</span>
                <span class="card-meta">
                    <span class="file-type">{card.file_type.to_string()}</span>
                    <span class=badge>{availability.to_string()}</span>
                </span>
                <span class="publication" class:published=published title=card.publication.to_string()>
                    {if published { "\u{2713} Published" } else { "Not published" }}
                </span>
            </a>
        </li>
    }
}

/// An asset's thumbnail, its placeholder while it is made, or its type's icon.
#[component]
pub fn Picture(thumbnail: Thumbnail, file_type: FileType) -> impl IntoView {
    match thumbnail {
        Thumbnail::Ready { url } => view! { <img class="thumbnail" src=url alt="" loading="lazy" /> }.into_any(),
        Thumbnail::Pending => view! {
            <span class="thumbnail placeholder" role="img" aria-label="Preview being made"></span>
        }
        .into_any(),
        Thumbnail::Unavailable { reason } => view! {
            <span class="thumbnail unavailable" title=reason>"Preview unavailable"</span>
        }
        .into_any(),
        Thumbnail::None => {
            let class = format!("thumbnail type-icon type-{}", file_type.code());
            let label = format!("{file_type} file");
            view! { <span class=class role="img" aria-label=label>{icon_text(file_type)}</span> }.into_any()
        }
    }
}

fn icon_text(file_type: FileType) -> &'static str {
    match file_type {
        FileType::Image => "IMG",
        FileType::Audio => "♪",
        FileType::Video => "▶",
        FileType::Document => "DOC",
        FileType::Text => "TXT",
        FileType::Other => "FILE",
    }
}
