//! Queries on assets and their versions.

use super::unreadable;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use std::collections::HashMap;

use super::entities::{asset, asset_label, asset_locale_file, asset_version, user};
use crate::domain::{
    Asset, AssetChanges, AssetId, AssetVersion, Availability, Dimensions, FileName, FileType, Locale, RenditionKind,
    Thumbnail, UserId,
};

/// Whether there is such an asset.
///
/// # Errors
/// Database failures.
pub async fn exists(db: &impl ConnectionTrait, id: AssetId) -> Result<bool, DbErr> {
    Ok(asset::Entity::find_by_id(id.0).one(db).await?.is_some())
}

/// # Errors
/// Database failures.
pub async fn find_id_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<AssetId>, sea_orm::DbErr> {
    Ok(asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset::Column::Code.eq(code))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .map(AssetId))
}

/// The assets with these codes: each one's id and whether it is localizable.
///
/// # Errors
/// Database failures.
pub async fn known_codes(
    db: &impl ConnectionTrait,
    codes: &[&str],
) -> Result<HashMap<String, (AssetId, bool)>, sea_orm::DbErr> {
    let found: Vec<(i64, String, bool)> = asset::Entity::find()
        .select_only()
        .columns([asset::Column::Id, asset::Column::Code, asset::Column::Localizable])
        .filter(asset::Column::Code.is_in(codes.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found
        .into_iter()
        .map(|(id, code, localizable)| (code, (AssetId(id), localizable)))
        .collect())
}

/// Whether the asset is localizable; `None` when there is no such asset.
///
/// # Errors
/// Database failures.
pub async fn is_localizable(db: &impl ConnectionTrait, id: AssetId) -> Result<Option<bool>, sea_orm::DbErr> {
    asset::Entity::find_by_id(id.0)
        .select_only()
        .column(asset::Column::Localizable)
        .into_tuple::<bool>()
        .one(db)
        .await
}

/// What a new asset starts with; its first version follows in the same transaction.
pub struct NewAsset {
    pub code: String,
    pub name: String,
    pub description: String,
    pub availability: Availability,
    pub localizable: bool,
}

impl NewAsset {
    /// A file's first upload: named after its code, Automatic, no description.
    pub fn uploaded(code: &str) -> Self {
        NewAsset {
            code: code.to_owned(),
            name: code.chars().take(AssetChanges::MAX_NAME_CHARS).collect(),
            description: String::new(),
            availability: Availability::Automatic,
            localizable: false,
        }
    }
}

/// Adds an asset with no version yet, added by `added_by` now.
///
/// # Errors
/// Database failures, including a unique violation when the code was taken meanwhile.
pub async fn insert(db: &impl ConnectionTrait, new: NewAsset, added_by: UserId) -> Result<AssetId, sea_orm::DbErr> {
    let model = asset::ActiveModel {
        code: Set(new.code),
        name_sort: Set(new.name.to_lowercase()),
        name: Set(new.name),
        file_size: Set(0),
        description: Set(new.description),
        availability: Set(new.availability.code().to_owned()),
        current_version_id: Set(None),
        revision: Set(1),
        created_at: Set(time::OffsetDateTime::now_utc()),
        created_by: Set(added_by.0),
        updated_at: Set(time::OffsetDateTime::now_utc()),
        localizable: Set(new.localizable),
        announced_published: Set(Some(false)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(AssetId(model.id))
}

/// Whether any version of any asset, or any rendition, still uses the stored content (someone may
/// upload a downloaded thumbnail).
///
/// # Errors
/// Database failures.
pub async fn content_in_use(db: &impl ConnectionTrait, key: &str) -> Result<bool, DbErr> {
    let by_version = asset_version::Entity::find()
        .filter(asset_version::Column::ContentKey.eq(key))
        .one(db)
        .await?
        .is_some();
    Ok(by_version || super::renditions::is_rendition(db, key).await?)
}

/// Those of `keys` that no version of any asset and no rendition uses.
///
/// # Errors
/// Database failures.
pub async fn unused_of(db: &impl ConnectionTrait, keys: &[String]) -> Result<Vec<String>, DbErr> {
    let by_versions: Vec<String> = asset_version::Entity::find()
        .select_only()
        .column(asset_version::Column::ContentKey)
        .distinct()
        .filter(asset_version::Column::ContentKey.is_in(keys))
        .into_tuple()
        .all(db)
        .await?;
    let by_renditions = super::renditions::used_of(db, keys).await?;
    Ok(keys
        .iter()
        .filter(|key| !by_versions.contains(key) && !by_renditions.contains(key))
        .cloned()
        .collect())
}

/// The file an asset's current version holds (none for an unknown asset).
///
/// # Errors
/// Database failures.
pub async fn current_file(
    db: &impl ConnectionTrait,
    id: AssetId,
) -> Result<Option<super::versions::VersionFile>, DbErr> {
    current_file_for(db, id, None).await
}

/// The current file of an asset for `locale`: that locale's own, or else the main file (none for
/// an unknown asset).
///
/// # Errors
/// Database failures.
pub async fn current_file_for(
    db: &impl ConnectionTrait,
    id: AssetId,
    locale: Option<&Locale>,
) -> Result<Option<super::versions::VersionFile>, DbErr> {
    Ok(with_file_for(db, id, locale)
        .await?
        .map(|(_, version)| super::versions::VersionFile::of(&version)))
}

/// An asset's row and the current version of its file for `locale`: the locale's own file when
/// it has one, or else the main file (none for an unknown asset).
///
/// # Errors
/// Database failures.
pub(super) async fn with_file_for(
    db: &impl ConnectionTrait,
    id: AssetId,
    locale: Option<&Locale>,
) -> Result<Option<(asset::Model, asset_version::Model)>, DbErr> {
    let Some(model) = asset::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    let own = match locale {
        Some(locale) => asset_locale_file::Entity::find_by_id((id.0, locale.as_str().to_owned()))
            .one(db)
            .await?
            .map(|file| file.current_version_id),
        None => None,
    };
    let Some(version_id) = own.or(model.current_version_id) else {
        return Ok(None);
    };
    let version = asset_version::Entity::find_by_id(version_id).one(db).await?;
    Ok(version.map(|version| (model, version)))
}

/// One asset with its current version, as the details panel shows it.
///
/// # Errors
/// Database failures.
pub async fn load(db: &impl ConnectionTrait, id: AssetId) -> Result<Option<Asset>, DbErr> {
    load_for(db, id, None).await
}

/// One asset with the current version of its file for `locale` (its own, or else the main file);
/// none for an unknown asset.
///
/// # Errors
/// Database failures.
pub async fn load_for(db: &impl ConnectionTrait, id: AssetId, locale: Option<&Locale>) -> Result<Option<Asset>, DbErr> {
    let Some((model, version)) = with_file_for(db, id, locale).await? else {
        return Ok(None);
    };
    let names = name_of(db, [model.created_by, version.created_by]).await?;
    let key = version.content_key.clone();
    let preview = super::renditions::states(db, std::slice::from_ref(&key), RenditionKind::Preview)
        .await?
        .remove(&key)
        .unwrap_or(Thumbnail::None);
    let labels = super::asset_labels::labels_of(db, id).await?;
    let availability = model.availability.parse().map_err(unreadable)?;
    Ok(Some(Asset {
        id,
        code: model.code,
        name: model.name,
        description: model.description,
        availability,
        publication: super::publication::of_one(db, id, availability).await?,
        labels,
        localizable: model.localizable,
        locale_files: locale_files_of(db, id).await?,
        revision: model.revision,
        added_at: model.created_at,
        added_by: names.get(&model.created_by).cloned().unwrap_or_default(),
        current: to_version(version, &names)?,
        preview,
    }))
}

/// The locales that have a file of the asset's own, A to Z.
///
/// # Errors
/// Database failures.
pub async fn locale_files_of(db: &impl ConnectionTrait, id: AssetId) -> Result<Vec<Locale>, DbErr> {
    let codes: Vec<String> = asset_locale_file::Entity::find()
        .select_only()
        .column(asset_locale_file::Column::Locale)
        .filter(asset_locale_file::Column::AssetId.eq(id.0))
        .order_by_asc(asset_locale_file::Column::Locale)
        .into_tuple()
        .all(db)
        .await?;
    codes.iter().map(|code| stored_locale(code)).collect()
}

/// A locale code as the database keeps it.
///
/// # Errors
/// `Internal` for a code that is not a locale's.
pub(super) fn stored_locale(code: &str) -> Result<Locale, DbErr> {
    Locale::parse(code).map_err(unreadable)
}

/// What became of a save that named the revision it started from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revised {
    Saved,
    /// Someone else saved since: nothing was written.
    Stale,
    Missing,
}

/// Writes a manager's changes (fields and labels) when the asset is still at `revision`, moving
/// the revision on; otherwise writes nothing.
///
/// # Errors
/// Database failures.
pub async fn update(
    db: &impl ConnectionTrait,
    id: AssetId,
    revision: i64,
    changes: &AssetChanges,
) -> Result<Revised, DbErr> {
    let updated = asset::Entity::update_many()
        .col_expr(asset::Column::Name, Expr::value(changes.name.clone()))
        .col_expr(asset::Column::NameSort, Expr::value(changes.name.to_lowercase()))
        .col_expr(asset::Column::Description, Expr::value(changes.description.clone()))
        .col_expr(asset::Column::Availability, Expr::value(changes.availability.code()))
        .col_expr(asset::Column::Localizable, Expr::value(changes.localizable))
        .col_expr(asset::Column::Revision, Expr::col(asset::Column::Revision).add(1))
        .filter(asset::Column::Id.eq(id.0))
        .filter(asset::Column::Revision.eq(revision))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        let exists = asset::Entity::find_by_id(id.0).one(db).await?.is_some();
        return Ok(if exists { Revised::Stale } else { Revised::Missing });
    }
    asset_label::Entity::delete_many()
        .filter(asset_label::Column::AssetId.eq(id.0))
        .exec(db)
        .await?;
    super::asset_labels::add_labels(db, id, &changes.labels).await?;
    super::search_facts::record_changed(db, &[id]).await?;
    Ok(Revised::Saved)
}

/// The user names of these user ids.
///
/// # Errors
/// Database failures.
pub async fn name_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, DbErr> {
    let names: Vec<(i64, String)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::UserName])
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(names.into_iter().collect())
}

pub(super) fn to_version(model: asset_version::Model, names: &HashMap<i64, String>) -> Result<AssetVersion, DbErr> {
    let file_type: FileType = model
        .file_type
        .parse()
        .map_err(|e| unreadable(format!("version {}: {e}", model.id)))?;
    let dimensions = match (model.width, model.height) {
        (Some(width), Some(height)) => Some(Dimensions {
            width: width as u32,
            height: height as u32,
        }),
        _ => None,
    };
    let locale = match model.locale.as_str() {
        "" => None,
        code => Some(stored_locale(code)?),
    };
    Ok(AssetVersion {
        number: model.number as u32,
        locale,
        file_name: FileName::stored(&model.file_name),
        mime: model.mime,
        file_type,
        size: model.size as u64,
        dimensions,
        added_at: model.created_at,
        added_by: names.get(&model.created_by).cloned().unwrap_or_default(),
    })
}
