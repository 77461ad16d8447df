//! Sending a stored file: one answer for downloads and public links alike, with `HEAD`, single
//! byte ranges (206, 416), `ETag` from the content hash (304 on `If-None-Match`), the MIME type,
//! `nosniff`, and a `Content-Disposition` that never lets an uploaded page run on damson's origin.

use axum::{
    body::Body,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::Response,
};
use std::ops::Range;

use crate::domain::AppError;
use crate::server::{files::FileToSend, state::AppState, storage::ContentKey};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Always saved, never shown.
    Attachment,
    /// Shown in the browser when it is a picture, sound, video or PDF; saved otherwise (HTML, SVG, …).
    InlineIfSafe,
}

/// # Errors
/// `NotFound` when the stored file is missing; storage failures.
pub async fn send(
    state: &AppState,
    file: FileToSend,
    disposition: Disposition,
    cache_control: &'static str,
    method: &Method,
    request: &HeaderMap,
) -> Result<Response, AppError> {
    let etag = format!("\"{}\"", file.key);
    let mut response = Response::new(Body::empty());
    let headers = response.headers_mut();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|_| AppError::NotFound)?,
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let content_type =
        HeaderValue::from_str(&file.mime).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    let inline = disposition == Disposition::InlineIfSafe && safe_inline(&file.mime);
    if let Ok(value) = HeaderValue::from_str(&content_disposition(inline, &file.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if matches_etag(request, &etag) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return Ok(response);
    }
    let range_asked = request
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| range_still_applies(request, &etag));
    let range = match range_asked {
        None => None,
        Some(value) => match byte_range(value, file.size) {
            RangeAsked::Satisfiable(range) => Some(range),
            RangeAsked::Ignored => None,
            RangeAsked::Unsatisfiable => {
                *response.status_mut() = StatusCode::RANGE_NOT_SATISFIABLE;
                let unsatisfied = format!("bytes */{}", file.size);
                let headers = response.headers_mut();
                headers.insert(
                    header::CONTENT_RANGE,
                    HeaderValue::from_str(&unsatisfied).expect("ASCII"),
                );
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
                return Ok(response);
            }
        },
    };
    let length = range.as_ref().map_or(file.size, |r| r.end - r.start);
    if let Some(range) = &range {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        let value = format!("bytes {}-{}/{}", range.start, range.end - 1, file.size);
        response
            .headers_mut()
            .insert(header::CONTENT_RANGE, HeaderValue::from_str(&value).expect("ASCII"));
    }
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if method != Method::HEAD {
        let stream = state.storage.get(&ContentKey::parse(&file.key)?, range).await?;
        *response.body_mut() = Body::from_stream(stream);
    }
    Ok(response)
}

fn matches_etag(request: &HeaderMap, etag: &str) -> bool {
    request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|value| {
            value.split(',').any(|tag| {
                let tag = tag.trim();
                tag == "*" || tag.trim_start_matches("W/") == etag
            })
        })
}

/// A resumed download names what it has so far in `If-Range`; when that is not this file any
/// more (a new version came), the rest of another file must not be stitched onto it: the whole
/// file is sent instead. Only a strong, equal entity tag matches; a date never does, as damson
/// sends no `Last-Modified`.
fn range_still_applies(request: &HeaderMap, etag: &str) -> bool {
    match request.get(header::IF_RANGE) {
        None => true,
        Some(value) => value.to_str().is_ok_and(|value| value.trim() == etag),
    }
}

/// Types a browser shows without running anything of the file's own.
fn safe_inline(mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    (mime.starts_with("image/") && mime != "image/svg+xml")
        || mime.starts_with("audio/")
        || mime.starts_with("video/")
        || mime == "application/pdf"
}

#[derive(Debug, PartialEq, Eq)]
enum RangeAsked {
    Satisfiable(Range<u64>),
    /// Not one plain byte range (several ranges, another unit): the whole file is sent.
    Ignored,
    Unsatisfiable,
}

fn byte_range(value: &str, size: u64) -> RangeAsked {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return RangeAsked::Ignored;
    };
    if spec.contains(',') {
        return RangeAsked::Ignored;
    }
    let Some((start, end)) = spec.trim().split_once('-') else {
        return RangeAsked::Ignored;
    };
    let (start, end) = (start.trim(), end.trim());
    let range = match (start.parse::<u64>(), end.parse::<u64>()) {
        (Ok(start), Ok(end)) if start <= end => start..(end + 1).min(size),
        (Ok(start), Err(_)) if end.is_empty() => start..size,
        (Err(_), Ok(suffix)) if start.is_empty() => size.saturating_sub(suffix)..size,
        _ => return RangeAsked::Ignored,
    };
    if range.start >= size || range.is_empty() {
        RangeAsked::Unsatisfiable
    } else {
        RangeAsked::Satisfiable(range)
    }
}

/// `inline` or `attachment` with the file's name: a plain-ASCII fallback, and the exact name in
/// RFC 5987 form.
pub fn content_disposition(inline: bool, file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut exact = String::new();
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            exact.push(byte as char);
        } else {
            exact.push_str(&format!("%{byte:02X}"));
        }
    }
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{exact}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_exact_form_and_an_ascii_fallback() {
        assert_eq!(
            content_disposition(false, "shoe.jpg"),
            "attachment; filename=\"shoe.jpg\"; filename*=UTF-8''shoe.jpg"
        );
        assert_eq!(
            content_disposition(true, "Größe \"A\".pdf"),
            "inline; filename=\"Gr__e _A_.pdf\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe%20%22A%22.pdf"
        );
    }

    #[test]
    fn byte_ranges_of_every_form() {
        assert_eq!(byte_range("bytes=0-99", 1000), RangeAsked::Satisfiable(0..100));
        assert_eq!(byte_range("bytes=900-", 1000), RangeAsked::Satisfiable(900..1000));
        assert_eq!(byte_range("bytes=-100", 1000), RangeAsked::Satisfiable(900..1000));
        assert_eq!(byte_range("bytes=990-2000", 1000), RangeAsked::Satisfiable(990..1000));
        assert_eq!(byte_range("bytes=1000-", 1000), RangeAsked::Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 1000), RangeAsked::Unsatisfiable);
        assert_eq!(byte_range("bytes=0-1,5-9", 1000), RangeAsked::Ignored);
        assert_eq!(byte_range("items=0-1", 1000), RangeAsked::Ignored);
    }

    #[test]
    fn a_range_applies_only_while_if_range_names_this_file() {
        let etag = "\"abc\"";
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::IF_RANGE, HeaderValue::from_static(value));
            headers
        };
        assert!(range_still_applies(&HeaderMap::new(), etag));
        assert!(range_still_applies(&with("\"abc\""), etag));
        assert!(!range_still_applies(&with("\"old\""), etag));
        assert!(!range_still_applies(&with("W/\"abc\""), etag));
        assert!(!range_still_applies(&with("Mon, 23 Nov 2026 10:00:00 GMT"), etag));
    }

    #[test]
    fn pages_and_vector_pictures_are_never_shown_inline() {
        assert!(safe_inline("image/jpeg") && safe_inline("video/mp4") && safe_inline("application/pdf"));
        assert!(!safe_inline("image/svg+xml") && !safe_inline("text/html") && !safe_inline("text/xml"));
    }
}
