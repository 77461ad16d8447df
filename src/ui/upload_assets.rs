//! The Upload assets page (`/assets/upload`): drop many files (folders too), see for each what its
//! name makes of it before a byte is sent, send them four at a time through the resumable upload
//! protocol, then import them as a job and read the report.

mod batch;
mod drop_zone;
mod file_row;
mod import_report;

use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use super::ErrorMessage;
use crate::api::assets::upload_limit;
use crate::api::uploads::{import_uploads, my_uploads, plan_uploads, remove_uploads};
use crate::domain::{AppError, Permission, User};
use batch::{Batch, Progress, Row};
use drop_zone::DropZone;
use file_row::FileRow;
use import_report::ImportReport;

#[component]
pub fn UploadAssetsPage() -> impl IntoView {
    let can_manage = use_context::<User>().is_some_and(|user| user.role.can(Permission::Manage));
    if !can_manage {
        let error = AppError::Forbidden {
            action: "upload assets".into(),
        };
        return Either::Left(view! { <main class="upload-page"><ErrorMessage error /></main> });
    }
    let batch = Batch::new();
    let query = use_query_map();
    let import = Memo::new(move |_| query.read().get("import").and_then(|id| id.parse::<i64>().ok()));
    let problem = RwSignal::new(None::<AppError>);
    // The list survives a reload: the server keeps the uploads, this page their files.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            match upload_limit().await {
                Ok(limit) => batch.limit.set(Some(limit)),
                Err(error) => problem.set(Some(error)),
            }
            match my_uploads().await {
                Ok(uploads) => plan(batch.restore(uploads), problem).await,
                Err(error) => problem.set(Some(error)),
            }
        });
    });
    let on_files = move |files: Vec<gloo_file::File>| {
        let added = batch.add(files);
        leptos::task::spawn_local(plan(added, problem));
    };
    Either::Right(view! {
        <main class="upload-page">
            <header class="page-header">
                <leptos_meta::Title text="Upload assets \u{b7} damson" />
                <h1>"Upload assets"</h1>
                <a href=paths::ASSETS>"Back to the assets"</a>
            </header>
            {move || import.get().map(|id| view! { <ImportReport id /> })}
            <DropZone on_files />
            {move || problem.get().map(|error| view! { <ErrorMessage error /> })}
            <Show when=move || { batch.left_out.get() > 0 }>
                <p class="notice" role="status">
                    {move || format!(
                        "A batch takes 1,000 files: only the first were taken, {} were left out.",
                        batch.left_out.get()
                    )}
                </p>
            </Show>
            <Show when=move || !batch.rows.read().is_empty()>
                <UploadList batch problem />
            </Show>
        </main>
    })
}

/// Asks the server what each row's name makes of its file.
async fn plan(rows: Vec<Row>, problem: RwSignal<Option<AppError>>) {
    if rows.is_empty() {
        return;
    }
    let names: Vec<String> = rows.iter().map(|row| row.name.clone()).collect();
    match plan_uploads(names).await {
        Ok(plans) => {
            for (row, plan) in rows.iter().zip(plans) {
                row.plan.set(Some(plan));
            }
        }
        Err(error) => problem.set(Some(error)),
    }
}

/// The files of the batch, what is ready, and the buttons that send, import and clear them.
#[component]
fn UploadList(batch: Batch, problem: RwSignal<Option<AppError>>) -> impl IntoView {
    let navigate = use_navigate();
    let importing = RwSignal::new(false);
    let start_import = move |_| {
        let uploads = batch.importable();
        let navigate = navigate.clone();
        importing.set(true);
        leptos::task::spawn_local(async move {
            let ids: Vec<String> = uploads.iter().map(|upload| upload.id.0.clone()).collect();
            match import_uploads(ids).await {
                Ok(id) => {
                    let keys: Vec<u64> = batch.rows.with_untracked(|rows| {
                        rows.iter()
                            .filter(|row| {
                                row.upload
                                    .with_untracked(|upload| upload.as_ref().is_some_and(|u| uploads.contains(u)))
                            })
                            .map(|row| row.key)
                            .collect()
                    });
                    batch.remove(&keys);
                    navigate(&paths::upload_import(id), Default::default());
                }
                Err(error) => problem.set(Some(error)),
            }
            importing.set(false);
        });
    };
    let remove_all = move |_| {
        let (keys, ids): (Vec<u64>, Vec<String>) = batch.rows.with_untracked(|rows| {
            rows.iter()
                .map(|row| (row.key, row.upload.get_untracked().map(|upload| upload.id.0)))
                .map(|(key, id)| (key, id.unwrap_or_default()))
                .unzip()
        });
        batch.remove(&keys);
        let ids: Vec<String> = ids.into_iter().filter(|id| !id.is_empty()).collect();
        leptos::task::spawn_local(async move {
            if let Err(error) = remove_uploads(ids).await {
                problem.set(Some(error));
            }
        });
    };
    let sending = move || {
        batch
            .rows
            .read()
            .iter()
            .any(|row| row.progress.get() == Progress::Sending)
    };
    view! {
        <section class="upload-list" aria-labelledby="upload-list-heading">
            <div class="upload-list-header">
                <h2 id="upload-list-heading">
                    <span role="status">
                        {move || {
                            let (ready, errors) = batch.tally();
                            format!("{ready} {} ready, {errors} with errors", if ready == 1 { "file" } else { "files" })
                        }}
                    </span>
                </h2>
                <div class="upload-actions">
                    <button
                        type="button"
                        disabled=move || batch.sendable().is_empty()
                        on:click=move |_| batch.send(batch.sendable())
                    >
                        "Upload assets"
                    </button>
                    <button
                        type="button"
                        disabled=move || importing.get() || sending() || batch.importable().is_empty()
                        on:click=start_import.clone()
                    >
                        "Import"
                    </button>
                    <button type="button" class="quiet" on:click=remove_all>
                        "Remove all files"
                    </button>
                </div>
            </div>
            <FileTable batch problem />
        </section>
    }
}

/// One row per file: its name, size, the code and locale its name gives, what will happen, and
/// how far it is.
#[component]
fn FileTable(batch: Batch, problem: RwSignal<Option<AppError>>) -> impl IntoView {
    view! {
        <table class="upload-files">
            <thead>
                <tr>
                    <th scope="col">"File"</th>
                    <th scope="col">"Size"</th>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Locale"</th>
                    <th scope="col">"What will happen"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || batch.rows.get() key=|row| row.key let:row>
                    <FileRow row batch problem />
                </For>
            </tbody>
        </table>
    }
}
