use crate::domain::paths;
use leptos::{either::Either, prelude::*};

use crate::api::uploads::{RetryFailedUploads, upload_import_report};
use crate::domain::{ImportOutcome, UploadImport};
use crate::ui::ErrorMessage;

/// An import's progress, then its report: how many files became what, every error and every
/// skipped file with its reason, Retry failed, and the report as CSV.
#[component]
pub fn ImportReport(id: i64) -> impl IntoView {
    let retry = ServerAction::<RetryFailedUploads>::new();
    let tick = RwSignal::new(0u32);
    let report = Resource::new(
        move || (tick.get(), retry.version().get()),
        move |_| upload_import_report(id),
    );
    // While the job runs, look again every second.
    Effect::new(move |_| {
        if let Some(Ok(report)) = report.get()
            && !report.finished
        {
            leptos::task::spawn_local(async move {
                crate::ui::resumable::pause(1000).await;
                tick.update(|n| *n += 1);
            });
        }
    });
    view! {
        <section class="import-report" aria-labelledby="import-report-heading">
            <Transition fallback=|| view! { <p class="loading">"Loading the import\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(report) => Either::Left(view! { <Report report retry /> }),
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Report(report: UploadImport, retry: ServerAction<RetryFailedUploads>) -> impl IntoView {
    let total = report.files.len();
    let id = report.id;
    let (failed, done, finished) = (report.count(ImportOutcome::Failed), report.done(), report.finished);
    let heading = if report.finished {
        "Import report".to_owned()
    } else {
        format!("Importing\u{2026} {} of {total} files", report.done())
    };
    let counts = ImportOutcome::COUNTED.map(|outcome| {
        view! { <div><dt>{outcome.counted()}</dt><dd>{report.count(outcome)}</dd></div> }
    });
    let explained: Vec<_> = report
        .files
        .iter()
        .filter_map(|file| {
            let imported = file.imported.as_ref()?;
            matches!(imported.outcome, ImportOutcome::Failed | ImportOutcome::Skipped).then(|| {
                let class = if imported.outcome == ImportOutcome::Failed {
                    "error"
                } else {
                    "skipped"
                };
                view! {
                    <li class=class>
                        <strong>{file.file_name.clone()}</strong>
                        ": "
                        {imported.detail.clone()}
                    </li>
                }
            })
        })
        .collect();
    view! {
        <h2 id="import-report-heading"><span role="status">{heading}</span></h2>
        {(!finished).then(|| view! {
            <progress max=total.to_string() value=done.to_string() aria-label="Import progress"></progress>
        })}
        <dl class="import-counts">{counts}</dl>
        {(!explained.is_empty()).then(|| view! { <ul class="import-problems">{explained}</ul> })}
        <div class="report-actions">
            {(finished && failed > 0).then(|| view! {
                <ActionForm action=retry>
                    <input type="hidden" name="import_id" value=id />
                    <button type="submit">"Retry failed"</button>
                </ActionForm>
            })}
            <a class="button quiet" href=paths::upload_report(id) download="">
                "Download the report (CSV)"
            </a>
        </div>
        {move || retry.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
    }
}
