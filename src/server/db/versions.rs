//! An asset's versions: added, listed, restored. A version never changes once added; restoring
//! copies an old one into a new current version that shares its stored file.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::{
    assets::{name_of, to_version},
    entities::{asset, asset_version},
};
use crate::domain::{AppError, AssetId, AssetVersion, UserId};
use crate::server::{media::MediaInfo, storage::StoredObject};

/// The file a version holds, as recorded.
#[derive(Clone, Debug)]
pub struct VersionFile {
    pub content_key: String,
    pub file_name: String,
    pub mime: String,
    pub file_type: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
}

impl VersionFile {
    pub fn uploaded(file_name: &crate::domain::FileName, stored: &StoredObject, info: &MediaInfo) -> Self {
        VersionFile {
            content_key: stored.key.as_str().to_owned(),
            file_name: file_name.as_str().to_owned(),
            mime: info.mime.chars().take(127).collect(),
            file_type: info.file_type.code().to_owned(),
            size: i64::try_from(stored.size).unwrap_or(i64::MAX),
            width: info.dimensions.map(|d| i32::try_from(d.width).unwrap_or(i32::MAX)),
            height: info.dimensions.map(|d| i32::try_from(d.height).unwrap_or(i32::MAX)),
        }
    }

    pub(super) fn of(version: &asset_version::Model) -> Self {
        VersionFile {
            content_key: version.content_key.clone(),
            file_name: version.file_name.clone(),
            mime: version.mime.clone(),
            file_type: version.file_type.clone(),
            size: version.size,
            width: version.width,
            height: version.height,
        }
    }
}

/// Adds the next version of an asset and makes it current.
///
/// # Errors
/// Database failures, including a unique violation when another version took the number meanwhile.
pub async fn add_current_version(
    db: &impl ConnectionTrait,
    asset_id: AssetId,
    file: &VersionFile,
    added_by: UserId,
) -> Result<(), sea_orm::DbErr> {
    let latest: Option<i32> = asset_version::Entity::find()
        .select_only()
        .column(asset_version::Column::Number)
        .filter(asset_version::Column::AssetId.eq(asset_id.0))
        .order_by_desc(asset_version::Column::Number)
        .into_tuple()
        .one(db)
        .await?;
    let file = file.clone();
    let version = asset_version::ActiveModel {
        asset_id: Set(asset_id.0),
        number: Set(latest.unwrap_or(0) + 1),
        content_key: Set(file.content_key),
        file_name: Set(file.file_name),
        mime: Set(file.mime),
        file_type: Set(file.file_type),
        size: Set(file.size),
        width: Set(file.width),
        height: Set(file.height),
        created_at: Set(time::OffsetDateTime::now_utc()),
        created_by: Set(added_by.0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    asset::ActiveModel {
        id: Set(asset_id.0),
        current_version_id: Set(Some(version.id)),
        file_size: Set(version.size),
        ..Default::default()
    }
    .update(db)
    .await?;
    super::asset_index::refresh(db, asset_id).await
}

/// Every version of an asset, newest first.
///
/// # Errors
/// `NotFound` for an unknown asset; database failures.
pub async fn list(db: &impl ConnectionTrait, asset_id: AssetId) -> Result<Vec<AssetVersion>, AppError> {
    let versions = asset_version::Entity::find()
        .filter(asset_version::Column::AssetId.eq(asset_id.0))
        .order_by_desc(asset_version::Column::Number)
        .all(db)
        .await?;
    if versions.is_empty() {
        return Err(AppError::NotFound);
    }
    let names = name_of(db, versions.iter().map(|v| v.created_by)).await?;
    versions
        .into_iter()
        .map(|version| to_version(version, &names))
        .collect()
}

/// The file of an asset's version `number`.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn file(db: &impl ConnectionTrait, asset_id: AssetId, number: u32) -> Result<VersionFile, AppError> {
    Ok(VersionFile::of(&find(db, asset_id, number).await?))
}

/// One version of an asset by its number.
///
/// # Errors
/// `NotFound`; database failures.
async fn find(db: &impl ConnectionTrait, asset_id: AssetId, number: u32) -> Result<asset_version::Model, AppError> {
    asset_version::Entity::find()
        .filter(asset_version::Column::AssetId.eq(asset_id.0))
        .filter(asset_version::Column::Number.eq(number as i32))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Copies version `number` into a new current version added by `user`; the file is shared.
/// Retried when another version took the next number meanwhile.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn restore(db: &DatabaseConnection, asset_id: AssetId, number: u32, user: UserId) -> Result<(), AppError> {
    let file = VersionFile::of(&find(db, asset_id, number).await?);
    super::retried(db, |txn| {
        let file = file.clone();
        Box::pin(async move { add_current_version(txn, asset_id, &file, user).await })
    })
    .await?;
    Ok(())
}
