//! Importing a CSV file: the file is sent as the request body (the browser streams it from disk)
//! and the server imports it as it arrives, so the upload's progress bar is the import's. The
//! report follows: created, updated, unchanged, and every refused row with its line and reason.

use crate::domain::paths;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::File;

use super::xhr::{Body, request};
use crate::domain::{CsvImportKind, ImportReport};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Importing {
    Idle,
    Sending { sent: u64, size: u64 },
    Done(ImportReport),
    Failed(String),
}

/// "Import products (CSV)" or categories; `imported` is bumped after each import so the page
/// shows what came in.
#[component]
pub fn CsvImport(kind: CsvImportKind, columns: &'static str, imported: RwSignal<u32>) -> impl IntoView {
    let what = kind.noun();
    let state = RwSignal::new(Importing::Idle);
    let input_id = format!("import-{what}");
    let hint_id = format!("import-{what}-columns");
    let on_pick = move |event: web_sys::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            send(kind, file, state, imported);
        }
        input.set_value("");
    };
    view! {
        <section class="card csv-import" aria-label=format!("Import {what}")>
            <div class="field">
                <label for=input_id.clone()>{format!("Import {what} (CSV)")}</label>
                <input id=input_id type="file" accept=".csv,text/csv" aria-describedby=hint_id.clone() on:change=on_pick />
            </div>
            <p class="hint" id=hint_id>{format!("The first line names the columns: {columns}. Rows are added or updated by number.")}</p>
            {move || match state.get() {
                Importing::Idle => ().into_any(),
                Importing::Sending { sent, size } => view! {
                    <label class="import-progress">
                        "Importing…"
                        <progress max=size.to_string() value=sent.to_string()></progress>
                    </label>
                }
                .into_any(),
                Importing::Done(report) => view! { <Report report /> }.into_any(),
                Importing::Failed(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    view! {
        <div class="import-report" role="status">
            <p class="notice">{report.summary()}</p>
            {report.stopped.map(|why| view! { <p class="error">{why}</p> })}
            {(!report.refused.is_empty()).then(|| view! {
                <table class="refused-rows">
                    <caption>"Refused rows (nothing of them was kept)"</caption>
                    <thead><tr><th scope="col">"Line"</th><th scope="col">"Reason"</th></tr></thead>
                    <tbody>
                        {report
                            .refused
                            .into_iter()
                            .map(|row| view! { <tr><td>{row.line}</td><td>{row.reason}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
            })}
        </div>
    }
}

fn send(kind: CsvImportKind, file: File, state: RwSignal<Importing>, imported: RwSignal<u32>) {
    let size = file.size() as u64;
    state.set(Importing::Sending { sent: 0, size });
    let on_progress = move |sent: f64| {
        state.set(Importing::Sending {
            sent: sent as u64,
            size,
        })
    };
    leptos::task::spawn_local(async move {
        let body = Body::Blob(&file, Some("text/csv"));
        match request::<ImportReport>("POST", paths::csv_import(kind), Some(body), Some(Box::new(on_progress))).await {
            Ok(report) => {
                state.set(Importing::Done(report));
                imported.update(|n| *n += 1);
            }
            Err(trouble) => state.set(Importing::Failed(trouble.message())),
        }
    });
}
