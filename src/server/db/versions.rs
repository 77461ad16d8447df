//! An asset's versions: added, listed, restored. A version never changes once added; restoring
//! copies an old one into a new current version that shares its stored file. The main file and
//! each locale's file of a localizable asset have versions of their own, numbered from 1.

use sea_orm::DbErr;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::{
    assets::{name_of, to_version},
    entities::{asset, asset_locale_file, asset_version},
};
use crate::domain::{AssetId, AssetVersion, Locale, UserId};

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
    /// A stored file (its content key and size) as a version's file.
    pub fn uploaded(
        file_name: &crate::domain::FileName,
        content_key: &str,
        size: u64,
        info: &crate::domain::MediaInfo,
    ) -> Self {
        VersionFile {
            content_key: content_key.to_owned(),
            file_name: file_name.as_str().to_owned(),
            mime: info.mime.chars().take(127).collect(),
            file_type: info.file_type.code().to_owned(),
            size: i64::try_from(size).unwrap_or(i64::MAX),
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

/// The text that stands for a locale in the versions' table: empty for the main file.
fn locale_column(locale: Option<&Locale>) -> String {
    locale.map(|locale| locale.as_str().to_owned()).unwrap_or_default()
}

/// Adds the next version of an asset's main file, or of its file for `locale`, and makes it
/// that file's current one.
///
/// # Errors
/// Database failures, including a unique violation when another version took the number meanwhile.
pub async fn add_current_version(
    db: &impl ConnectionTrait,
    asset_id: AssetId,
    locale: Option<&Locale>,
    file: &VersionFile,
    added_by: UserId,
) -> Result<(), sea_orm::DbErr> {
    // Versions of one asset are numbered one after another: wait here for another transaction
    // adding one to end, then read its number (PostgreSQL; SQLite writes one at a time). Without
    // it, six versions added at once raced for numbers until one ran out of tries.
    asset::Entity::find_by_id(asset_id.0)
        .select_only()
        .column(asset::Column::Id)
        .lock_exclusive()
        .into_tuple::<i64>()
        .one(db)
        .await?;
    let latest: Option<i32> = asset_version::Entity::find()
        .select_only()
        .column(asset_version::Column::Number)
        .filter(asset_version::Column::AssetId.eq(asset_id.0))
        .filter(asset_version::Column::Locale.eq(locale_column(locale)))
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
        locale: Set(locale_column(locale)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(locale) = locale {
        let current = asset_locale_file::ActiveModel {
            asset_id: Set(asset_id.0),
            locale: Set(locale.as_str().to_owned()),
            current_version_id: Set(version.id),
        };
        asset_locale_file::Entity::insert(current)
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    asset_locale_file::Column::AssetId,
                    asset_locale_file::Column::Locale,
                ])
                .update_column(asset_locale_file::Column::CurrentVersionId)
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        // A locale's file is an update of the asset, though its main file stays as it was.
        asset::Entity::update_many()
            .col_expr(
                asset::Column::UpdatedAt,
                sea_orm::sea_query::Expr::value(time::OffsetDateTime::now_utc()),
            )
            .filter(asset::Column::Id.eq(asset_id.0))
            .exec(db)
            .await?;
        return Ok(());
    }
    asset::ActiveModel {
        id: Set(asset_id.0),
        current_version_id: Set(Some(version.id)),
        file_size: Set(version.size),
        ..Default::default()
    }
    .update(db)
    .await?;
    super::search_facts::record_changed(db, &[asset_id]).await
}

/// Every version of an asset's main file, or of its file for `locale`, newest first (none for an
/// unknown asset).
///
/// # Errors
/// Database failures.
pub async fn list(
    db: &impl ConnectionTrait,
    asset_id: AssetId,
    locale: Option<&Locale>,
) -> Result<Vec<AssetVersion>, DbErr> {
    let versions = asset_version::Entity::find()
        .filter(asset_version::Column::AssetId.eq(asset_id.0))
        .filter(asset_version::Column::Locale.eq(locale_column(locale)))
        .order_by_desc(asset_version::Column::Number)
        .all(db)
        .await?;
    let names = name_of(db, versions.iter().map(|v| v.created_by)).await?;
    versions
        .into_iter()
        .map(|version| to_version(version, &names))
        .collect()
}

/// The file of version `number` of an asset's main file, or of its file for `locale`, if there
/// is that version.
///
/// # Errors
/// Database failures.
pub async fn file(
    db: &impl ConnectionTrait,
    asset_id: AssetId,
    locale: Option<&Locale>,
    number: u32,
) -> Result<Option<VersionFile>, sea_orm::DbErr> {
    Ok(asset_version::Entity::find()
        .filter(asset_version::Column::AssetId.eq(asset_id.0))
        .filter(asset_version::Column::Locale.eq(locale_column(locale)))
        .filter(asset_version::Column::Number.eq(number as i32))
        .one(db)
        .await?
        .map(|version| VersionFile::of(&version)))
}

/// The content keys of the current versions of these files: an asset's main file (no locale) or
/// its file for a locale. A file that is not there is left out.
///
/// # Errors
/// Database failures.
pub async fn current_keys(
    db: &impl ConnectionTrait,
    files: &[(AssetId, Option<Locale>)],
) -> Result<HashMap<(AssetId, Option<Locale>), String>, sea_orm::DbErr> {
    let mut versions: Vec<((AssetId, Option<Locale>), i64)> = Vec::with_capacity(files.len());
    for page in files.chunks(500) {
        let ids: Vec<i64> = page.iter().map(|(asset, _)| asset.0).collect();
        let mains: HashMap<i64, i64> = asset::Entity::find()
            .select_only()
            .columns([asset::Column::Id, asset::Column::CurrentVersionId])
            .filter(asset::Column::Id.is_in(ids.clone()))
            .into_tuple::<(i64, Option<i64>)>()
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(id, version)| Some((id, version?)))
            .collect();
        let localized: HashMap<(i64, String), i64> = asset_locale_file::Entity::find()
            .filter(asset_locale_file::Column::AssetId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|file| ((file.asset_id, file.locale), file.current_version_id))
            .collect();
        versions.extend(page.iter().filter_map(|(asset, locale)| {
            let version = match locale {
                None => mains.get(&asset.0),
                Some(locale) => localized.get(&(asset.0, locale.as_str().to_owned())),
            };
            Some(((*asset, locale.clone()), *version?))
        }));
    }
    let mut keys = HashMap::with_capacity(versions.len());
    for page in versions.chunks(500) {
        let found: HashMap<i64, String> = asset_version::Entity::find()
            .select_only()
            .columns([asset_version::Column::Id, asset_version::Column::ContentKey])
            .filter(asset_version::Column::Id.is_in(page.iter().map(|(_, version)| *version)))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        keys.extend(
            page.iter()
                .filter_map(|(file, version)| Some((file.clone(), found.get(version)?.clone()))),
        );
    }
    Ok(keys)
}
