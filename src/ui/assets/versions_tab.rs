use crate::domain::paths;
use leptos::prelude::*;

use super::locale_choice::LocaleChoice;
use crate::api::assets::RestoreVersion;
use crate::domain::{Asset, AssetId, AssetVersion, Locale};
use crate::ui::{
    error_message::action_outcome,
    format::{date_time, file_size},
};

/// An arrow down onto a line.
const DOWNLOAD_ICON: &str = "M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19.5h14";
/// An arrow turning back.
const RESTORE_ICON: &str = "M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4v4h4";

/// Every version, newest first, each downloadable; managers add versions and restore old ones.
#[component]
pub fn VersionsTab(
    asset: Asset,
    versions: Vec<AssetVersion>,
    locales: Vec<Locale>,
    can_manage: bool,
    add_version: RwSignal<bool>,
    restore: ServerAction<RestoreVersion>,
) -> impl IntoView {
    let id = asset.id;
    let current = asset.current.number;
    let locale = asset.current.locale.clone().map(|locale| locale.to_string());
    let localizable = asset.localizable;
    view! {
        <section class="versions-tab" aria-label="Versions">
            {localizable.then(|| view! { <LocaleChoice asset=asset.clone() locales /> })}
            {can_manage.then(|| view! {
                <button type="button" class="add-version" aria-label="Add new version" on:click=move |_| add_version.set(true)>
                    "+"
                </button>
            })}
            {action_outcome(restore.value(), |restored: &Asset| {
                format!("Restored as version {}.", restored.current.number)
            })}
            <ol class="versions">
                {versions
                    .into_iter()
                    .map(|version| {
                        let locale = locale.clone();
                        view! { <VersionRow version asset_id=id locale current can_manage restore /> }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn VersionRow(
    version: AssetVersion,
    asset_id: AssetId,
    /// The locale whose file the version is of; `None`: the main file.
    locale: Option<String>,
    current: u32,
    can_manage: bool,
    restore: ServerAction<RestoreVersion>,
) -> impl IntoView {
    let number = version.number;
    let is_current = number == current;
    let download = super::for_locale(paths::version_download(asset_id, number), locale.as_ref());
    let dimensions = version
        .dimensions
        .map_or_else(String::new, |d| format!(" · {} × {} px", d.width, d.height));
    view! {
        <li class="version" class:current=is_current aria-label=format!("Version {number}")>
            <div class="version-title">
                <strong>{format!("Version {number}")}</strong>
                {is_current.then(|| view! { <span class="badge public">"Current"</span> })}
            </div>
            <div class="version-file">{version.file_name.to_string()}</div>
            <div class="hint">
                {format!("{} · {}{dimensions}", version.file_type, file_size(version.size))}
            </div>
            <div class="hint">
                {format!("Added {} by {}", date_time(version.added_at), version.added_by)}
            </div>
            // Icons that show on hover and on focus (always on touch screens), each named for
            // those who do not see it.
            <div class="version-actions">
                <a
                    class="icon-button"
                    href=download
                    download=""
                    aria-label=format!("Download version {number}")
                    title=format!("Download version {number}")
                >
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d=DOWNLOAD_ICON /></svg>
                </a>
                {(can_manage && !is_current).then(|| view! {
                    <ActionForm action=restore attr:class="inline">
                        <input type="hidden" name="asset_id" value=asset_id.0.to_string() />
                        <input type="hidden" name="number" value=number.to_string() />
                        <input type="hidden" name="locale" value=locale.clone().unwrap_or_default() />
                        <button
                            type="submit"
                            class="icon-button"
                            aria-label=format!("Restore version {number}")
                            title=format!("Restore version {number} as a new version")
                        >
                            <svg viewBox="0 0 24 24" aria-hidden="true"><path d=RESTORE_ICON /></svg>
                        </button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}
