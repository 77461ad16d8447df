//! Deleting an asset and then the stored files nothing uses any more.

use sea_orm::ConnectionTrait;

use super::{
    db::{self, assets, deletion},
    errors::ServiceError,
    state::AppState,
    storage::ContentKey,
};
use crate::domain::{AppError, AssetId, WebhookEvent, deletion_refusal};

/// # Errors
/// `Conflict` for a Public asset, `NotFound`; database failures. Files that cannot be removed are
/// logged and left: unused, but never missing for a version.
pub async fn delete_asset(state: &AppState, id: AssetId) -> Result<(), AppError> {
    let keys = db::retried(&state.db, |txn| Box::pin(delete_rows(txn, id))).await?;
    state.jobs.notify();
    remove_unused(state, &keys).await
}

/// The rows of one deletion, in the caller's unit of work: refused for a Public asset; returns
/// the content keys its versions used, to remove once nothing uses them.
///
/// # Errors
/// `Conflict` for a Public asset, `NotFound`; database failures.
pub async fn delete_rows(txn: &impl ConnectionTrait, id: AssetId) -> Result<Vec<String>, ServiceError> {
    let (availability, name) = deletion::deciding_facts(txn, id).await?.ok_or(AppError::NotFound)?;
    if let Some(refusal) = deletion_refusal(availability, &name) {
        return Err(refusal.into());
    }
    // Told while its code can still be read.
    super::webhooks::announce_assets(txn, WebhookEvent::AssetDeleted, &[id]).await?;
    Ok(deletion::remove(txn, id).await?)
}

/// Removes those of a deleted asset's stored files that nothing uses any more.
///
/// # Errors
/// Database failures. Files that cannot be removed are logged and left.
pub async fn remove_unused(state: &AppState, keys: &[String]) -> Result<(), AppError> {
    for key in keys.iter().filter_map(|key| parsed(key)) {
        remove_if_unused(state, &key).await?;
    }
    Ok(())
}

/// Removes a stored file and its renditions when no version of any asset, and no rendition, uses
/// it now.
///
/// # Errors
/// Database failures. Files that cannot be removed are logged and left.
pub async fn remove_if_unused(state: &AppState, key: &ContentKey) -> Result<(), AppError> {
    let renditions = {
        // Held while deciding and removing, so an upload of the same content cannot record it
        // in between.
        let _held = state.file_locks.lock([key]).await?;
        if assets::content_in_use(&state.db, key.as_str()).await? {
            return Ok(());
        }
        let renditions = deletion::forget_renditions(&state.db, key.as_str()).await?;
        remove(state, key).await;
        renditions
    };
    for rendition in renditions.iter().filter_map(|key| parsed(key)) {
        let _held = state.file_locks.lock([&rendition]).await?;
        if !assets::content_in_use(&state.db, rendition.as_str()).await? {
            remove(state, &rendition).await;
        }
    }
    Ok(())
}

async fn remove(state: &AppState, key: &ContentKey) {
    if let Err(error) = state.storage.delete(key).await {
        tracing::warn!("could not remove unused file {key}: {error}");
    }
}

fn parsed(key: &str) -> Option<ContentKey> {
    ContentKey::parse(key)
        .inspect_err(|error| tracing::warn!("cannot remove {key}: {error}"))
        .ok()
}
