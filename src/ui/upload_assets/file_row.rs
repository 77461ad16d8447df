use leptos::prelude::*;

use super::batch::{Batch, Progress, Row};
use crate::api::uploads::remove_uploads;
use crate::domain::AppError;
use crate::ui::format::{breakable, file_size};

/// One file of the list: its name, size, the code and locale its name gives, what will happen to
/// it (or its error, in red), its progress, and X to take it off the list whatever its state.
#[component]
pub fn FileRow(row: Row, batch: Batch, problem: RwSignal<Option<AppError>>) -> impl IntoView {
    let key = row.key;
    let error = Memo::new(move |_| batch.errors.read().get(&key).cloned());
    let plan = row.plan;
    let code = move || plan.read().as_ref().map(|plan| plan.code.clone()).unwrap_or_default();
    let locale = move || {
        plan.read()
            .as_ref()
            .and_then(|plan| plan.locale.as_ref().map(ToString::to_string))
            .unwrap_or_else(|| "\u{2014}".to_owned())
    };
    let what = move || match (error.get(), plan.read().as_ref()) {
        (Some(error), _) => error,
        (None, Some(plan)) => plan.placement.as_ref().map(ToString::to_string).unwrap_or_default(),
        (None, None) => "Checking\u{2026}".to_owned(),
    };
    let (sent, progress, size) = (row.sent, row.progress, row.size);
    let status = move || match progress.get() {
        _ if error.get().is_some() => "Not sent".to_owned(),
        Progress::Waiting => "Ready".to_owned(),
        Progress::Sending => format!("{} of {}", file_size(sent.get()), file_size(size)),
        Progress::Uploaded => "Uploaded".to_owned(),
        Progress::NeedsFile => format!(
            "{} of {} on the server: add the file again to go on",
            file_size(sent.get()),
            file_size(size)
        ),
        Progress::Failed(reason) => reason,
    };
    let upload = row.upload;
    let remove = move |_| {
        batch.remove(&[key]);
        if let Some(upload) = upload.get_untracked() {
            leptos::task::spawn_local(async move {
                if let Err(error) = remove_uploads(vec![upload.id.0]).await {
                    problem.set(Some(error));
                }
            });
        }
    };
    let name = row.name.clone();
    view! {
        <tr class="upload-file" class:has-error=move || error.get().is_some()>
            <th scope="row" class="file-name">{breakable(&row.name)}</th>
            <td class="size">{file_size(size)}</td>
            <td class="code">{move || breakable(&code())}</td>
            <td>{locale}</td>
            <td class="what">{what}</td>
            <td class="status">
                <progress
                    max=size.max(1).to_string()
                    value=move || sent.get().to_string()
                    aria-label=format!("Upload of {name}")
                ></progress>
                <span>{status}</span>
            </td>
            <td>
                <button type="button" class="quiet remove-file" aria-label=format!("Remove {}", row.name) on:click=remove>
                    "\u{d7}"
                </button>
            </td>
        </tr>
    }
}
