//! One request from the browser through `XMLHttpRequest`, for what `fetch` cannot tell: how many
//! bytes of the body are sent. Answered with the JSON asked for, or with why not.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{ProgressEvent, XmlHttpRequest};

use crate::domain::AppError;

/// What a request sends.
pub enum Body<'a> {
    Json(&'a str),
    /// A file or a slice of one, streamed from disk by the browser, with its content type if the
    /// server needs one.
    Blob(&'a web_sys::Blob, Option<&'static str>),
}

/// Why a request did not give what was asked.
pub enum Trouble {
    /// The connection broke: worth asking again.
    Lost,
    /// The server said no, and why.
    Refused(AppError),
}

impl Trouble {
    pub fn message(self) -> String {
        match self {
            Trouble::Lost => "The connection was lost.".to_owned(),
            Trouble::Refused(error) => error.to_string(),
        }
    }
}

/// Sends `body` to `url`, calling `on_progress` with the bytes sent as they grow.
///
/// # Errors
/// `Lost` when no answer came, `Refused` with the server's error (or one a person can read).
pub async fn request<T: serde::de::DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<Body<'_>>,
    on_progress: Option<Box<dyn Fn(f64)>>,
) -> Result<T, Trouble> {
    let xhr = XmlHttpRequest::new().map_err(|_| Trouble::Lost)?;
    xhr.open(method, url).map_err(|_| Trouble::Lost)?;
    let _ = xhr.set_request_header("Accept", "application/json");
    let content_type = match body {
        Some(Body::Json(_)) => Some("application/json"),
        Some(Body::Blob(_, content_type)) => content_type,
        None => None,
    };
    if let Some(content_type) = content_type {
        let _ = xhr.set_request_header("Content-Type", content_type);
    }
    let progress = on_progress
        .map(|report| Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| report(event.loaded())));
    if let (Some(progress), Ok(upload)) = (&progress, xhr.upload()) {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let ended = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    let sent = match body {
        Some(Body::Json(json)) => xhr.send_with_opt_str(Some(json)),
        Some(Body::Blob(blob, _)) => xhr.send_with_opt_blob(Some(blob)),
        None => xhr.send(),
    };
    if sent.is_err() {
        return Err(Trouble::Lost);
    }
    let _ = wasm_bindgen_futures::JsFuture::from(ended).await;
    // The progress closure lives exactly as long as its request.
    drop(progress);
    answer(&xhr)
}

fn answer<T: serde::de::DeserializeOwned>(xhr: &XmlHttpRequest) -> Result<T, Trouble> {
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(Trouble::Lost),
        200..300 => serde_json::from_str(&body)
            .map_err(|_| Trouble::Refused(AppError::Validation("The server's answer was not understood.".into()))),
        _ => Err(Trouble::Refused(
            serde_json::from_str::<AppError>(&body)
                .unwrap_or_else(|_| AppError::Validation(format!("The server refused it (HTTP {status})."))),
        )),
    }
}
