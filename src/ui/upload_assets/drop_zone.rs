use crate::ui::file_drop::file_drop;
use gloo_file::File;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DataTransfer, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

/// "Drag and drop your assets or click here": many files at once, and folders, whose files are
/// all taken. A file picker for folders sits beside it, for those who do not drag.
#[component]
pub fn DropZone(on_files: impl Fn(Vec<File>) + Clone + Send + Sync + 'static) -> impl IntoView {
    let over = RwSignal::new(false);
    let (on_pick, on_folder, on_drop) = (on_files.clone(), on_files.clone(), on_files);
    view! {
        <div
            class="drop-zone"
            {..file_drop(over, move |event| {
                if let Some(data) = event.data_transfer() {
                    let on_drop = on_drop.clone();
                    let entries = entries_of(&data);
                    leptos::task::spawn_local(async move { on_drop(files_of(entries).await) });
                }
            })}
            class:dragging=over
        >
            <label class="drop-target">
                <span class="drop-text">"Drag and drop your assets or click here"</span>
                <span class="hint">"Up to 1,000 files at a time. Folders too."</span>
                <input type="file" multiple class="visually-hidden" on:change=move |event| on_pick(picked(&event)) />
            </label>
            <label class="button quiet folder-button">
                "Choose a folder"
                <input
                    type="file"
                    multiple
                    prop:webkitdirectory=true
                    class="visually-hidden"
                    on:change=move |event| on_folder(picked(&event))
                />
            </label>
        </div>
    }
}

/// The files chosen in a picker, which is then emptied so the same files can be chosen again.
fn picked(event: &web_sys::Event) -> Vec<File> {
    let Some(input) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| gloo_file::FileList::from(list).to_vec())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// One thing dropped: a file or folder of the file system, or a file the browser gives alone.
enum Dropped {
    Entry(FileSystemEntry),
    File(web_sys::File),
}

/// What was dropped: taken at once, for the browser empties the drop after the event.
fn entries_of(data: &DataTransfer) -> Vec<Dropped> {
    let items = data.items();
    (0..items.length())
        .filter_map(|index| {
            let item = items.get(index)?;
            match item.webkit_get_as_entry().ok().flatten() {
                Some(entry) => Some(Dropped::Entry(entry)),
                None => item.get_as_file().ok().flatten().map(Dropped::File),
            }
        })
        .collect()
}

/// Every file dropped, those in folders (and their folders) included, in the order dropped.
async fn files_of(dropped: Vec<Dropped>) -> Vec<File> {
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for one in dropped.into_iter().rev() {
        match one {
            Dropped::Entry(entry) => entries.push(entry),
            Dropped::File(file) => files.push(File::from(file)),
        }
    }
    while let Some(entry) = entries.pop() {
        if entry.is_file() {
            let entry: FileSystemFileEntry = entry.unchecked_into();
            let promise =
                js_sys::Promise::new(&mut |resolve, reject| entry.file_with_callback_and_callback(&resolve, &reject));
            if let Ok(file) = wasm_bindgen_futures::JsFuture::from(promise).await {
                files.push(File::from(file.unchecked_into::<web_sys::File>()));
            }
        } else if entry.is_directory() {
            let folder: FileSystemDirectoryEntry = entry.unchecked_into();
            entries.extend(read_folder(&folder).await);
        }
    }
    files.reverse();
    files
}

/// A folder's entries: the browser gives them a page at a time, until an empty one.
async fn read_folder(folder: &FileSystemDirectoryEntry) -> Vec<FileSystemEntry> {
    let reader = folder.create_reader();
    let mut entries = Vec::new();
    loop {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let _ = reader.read_entries_with_callback_and_callback(&resolve, &reject);
        });
        let Ok(page) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return entries;
        };
        let page: js_sys::Array = page.unchecked_into();
        if page.length() == 0 {
            return entries;
        }
        entries.extend(page.iter().map(JsValue::unchecked_into::<FileSystemEntry>));
    }
}
