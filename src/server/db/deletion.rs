//! Deleting an asset: its rows go in one transaction; stored files go afterwards, and only those
//! no version of any asset (a clone!) and no rendition still uses. A crash in between leaves
//! unused files behind, never a version pointing at a missing file.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};

use super::entities::{asset, asset_version, rendition};
use crate::domain::{AppError, AssetId, Availability, deletion_refusal};
use crate::server::errors::ServiceError;

/// Removes the asset, its versions and labels, and returns the content keys its versions used.
/// Retried when another writer got in between its reads and its delete (SQLite answers such a
/// transaction "database is locked" at once).
///
/// # Errors
/// `Conflict` for a Public asset, `NotFound`; database failures.
pub async fn delete_asset(db: &DatabaseConnection, id: AssetId) -> Result<Vec<String>, AppError> {
    Ok(super::retried(db, |txn| Box::pin(async move { delete_rows(txn, id).await })).await?)
}

/// The rows of one deletion, in `txn`: the refusals inside `Ok`, so that they are not retried.
pub(super) async fn delete_rows(txn: &DatabaseTransaction, id: AssetId) -> Result<Vec<String>, ServiceError> {
    let Some(model) = asset::Entity::find_by_id(id.0).one(txn).await? else {
        return Err(ServiceError::from(AppError::NotFound));
    };
    let availability = match model.availability.parse::<Availability>() {
        Ok(availability) => availability,
        Err(error) => return Err(ServiceError::from(error)),
    };
    if let Some(refusal) = deletion_refusal(availability, &model.name) {
        return Err(ServiceError::from(refusal));
    }
    let keys: Vec<String> = asset_version::Entity::find()
        .select_only()
        .column(asset_version::Column::ContentKey)
        .distinct()
        .filter(asset_version::Column::AssetId.eq(id.0))
        .into_tuple()
        .all(txn)
        .await?;
    // Versions and labels go with it (ON DELETE CASCADE).
    asset::Entity::delete_by_id(id.0).exec(txn).await?;
    super::search_facts::log(txn, &[id]).await?;
    Ok(keys)
}

/// Forgets the renditions of a file nothing uses any more; returns their stored keys.
///
/// # Errors
/// Database failures.
pub async fn forget_renditions(db: &impl ConnectionTrait, content_key: &str) -> Result<Vec<String>, AppError> {
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
