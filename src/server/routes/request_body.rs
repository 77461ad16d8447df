//! A request's body as the upload pipeline takes it, for the pages' routes and the API alike.

use axum::{
    body::Body,
    http::{HeaderMap, header},
};
use futures_util::TryStreamExt;
use std::io;

use crate::server::storage::ByteStream;

/// The length a request says its body has.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse().ok())
}

/// A request's body as the stream storage takes.
pub fn stream_of(body: Body) -> ByteStream {
    Box::pin(body.into_data_stream().map_err(io::Error::other))
}
