//! The grid's cards: what each shows of an asset, read for the assets a page lists.

use super::unreadable;
use sea_orm::DbErr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

use super::{
    entities::{asset, asset_version},
    publication, renditions,
};
use crate::domain::{AssetCard, AssetId, Availability, FileType, Thumbnail};

/// The cards of these assets, in the order given (missing ones left out).
///
/// # Errors
/// Database failures.
pub async fn cards(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<Vec<AssetCard>, DbErr> {
    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
    to_cards(db, rows_in_order(db, &ids).await?).await
}

/// The rows of these assets that have a current version, in the order given.
async fn rows_in_order(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<asset::Model>, DbErr> {
    let mut rows = asset::Entity::find()
        .filter(asset::Column::Id.is_in(ids.iter().copied()))
        .filter(asset::Column::CurrentVersionId.is_not_null())
        .all(db)
        .await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
}

async fn to_cards(db: &impl ConnectionTrait, rows: Vec<asset::Model>) -> Result<Vec<AssetCard>, DbErr> {
    let version_ids: Vec<i64> = rows.iter().filter_map(|row| row.current_version_id).collect();
    let versions: HashMap<i64, (String, String)> = asset_version::Entity::find()
        .select_only()
        .columns([
            asset_version::Column::Id,
            asset_version::Column::ContentKey,
            asset_version::Column::FileType,
        ])
        .filter(asset_version::Column::Id.is_in(version_ids))
        .into_tuple::<(i64, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, key, file_type)| (id, (key, file_type)))
        .collect();
    let keys: Vec<String> = versions.values().map(|(key, _)| key.clone()).collect();
    let thumbnails = renditions::thumbnails(db, &keys).await?;
    let availabilities = rows
        .iter()
        .map(|row| {
            Ok((
                AssetId(row.id),
                row.availability.parse::<Availability>().map_err(unreadable)?,
            ))
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let publications = publication::of(db, &availabilities).await?;
    rows.into_iter()
        .filter_map(|row| {
            let (key, file_type) = versions.get(&row.current_version_id?)?;
            Some((row, key, file_type))
        })
        .map(|(row, key, file_type)| {
            Ok(AssetCard {
                id: AssetId(row.id),
                file_type: file_type
                    .parse::<FileType>()
                    .map_err(|e| unreadable(format!("asset {}: {e}", row.id)))?,
                publication: publications
                    .get(&AssetId(row.id))
                    .copied()
                    .ok_or_else(|| unreadable(format!("asset {} has none", row.id)))?,
                code: row.code,
                name: row.name,
                thumbnail: thumbnails.get(key).cloned().unwrap_or(Thumbnail::None),
            })
        })
        .collect()
}
