//! Deleting an asset and then the stored files nothing uses any more.

use super::{
    db::{assets, deletion},
    state::AppState,
    storage::ContentKey,
};
use crate::domain::{AppError, AssetId};

/// # Errors
/// `Conflict` for a Public asset, `NotFound`; database failures. Files that cannot be removed are
/// logged and left: unused, but never missing for a version.
pub async fn delete_asset(state: &AppState, id: AssetId) -> Result<(), AppError> {
    let keys = deletion::delete_asset(&state.db, id).await?;
    for key in keys {
        if assets::content_in_use(&state.db, &key).await? {
            continue;
        }
        for rendition_key in deletion::forget_renditions(&state.db, &key).await? {
            if !assets::content_in_use(&state.db, &rendition_key).await? {
                remove(state, &rendition_key).await;
            }
        }
        remove(state, &key).await;
    }
    Ok(())
}

async fn remove(state: &AppState, key: &str) {
    let outcome = match ContentKey::parse(key) {
        Ok(key) => state.storage.delete(&key).await,
        Err(error) => Err(error),
    };
    if let Err(error) = outcome {
        tracing::warn!("could not remove unused file {key}: {error}");
    }
}
