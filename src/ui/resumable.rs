//! The browser's side of the resumable upload protocol (`/api/manage/uploads`): create an upload,
//! send its chunks one after another, each a slice of the file (`gloo-file`) in one request
//! (`ui::xhr`, for its progress events), and, after a break, ask the server how many bytes it
//! has and go on from there. Nothing of the file is read into memory here: the browser streams
//! each slice from disk.

use crate::domain::paths;
use gloo_file::{Blob, File};

use super::xhr::{Body, Trouble, request};
use crate::domain::{AppError, Asset, AssetId, Locale, Upload, UploadId};

/// Tries of one chunk after the connection is lost, a little longer apart each time.
const TRIES: u32 = 6;

/// Starts an upload of `file` on the server.
///
/// # Errors
/// What went wrong, for the file's row.
pub async fn create(file: &File) -> Result<Upload, Trouble> {
    let body = serde_json::json!({ "file_name": file.name(), "size": file.size() }).to_string();
    request("POST", paths::routes::UPLOADS, Some(Body::Json(&body)), None).await
}

/// The upload as the server has it now.
///
/// # Errors
/// What went wrong, for the file's row.
pub async fn current(id: &UploadId) -> Result<Upload, Trouble> {
    request("GET", &path(id), None, None).await
}

/// Sends what the server does not have yet of `file`, calling `progress` with the bytes it has
/// as they grow, and returns the upload once every byte is in. A lost connection is tried again;
/// `stop` is asked between chunks.
///
/// # Errors
/// The server's refusal, or a connection lost for good.
pub async fn send_rest(
    file: &File,
    mut upload: Upload,
    progress: impl Fn(u64) + Clone + 'static,
    stop: impl Fn() -> bool,
) -> Result<Upload, String> {
    let mut lost = 0;
    while let Some(chunk) = upload.next_chunk() {
        if stop() {
            return Err("Stopped.".to_owned());
        }
        let slice: Blob = Blob::from(file.clone()).slice(chunk.start, chunk.end);
        let url = format!("{}?offset={}", path(&upload.id), chunk.start);
        let (start, report) = (chunk.start, progress.clone());
        let on_progress = move |loaded: f64| report(start + loaded as u64);
        match request::<Upload>(
            "PUT",
            &url,
            Some(Body::Blob(slice.as_ref(), None)),
            Some(Box::new(on_progress)),
        )
        .await
        {
            Ok(now) => {
                lost = 0;
                progress(now.received);
                upload = now;
            }
            // The server holds as many chunks as it may: this one waits its turn.
            Err(Trouble::Refused(AppError::Overloaded { retry_after_secs })) => {
                pause(1000 * u32::try_from(retry_after_secs).unwrap_or(5)).await;
            }
            // Another offset than the server's, or a try still on its way: ask where it stands.
            Err(Trouble::Refused(AppError::Conflict(_))) | Err(Trouble::Lost) if lost < TRIES => {
                lost += 1;
                pause(500 * lost).await;
                match current(&upload.id).await {
                    Ok(now) => {
                        progress(now.received);
                        upload = now;
                    }
                    Err(Trouble::Lost) => {}
                    Err(refused) => return Err(refused.message()),
                }
            }
            Err(trouble) => return Err(trouble.message()),
        }
    }
    Ok(upload)
}

/// Makes the complete upload a new asset, or a new version of `asset` (of its file for `locale`,
/// when given), as a single upload does.
///
/// # Errors
/// What went wrong, for the file's row.
pub async fn finish(id: &UploadId, asset: Option<AssetId>, locale: Option<&Locale>) -> Result<Asset, Trouble> {
    let target = match (asset, locale) {
        (Some(AssetId(asset)), Some(locale)) => format!("?asset_id={asset}&locale={locale}"),
        (Some(AssetId(asset)), None) => format!("?asset_id={asset}"),
        (None, _) => String::new(),
    };
    request("POST", &format!("{}/finish{target}", path(id)), None, None).await
}

fn path(id: &UploadId) -> String {
    paths::upload(&id.0)
}

/// Waits `millis` milliseconds.
pub async fn pause(millis: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
