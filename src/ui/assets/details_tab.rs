use crate::domain::paths;
use leptos::{either::Either, prelude::*};

use super::locale_choice::LocaleChoice;
use crate::api::assets::UpdateAsset;
use crate::domain::{Asset, AssetChanges, Availability, Locale};
use crate::ui::{
    error_message::action_outcome,
    format::{date_time, file_size},
    raw_text::textarea_text,
};

/// The Details tab: what the asset is, editable by managers, read-only for everyone else.
#[component]
pub fn DetailsTab(
    asset: Asset,
    locales: Vec<Locale>,
    can_manage: bool,
    update: ServerAction<UpdateAsset>,
) -> impl IntoView {
    let download = super::for_locale(paths::download(asset.id), asset.current.locale.as_ref());
    let localizable = asset.localizable;
    view! {
        <section class="details-tab" aria-label="Details">
            {if can_manage {
                Either::Left(view! { <EditForm asset=asset.clone() update /> })
            } else {
                Either::Right(view! { <ReadOnly asset=asset.clone() /> })
            }}
            {localizable.then(|| view! { <LocaleChoice asset=asset.clone() locales /> })}
            <FileFacts asset />
            <a class="button" href=download download="">"Download"</a>
        </section>
    }
}

#[component]
fn EditForm(asset: Asset, update: ServerAction<UpdateAsset>) -> impl IntoView {
    let labels = RwSignal::new(asset.labels.join(", "));
    let chips = move || crate::domain::parse_labels(&labels.get()).unwrap_or_default();
    view! {
        <ActionForm action=update attr:class="edit-asset">
            <input type="hidden" name="asset_id" value=asset.id.0.to_string() />
            <input type="hidden" name="revision" value=asset.revision.to_string() />
            <label>
                "Asset name"
                <input name="name" required maxlength=AssetChanges::MAX_NAME_CHARS value=asset.name.clone() />
            </label>
            <label>
                "Description"
                <textarea name="description" rows="3" maxlength=AssetChanges::MAX_DESCRIPTION_CHARS>
                    {textarea_text(&asset.description)}
                </textarea>
            </label>
            <label>
                "Asset labels"
                <input
                    name="labels"
                    value=asset.labels.join(", ")
                    prop:value=labels
                    on:input=move |event| labels.set(event_target_value(&event))
                    placeholder="summer, red, hero shot"
                    aria-describedby="labels-hint"
                />
            </label>
            <p id="labels-hint" class="hint">"Separate labels with commas."</p>
            <ul class="chips" aria-label="Labels">
                <For each=chips key=|label| label.clone() let:label>
                    <li class="chip">
                        {label.clone()}
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label=format!("Remove label {label}")
                            on:click={
                                let label = label.clone();
                                move |_| {
                                    let kept: Vec<String> = chips().into_iter().filter(|l| *l != label).collect();
                                    labels.set(kept.join(", "));
                                }
                            }
                        >
                            "×"
                        </button>
                    </li>
                </For>
            </ul>
            <fieldset class="availability">
                <legend>"Availability"</legend>
                {Availability::ALL
                    .into_iter()
                    .map(|availability| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="availability"
                                    value=availability.code()
                                    checked=availability == asset.availability
                                />
                                {availability.to_string()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <label class="choice localizable">
                <input type="checkbox" name="localizable" value="on" checked=asset.localizable />
                "Localizable: one file per locale besides the main file"
            </label>
            <button type="submit">"Save"</button>
            {action_outcome(update.value(), |saved: &Asset| format!("Saved \u{201c}{}\u{201d}.", saved.name))}
        </ActionForm>
    }
}

#[component]
fn ReadOnly(asset: Asset) -> impl IntoView {
    let labels = if asset.labels.is_empty() {
        "None".to_owned()
    } else {
        asset.labels.join(", ")
    };
    let description = if asset.description.is_empty() {
        "None".to_owned()
    } else {
        asset.description.clone()
    };
    view! {
        <dl class="facts">
            <dt>"Asset name"</dt>
            <dd>{asset.name}</dd>
            <dt>"Description"</dt>
            <dd>{description}</dd>
            <dt>"Asset labels"</dt>
            <dd>{labels}</dd>
            <dt>"Availability"</dt>
            <dd>{asset.availability.to_string()}</dd>
            <dt>"Localizable"</dt>
            <dd>{if asset.localizable { "Yes" } else { "No" }}</dd>
        </dl>
    }
}

/// What the current file is and where it came from; nobody edits these.
#[component]
fn FileFacts(asset: Asset) -> impl IntoView {
    let current = asset.current;
    let publication = asset.publication.to_string();
    let dimensions = current
        .dimensions
        .map_or_else(|| "—".to_owned(), |d| format!("{} × {} px", d.width, d.height));
    view! {
        <dl class="facts">
            <dt>"Publication"</dt>
            <dd>{publication}</dd>
            <dt>"File name"</dt>
            <dd>{current.file_name.to_string()}</dd>
            <dt>"File type"</dt>
            <dd>{current.file_type.to_string()}</dd>
            <dt>"File size"</dt>
            <dd>{file_size(current.size)}</dd>
            <dt>"Dimensions"</dt>
            <dd>{dimensions}</dd>
            <dt>"Added date"</dt>
            <dd>{date_time(asset.added_at)}</dd>
            <dt>"Added by"</dt>
            <dd>{asset.added_by}</dd>
            {asset.localizable.then(|| {
                let locales = if asset.locale_files.is_empty() {
                    "None yet".to_owned()
                } else {
                    asset.locale_files.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                };
                view! {
                    <dt>"Locale files"</dt>
                    <dd>{locales}</dd>
                }
            })}
        </dl>
    }
}
