//! The rendition job: read the stored picture, render on the blocking pool (within its time and
//! memory limits), store the results, record them. A picture that cannot be rendered fails at once
//! with the reason; storage or database trouble is retried.

use super::{Claimed, Failure};
use crate::domain::AppError;
use crate::server::{
    db::{self, renditions::Made},
    media::{self, RenderError, Rendered},
    state::AppState,
    storage::{ByteStream, ContentKey, read_to_vec},
};
use bytes::Bytes;

/// Renders and records; what it stored stays locked until it is recorded. When the job is no
/// longer this worker's (the file was deleted meanwhile, or another worker took over), nothing
/// is recorded and what it made is removed unless something uses it.
pub async fn render(state: &AppState, job: &Claimed, content_key: &str, mime: &str) -> Result<(), Failure> {
    let machine = |e: &dyn std::fmt::Display| Failure::machine("rendition", e);
    let key = ContentKey::parse(content_key).map_err(|e| machine(&e))?;
    let rendered = decode_and_render(state, &key, mime.to_owned()).await?;
    let mut made = Vec::with_capacity(rendered.len());
    let mut staged = Vec::with_capacity(rendered.len());
    for Rendered { kind, jpeg, size } in rendered {
        let bytes = jpeg.len() as u64;
        let body: ByteStream = Box::pin(futures_util::stream::once(async move { Ok(Bytes::from(jpeg)) }));
        let file = state
            .storage
            .stage(body, u64::MAX, Some(bytes))
            .await
            .map_err(|e| machine(&e))?;
        made.push(Made {
            kind,
            rendition_key: file.key.as_str().to_owned(),
            size,
            bytes,
        });
        staged.push(file);
    }
    // Another file's identical rendition may be being removed as unused: keep ours under the lock.
    let held = state
        .file_locks
        .lock(staged.iter().map(|file| &file.key))
        .await
        .map_err(|e| machine(&e))?;
    let keys: Vec<ContentKey> = staged.iter().map(|file| file.key.clone()).collect();
    for file in staged {
        state.storage.keep(file).await.map_err(|e| machine(&e))?;
    }
    let made: std::sync::Arc<[Made]> = made.into();
    let recorded = db::retried(&state.db, |txn| {
        let (made, job, content_key) = (std::sync::Arc::clone(&made), job.clone(), content_key.to_owned());
        Box::pin(async move { db::renditions::record(txn, &job, &content_key, &made).await })
    })
    .await
    .map_err(|e| machine(&e))?;
    if !recorded {
        remove_unused(state, &keys).await;
        tracing::info!("the renditions of {content_key} were not recorded: the job ended meanwhile");
    }
    drop(held);
    Ok(())
}

async fn decode_and_render(state: &AppState, key: &ContentKey, mime: String) -> Result<[Rendered; 2], Failure> {
    let machine = |e: &dyn std::fmt::Display| Failure::machine("rendition", e);
    let size = state
        .storage
        .size(key)
        .await
        .map_err(|e| machine(&e))?
        .ok_or_else(|| Failure::machine("storage", format!("{key} is missing from storage")))?;
    let stream = state.storage.get(key, None).await.map_err(|e| machine(&e))?;
    let content = read_to_vec(stream, size as usize).await.map_err(|e| machine(&e))?;
    let mut rendering = tokio::task::spawn_blocking(move || media::render(&content, &mime));
    let limit = state.config.render_time_limit;
    let rendered = match tokio::time::timeout(limit, &mut rendering).await {
        Ok(finished) => finished,
        Err(_) => {
            // A decoder cannot be stopped halfway: wait for it before taking more work, so that
            // never more than one picture per worker is in memory.
            let _ = rendering.await;
            let too_slow = RenderError::TooSlow {
                limit: humantime::format_duration(limit).to_string(),
            };
            return Err(unrenderable(&too_slow));
        }
    };
    rendered
        .map_err(|e| unrenderable(&RenderError::Corrupt(format!("the decoder crashed ({e})"))))?
        .map_err(|error| unrenderable(&error))
}

/// A file damson cannot make pictures of: the job fails for good, saying why.
fn unrenderable(error: &RenderError) -> Failure {
    Failure::Permanent(AppError::UnsupportedMedia(error.to_string()))
}

/// Removes renditions that no one recorded, unless another file's renditions are the same.
/// The caller holds their locks.
async fn remove_unused(state: &AppState, keys: &[ContentKey]) {
    for key in keys {
        match db::assets::content_in_use(&state.db, key.as_str()).await {
            Ok(true) => {}
            Ok(false) => {
                if let Err(error) = state.storage.delete(key).await {
                    tracing::warn!("could not remove unused rendition {key}: {error}");
                }
            }
            Err(error) => tracing::warn!("cannot tell whether rendition {key} is used: {error}"),
        }
    }
}
