//! Sending files from the grid (its Upload button and drop) and from Add version: each file goes
//! through the resumable upload protocol (`ui::resumable`), then becomes a new asset or a new
//! version. Runs only once hydrated.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList};

use crate::api::assets::upload_limit;
use crate::api::uploads::remove_uploads;
use crate::domain::{AppError, AssetId, Locale};
use crate::ui::{resumable, xhr::Trouble};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadState {
    Sending,
    Done,
    Failed(String),
}

/// One file on its way, as the uploads list shows it.
#[derive(Clone)]
pub struct Upload {
    pub key: usize,
    pub name: String,
    pub size: u64,
    pub sent: RwSignal<u64>,
    pub state: RwSignal<UploadState>,
}

/// The files sent from this page, newest last.
#[derive(Clone, Copy)]
pub struct UploadQueue {
    pub items: RwSignal<Vec<Upload>>,
    /// Bumped after every file that arrived, so the grid shows it.
    pub arrived: RwSignal<u32>,
    /// `Some`: every file becomes a new version of this asset. `None`: the file name's code decides.
    asset: Option<AssetId>,
    /// With `asset`: the locale whose file gets the new versions; `None`: the main file.
    locale: StoredValue<Option<Locale>>,
}

impl UploadQueue {
    /// Files that become assets, or new versions of the assets their names' codes give; each
    /// arrival bumps `arrived`, the page's count of assets that came or went (`Changes::assets`),
    /// so the grid and every count show it.
    pub fn for_grid(arrived: RwSignal<u32>) -> Self {
        UploadQueue {
            items: RwSignal::new(Vec::new()),
            arrived,
            asset: None,
            locale: StoredValue::new(None),
        }
    }

    /// Files that become new versions of the asset's main file, or of its file for `locale`.
    pub fn for_versions(asset: AssetId, locale: Option<Locale>) -> Self {
        UploadQueue {
            items: RwSignal::new(Vec::new()),
            arrived: RwSignal::new(0),
            asset: Some(asset),
            locale: StoredValue::new(locale),
        }
    }

    /// Sends the files dropped on a drop area.
    pub fn send_dropped(self, event: &web_sys::DragEvent) {
        if let Some(files) = event.data_transfer().and_then(|data| data.files()) {
            self.send_all(&files);
        }
    }

    /// Sends the files chosen in a file picker, then empties it so the same file can be chosen again.
    pub fn send_picked(self, event: &web_sys::Event) {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            self.send_all(&files);
        }
        input.set_value("");
    }

    /// Sends every file, refusing unsent those over the server's limit, which is asked for now:
    /// files dropped before the page finished loading are never lost.
    fn send_all(self, files: &FileList) {
        let files: Vec<File> = (0..files.length()).filter_map(|index| files.get(index)).collect();
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match upload_limit().await {
                Ok(limit) => files.into_iter().for_each(|file| self.send(file, limit)),
                Err(error) => files.into_iter().for_each(|file| self.refuse(&file, error.to_string())),
            }
        });
    }

    fn refuse(self, file: &File, reason: String) {
        let upload = self.list(file);
        upload.state.set(UploadState::Failed(reason));
    }

    fn list(self, file: &File) -> Upload {
        let upload = Upload {
            key: self.items.with_untracked(Vec::len),
            name: file.name(),
            size: file.size() as u64,
            sent: RwSignal::new(0),
            state: RwSignal::new(UploadState::Sending),
        };
        self.items.update(|items| items.push(upload.clone()));
        upload
    }

    fn send(self, file: File, limit: u64) {
        let upload = self.list(&file);
        if upload.size > limit {
            let refusal = AppError::file_too_large(&upload.name, Some(upload.size), limit);
            upload
                .state
                .set(UploadState::Failed(format!("{refusal} Nothing was sent.")));
            return;
        }
        let (asset, arrived, sent, state, size) = (self.asset, self.arrived, upload.sent, upload.state, upload.size);
        let locale = self.locale.get_value();
        leptos::task::spawn_local(async move {
            let file = gloo_file::File::from(file);
            let created = resumable::create(&file).await.map_err(Trouble::message);
            let outcome = match created {
                Ok(created) => {
                    let id = created.id.clone();
                    let sent_whole = resumable::send_rest(&file, created, move |bytes| sent.set(bytes), || false);
                    let finished = match sent_whole.await {
                        Ok(whole) => resumable::finish(&whole.id, asset, locale.as_ref())
                            .await
                            .map_err(Trouble::message),
                        Err(message) => Err(message),
                    };
                    if finished.is_err() {
                        // Not left in the Upload assets page's list: this file was for the grid.
                        let _ = remove_uploads(vec![id.0]).await;
                    }
                    finished
                }
                Err(message) => Err(message),
            };
            match outcome {
                Ok(_) => {
                    sent.set(size);
                    state.set(UploadState::Done);
                    arrived.update(|n| *n += 1);
                }
                Err(message) => state.set(UploadState::Failed(message)),
            }
        });
    }
}
