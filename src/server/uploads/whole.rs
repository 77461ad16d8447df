//! A file sent whole in one request (the API's single-request upload) goes through the resumable
//! protocol all the same: an upload of its size, its body cut into the protocol's chunks as they
//! stream in, then imported. So it meets the same size limit, sniffing and naming rules, and no
//! more of it is in memory than one chunk, in its turn.

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use std::sync::Arc;
use tokio::sync::Mutex;

use super::{create, finish, receive_chunk, remove};
use crate::domain::{AppError, Asset, ImportOutcome, Upload, User};
use crate::server::{ingest::Target, state::AppState, storage::ByteStream};

/// Takes a whole file of `size` bytes (its `Content-Length`) called `file_name` as a complete
/// upload. Nothing of it stays when it breaks off or is refused.
///
/// # Errors
/// `Validation` without a size, those of `create` and `receive_chunk`.
pub async fn receive_whole(
    state: &AppState,
    user: &User,
    file_name: &str,
    size: Option<u64>,
    body: ByteStream,
) -> Result<Upload, AppError> {
    let size = size.ok_or_else(|| {
        AppError::Validation(
            "Send the file's size in Content-Length, so that it can be refused before it is sent.".into(),
        )
    })?;
    let mut upload = create(state, user, file_name, size).await?;
    let body = Arc::new(Mutex::new(Body {
        stream: body,
        leftover: None,
    }));
    while let Some(chunk) = upload.next_chunk() {
        let length = chunk.end - chunk.start;
        let part = part_of(Arc::clone(&body), length);
        match receive_chunk(state, user, &upload.id, chunk.start, Some(length), part).await {
            Ok(received) => upload = received,
            Err(error) => {
                if let Err(left) = remove(state, user, &upload.id).await {
                    tracing::warn!("could not remove the broken upload {}: {}", upload.id.0, left);
                }
                return Err(error);
            }
        }
    }
    Ok(upload)
}

/// Takes a whole file as `receive_whole` does and makes it what `target` says (`finish`); nothing
/// of it stays when it is refused. The asset, and what the file became.
///
/// # Errors
/// Those of `receive_whole` and `finish`.
pub async fn take_whole(
    state: &AppState,
    user: &User,
    file_name: &str,
    size: Option<u64>,
    body: ByteStream,
    target: Target,
) -> Result<(Asset, ImportOutcome), AppError> {
    target.check(&state.db).await?;
    let upload = receive_whole(state, user, file_name, size, body).await?;
    let finished = finish(state, user, &upload.id, target).await;
    if finished.is_err()
        && let Err(left) = remove(state, user, &upload.id).await
    {
        tracing::warn!("could not remove the refused upload {}: {}", upload.id.0, left);
    }
    finished
}

/// A request's body, read chunk after chunk: what a frame had past one chunk's end starts the next.
struct Body {
    stream: ByteStream,
    leftover: Option<Bytes>,
}

/// The next `length` bytes of `body`, as a stream of their own.
fn part_of(body: Arc<Mutex<Body>>, length: u64) -> ByteStream {
    Box::pin(stream::unfold((body, length), |(body, left)| async move {
        if left == 0 {
            return None;
        }
        let mut guard = body.lock().await;
        let mut bytes = match guard.leftover.take() {
            Some(bytes) => bytes,
            None => match guard.stream.next().await? {
                Ok(bytes) => bytes,
                Err(error) => {
                    drop(guard);
                    return Some((Err(error), (body, 0)));
                }
            },
        };
        if let Ok(left) = usize::try_from(left)
            && bytes.len() > left
        {
            guard.leftover = Some(bytes.split_off(left));
        }
        drop(guard);
        let taken = bytes.len() as u64;
        Some((Ok(bytes), (body, left - taken)))
    }))
}
