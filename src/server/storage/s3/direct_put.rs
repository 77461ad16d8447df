//! One streamed PUT of a body whose length is announced: the S3 server writes the bytes once,
//! where a multipart upload writes them twice (the parts, then the whole). object_store holds a
//! PUT's payload in memory, so this request goes by reqwest to a URL object_store presigns (the
//! payload unsigned, as SDKs send it over TLS; damson hashes the bytes itself as they pass).

use bytes::Bytes;
use futures_util::Stream;
use object_store::{aws::AmazonS3, path::Path, signer::Signer};
use std::{io, sync::Arc, time::Duration};
use tokio::sync::mpsc;

use super::failed;
use crate::server::storage::StorageError;

/// The largest object S3 takes in one PUT.
pub const MAX_LENGTH: u64 = 5 * 1024 * 1024 * 1024;
/// Chunks of one body between the client's request and the S3 server's: memory stays bounded.
const CHUNKS_IN_FLIGHT: usize = 4;
/// How long the presigned URL is good for: longer than any upload takes to start.
const SIGNATURE_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Sends a body to the bucket as it arrives.
#[derive(Debug, Clone)]
pub struct DirectPut {
    store: Arc<AmazonS3>,
    client: reqwest::Client,
}

/// The channel feeding a PUT that is under way.
pub struct Sending {
    chunks: mpsc::Sender<io::Result<Bytes>>,
}

impl Sending {
    /// Passes a chunk on, waiting while the S3 server is behind. `false` when the PUT has ended
    /// (its own result tells why).
    pub async fn send(&self, chunk: Bytes) -> bool {
        self.chunks.send(Ok(chunk)).await.is_ok()
    }
}

impl DirectPut {
    pub fn new(store: Arc<AmazonS3>) -> Self {
        DirectPut {
            store,
            client: reqwest::Client::new(),
        }
    }

    /// Starts a PUT of exactly `length` bytes to `path`: the bytes go in through the returned
    /// `Sending`, and the future ends when the S3 server has answered. Dropping the future before
    /// every byte is sent breaks the connection off, and the S3 server keeps nothing.
    pub fn start(
        &self,
        path: &Path,
        length: u64,
    ) -> (Sending, impl Future<Output = Result<(), StorageError>> + Send + 'static) {
        let (chunks, mut received) = mpsc::channel(CHUNKS_IN_FLIGHT);
        let body = futures_util::stream::poll_fn(move |cx| received.poll_recv(cx));
        let (this, path) = (self.clone(), path.clone());
        let done = async move { this.put(&path, length, body).await };
        (Sending { chunks }, done)
    }

    async fn put(
        &self,
        path: &Path,
        length: u64,
        body: impl Stream<Item = io::Result<Bytes>> + Send + 'static,
    ) -> Result<(), StorageError> {
        let url = self
            .store
            .signed_url(reqwest::Method::PUT, path, SIGNATURE_LIFETIME)
            .await
            .map_err(failed)?;
        let response = self
            .client
            .put(url)
            .header(reqwest::header::CONTENT_LENGTH, length)
            .body(reqwest::Body::wrap_stream(body))
            .send()
            .await
            .map_err(io::Error::other)?;
        if response.status().is_success() {
            return Ok(());
        }
        let status = response.status();
        let message = response.text().await.unwrap_or_default();
        Err(StorageError::Io(io::Error::other(format!(
            "PUT {path} answered {status}: {message}"
        ))))
    }
}
