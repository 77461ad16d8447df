//! The files of the Upload assets page: each row's file, what its name says it will become,
//! and how far it got. Rows come from files added in this page, and from the server's list of the
//! user's uploads, so that the list survives a reload; a file added again after a reload goes on
//! from the bytes the server has.

use gloo_file::File;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::collections::HashMap;

use crate::api::uploads::remove_uploads;
use crate::domain::{AppError, FilePlan, MAX_BATCH_FILES, Placement, Upload, UploadId, clash_message, clashes};
use crate::ui::resumable as protocol;

/// Files sent at once.
const AT_ONCE: usize = 4;

/// Where a row's file stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Not sent: waiting for Upload assets.
    Waiting,
    /// Queued behind others, or on its way.
    Sending,
    /// Every byte is on the server.
    Uploaded,
    /// Part of it is on the server, but this page has not the file: add it again to go on.
    NeedsFile,
    /// The server refused it, or the connection was lost for good.
    Failed(String),
}

/// One file of the list.
#[derive(Clone)]
pub struct Row {
    pub key: u64,
    pub name: String,
    pub size: u64,
    /// The file itself, when it was added in this page.
    pub file: RwSignal<Option<SendWrapper<File>>>,
    /// What its name says, once the server has looked.
    pub plan: RwSignal<Option<FilePlan>>,
    /// The upload on the server, once there is one.
    pub upload: RwSignal<Option<Upload>>,
    /// Bytes the server has.
    pub sent: RwSignal<u64>,
    pub progress: RwSignal<Progress>,
    /// Taken off the list: a sending file stops after its chunk.
    pub removed: RwSignal<bool>,
}

impl Row {
    fn new(key: u64, name: String, size: u64) -> Self {
        Row {
            key,
            name,
            size,
            file: RwSignal::new(None),
            plan: RwSignal::new(None),
            upload: RwSignal::new(None),
            sent: RwSignal::new(0),
            progress: RwSignal::new(Progress::Waiting),
            removed: RwSignal::new(false),
        }
    }

    /// Sends the row's file, from the bytes the server has of it, if any.
    async fn send(self) {
        let Some(file) = self.file.get_untracked().map(|file| File::clone(&file)) else {
            return;
        };
        let known = self.upload.get_untracked();
        let upload = match &known {
            Some(upload) => protocol::current(&upload.id).await,
            None => protocol::create(&file).await,
        };
        let upload = match upload {
            Ok(upload) => upload,
            Err(trouble) => return self.progress.set(Progress::Failed(trouble.message())),
        };
        self.upload.set(Some(upload.clone()));
        let (sent, removed) = (self.sent, self.removed);
        sent.set(upload.received);
        let id = upload.id.clone();
        let outcome = protocol::send_rest(
            &file,
            upload,
            move |bytes| sent.set(bytes),
            move || removed.get_untracked(),
        )
        .await;
        if removed.get_untracked() {
            // Taken off the list while it was on its way: the server forgets it too.
            let _ = remove_uploads(vec![id.0]).await;
            return;
        }
        match outcome {
            Ok(upload) => {
                self.upload.set(Some(upload));
                self.progress.set(Progress::Uploaded);
            }
            Err(message) => self.progress.set(Progress::Failed(message)),
        }
    }

    /// Whether this row is an upload the server has part of, waiting for this file again.
    fn needs(&self, name: &str, size: u64) -> bool {
        self.name == name && self.size == size && self.progress.get_untracked() == Progress::NeedsFile
    }

    /// A row for an upload the server has, from before a reload.
    pub fn of_upload(key: u64, upload: Upload) -> Self {
        let row = Row::new(key, upload.file_name.clone(), upload.size);
        row.sent.set(upload.received);
        row.progress.set(if upload.is_complete() {
            Progress::Uploaded
        } else {
            Progress::NeedsFile
        });
        row.upload.set(Some(upload));
        row
    }
}

/// The list, and what is worked out of it for every row at once.
#[derive(Clone, Copy)]
pub struct Batch {
    pub rows: RwSignal<Vec<Row>>,
    next_key: StoredValue<u64>,
    /// The server's upload limit in bytes, once known.
    pub limit: RwSignal<Option<u64>>,
    /// What the last files added left out, past the 1,000 a batch takes.
    pub left_out: RwSignal<usize>,
    /// Each row's error, by key: its name, its size, or another file for the same target.
    pub errors: Memo<HashMap<u64, String>>,
}

impl Batch {
    pub fn new() -> Self {
        let rows: RwSignal<Vec<Row>> = RwSignal::new(Vec::new());
        let limit = RwSignal::new(None);
        let errors = Memo::new(move |_| errors_of(&rows.read(), limit.get()));
        Batch {
            rows,
            next_key: StoredValue::new(0),
            limit,
            left_out: RwSignal::new(0),
            errors,
        }
    }

    fn key(self) -> u64 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    /// Lists the server's uploads of the user, after a reload, before the files added while the
    /// page asked for them: an upload a row holds already is not listed twice, and a file added
    /// again goes back to its upload's row. The rows restored, for their names to be checked.
    pub fn restore(self, uploads: Vec<Upload>) -> Vec<Row> {
        let mut meanwhile = self.rows.get_untracked();
        let held: Vec<UploadId> = meanwhile
            .iter()
            .filter_map(|row| {
                row.upload
                    .with_untracked(|upload| upload.as_ref().map(|u| u.id.clone()))
            })
            .collect();
        let restored: Vec<Row> = uploads
            .into_iter()
            .filter(|upload| !held.contains(&upload.id))
            .map(|upload| Row::of_upload(self.key(), upload))
            .collect();
        for row in &restored {
            let again = meanwhile.iter().position(|added| {
                added.progress.get_untracked() == Progress::Waiting
                    && added.upload.with_untracked(Option::is_none)
                    && row.needs(&added.name, added.size)
            });
            if let Some(at) = again {
                row.file.set(meanwhile.remove(at).file.get_untracked());
                row.progress.set(Progress::Waiting);
            }
        }
        self.rows.set(restored.iter().cloned().chain(meanwhile).collect());
        restored
    }

    /// Adds files, up to 1,000 in the list; a file the list has without its bytes (same name and
    /// size) goes back to its row. The rows that are new, for their names to be checked.
    pub fn add(self, files: Vec<File>) -> Vec<Row> {
        let mut added = Vec::new();
        let mut left_out = 0;
        for file in files {
            let waiting = self
                .rows
                .with_untracked(|rows| rows.iter().find(|row| row.needs(&file.name(), file.size())).cloned());
            if let Some(row) = waiting {
                row.file.set(Some(SendWrapper::new(file)));
                row.progress.set(Progress::Waiting);
                continue;
            }
            if self.rows.with_untracked(Vec::len) >= MAX_BATCH_FILES {
                left_out += 1;
                continue;
            }
            let row = Row::new(self.key(), file.name(), file.size());
            row.file.set(Some(SendWrapper::new(file)));
            self.rows.update(|rows| rows.push(row.clone()));
            added.push(row);
        }
        self.left_out.set(left_out);
        added
    }

    /// Takes rows off the list; their uploads stop.
    pub fn remove(self, keys: &[u64]) {
        self.rows.update(|rows| {
            rows.retain(|row| {
                let gone = keys.contains(&row.key);
                if gone {
                    row.removed.set(true);
                }
                !gone
            });
        });
    }

    /// Rows whose file can be sent now: no error, the file at hand, not sent yet.
    pub fn sendable(self) -> Vec<Row> {
        let errors = self.errors.get();
        self.rows.with(|rows| {
            rows.iter()
                .filter(|row| !errors.contains_key(&row.key) && row.file.with(Option::is_some))
                .filter(|row| matches!(row.progress.get(), Progress::Waiting | Progress::Failed(_)))
                .cloned()
                .collect()
        })
    }

    /// The uploads ready to import: every byte in, no error.
    pub fn importable(self) -> Vec<Upload> {
        let errors = self.errors.get();
        self.rows.with(|rows| {
            rows.iter()
                .filter(|row| !errors.contains_key(&row.key) && row.progress.get() == Progress::Uploaded)
                .filter_map(|row| row.upload.get())
                .collect()
        })
    }

    /// How many files may go, and how many have errors.
    pub fn tally(self) -> (usize, usize) {
        let errors = self.errors.read().len();
        (self.rows.read().len() - errors, errors)
    }

    /// Sends `rows` through the protocol, `AT_ONCE` at a time.
    pub fn send(self, rows: Vec<Row>) {
        for row in &rows {
            row.progress.set(Progress::Sending);
        }
        let queue = StoredValue::new(rows);
        for _ in 0..AT_ONCE {
            leptos::task::spawn_local(async move {
                while let Some(row) = queue
                    .try_update_value(|rows| (!rows.is_empty()).then(|| rows.remove(0)))
                    .flatten()
                {
                    row.send().await;
                }
            });
        }
    }
}

/// Each row's error: a name that places the file nowhere, a file over the limit, or two files for
/// the same code and locale (an error on both).
fn errors_of(rows: &[Row], limit: Option<u64>) -> HashMap<u64, String> {
    let plans: Vec<Option<FilePlan>> = rows.iter().map(|row| row.plan.get()).collect();
    let batch: Vec<(&str, Option<&Placement>)> = rows
        .iter()
        .zip(&plans)
        .map(|(row, plan)| {
            (
                row.name.as_str(),
                plan.as_ref().and_then(|plan| plan.placement.as_ref().ok()),
            )
        })
        .collect();
    let mut errors = HashMap::new();
    for ((row, plan), others) in rows.iter().zip(&plans).zip(clashes(&batch)) {
        let error = match (plan.as_ref().map(|plan| &plan.placement), limit) {
            (_, Some(limit)) if row.size > limit => {
                Some(AppError::file_too_large(&row.name, Some(row.size), limit).to_string())
            }
            (Some(Err(error)), _) => Some(error.to_string()),
            (Some(Ok(placement)), _) if !others.is_empty() => Some(clash_message(&row.name, placement, &others)),
            _ => None,
        };
        if let Some(error) = error {
            errors.insert(row.key, error);
        }
    }
    errors
}
