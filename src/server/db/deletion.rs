//! Deleting an asset: its rows go in one transaction; stored files go afterwards, and only those
//! no version of any asset (a clone!) and no rendition still uses. A crash in between leaves
//! unused files behind, never a version pointing at a missing file.

use super::unreadable;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::entities::{asset, asset_version, rendition};
use crate::domain::{AssetId, Availability};

/// What deleting an asset is decided on: its availability and name, if it is there.
///
/// # Errors
/// Database failures; `Internal` for an availability that is not one.
pub async fn deciding_facts(db: &impl ConnectionTrait, id: AssetId) -> Result<Option<(Availability, String)>, DbErr> {
    let Some(model) = asset::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    Ok(Some((model.availability.parse().map_err(unreadable)?, model.name)))
}

/// Removes the asset, its versions and labels; returns the content keys its versions used.
///
/// # Errors
/// Database failures.
pub async fn remove(db: &impl ConnectionTrait, id: AssetId) -> Result<Vec<String>, DbErr> {
    let keys: Vec<String> = asset_version::Entity::find()
        .select_only()
        .column(asset_version::Column::ContentKey)
        .distinct()
        .filter(asset_version::Column::AssetId.eq(id.0))
        .into_tuple()
        .all(db)
        .await?;
    // Versions and labels go with it (ON DELETE CASCADE).
    asset::Entity::delete_by_id(id.0).exec(db).await?;
    super::search_facts::log(db, &[id]).await?;
    Ok(keys)
}

/// Forgets the renditions of a file nothing uses any more; returns their stored keys.
///
/// # Errors
/// Database failures.
pub async fn forget_renditions(db: &impl ConnectionTrait, content_key: &str) -> Result<Vec<String>, DbErr> {
    let keys: Vec<String> = rendition::Entity::find()
        .select_only()
        .column(rendition::Column::RenditionKey)
        .filter(rendition::Column::ContentKey.eq(content_key))
        .into_tuple()
        .all(db)
        .await?;
    rendition::Entity::delete_many()
        .filter(rendition::Column::ContentKey.eq(content_key))
        .exec(db)
        .await?;
    super::jobs::forget(db, &crate::domain::rendition_key(content_key)).await?;
    Ok(keys)
}
