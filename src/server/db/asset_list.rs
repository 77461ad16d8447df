//! The grid's pages, by cursor: each page starts after the previous one's last (sort value, id),
//! walking an index; no OFFSET, so the millionth asset costs what the first does.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;

use super::{
    entities::{asset, asset_version},
    publication, renditions,
};
use crate::domain::{
    AppError, AssetCard, AssetFilter, AssetId, AssetPage, AssetSort, Availability, Cursor, FileType, Thumbnail,
};
use crate::server::errors::internal;

/// How many assets in order a page looks through row by row before it asks the filter's indexes.
const WINDOW: u64 = 4_000;

/// Up to `limit` cards in `sort` order, after `after` when given.
///
/// # Errors
/// `Validation` for a cursor that does not fit the order; database failures.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &AssetFilter,
    after: Option<Cursor>,
    limit: u64,
) -> Result<AssetPage, AppError> {
    let sort = filter.sort;
    let ordered = |query: Select<asset::Entity>| -> Result<Select<asset::Entity>, AppError> {
        in_order(query, sort, after.as_ref())
    };
    // The next few thousand assets in order first, each checked row by row: a broad filter
    // finds its page among them without sorting everything it matches.
    let window = ordered(asset::Entity::find().filter(asset::Column::CurrentVersionId.is_not_null()))?
        .select_only()
        .column(asset::Column::Id)
        .limit(WINDOW)
        .into_query();
    let in_window = ordered(
        asset::Entity::find()
            .filter(super::asset_filter::row_condition(db, filter).await?)
            .filter(asset::Column::Id.in_subquery(window)),
    )?;
    let mut rows = in_window.limit(limit + 1).all(db).await?;
    if rows.len() as u64 <= limit {
        // A narrow filter: its assets through its own indexes, sorted.
        let query = ordered(asset::Entity::find().filter(super::asset_filter::condition(db, filter).await?))?;
        rows = query.limit(limit + 1).all(db).await?;
    }
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                id: AssetId(last.id),
                value: match sort {
                    AssetSort::Latest | AssetSort::Oldest => String::new(),
                    AssetSort::Name => last.name_sort.clone(),
                    AssetSort::Size => last.file_size.to_string(),
                    AssetSort::Updated => i64::try_from(last.updated_at.unix_timestamp_nanos())
                        .unwrap_or(i64::MAX)
                        .to_string(),
                },
            }
            .encode(),
        ),
        _ => None,
    };
    Ok(AssetPage {
        cards: to_cards(db, rows).await?,
        next,
    })
}

/// `query` in `sort` order, after `after` when given.
fn in_order(
    query: Select<asset::Entity>,
    sort: AssetSort,
    after: Option<&Cursor>,
) -> Result<Select<asset::Entity>, AppError> {
    use asset::Column::{FileSize, Id, NameSort, UpdatedAt};
    let mut query = match sort {
        AssetSort::Latest => query.order_by_desc(Id),
        AssetSort::Oldest => query.order_by_asc(Id),
        AssetSort::Name => query.order_by_asc(NameSort).order_by_asc(Id),
        AssetSort::Size => query.order_by_desc(FileSize).order_by_desc(Id),
        AssetSort::Updated => query.order_by_desc(UpdatedAt).order_by_desc(Id),
    };
    if let Some(cursor) = after {
        let AssetId(id) = cursor.id;
        query = query.filter(match sort {
            AssetSort::Latest => Condition::all().add(Id.lt(id)),
            AssetSort::Oldest => Condition::all().add(Id.gt(id)),
            AssetSort::Name => Condition::any()
                .add(NameSort.gt(cursor.value.clone()))
                .add(Condition::all().add(NameSort.eq(cursor.value.clone())).add(Id.gt(id))),
            AssetSort::Size => {
                let size = cursor.number()?;
                Condition::any()
                    .add(FileSize.lt(size))
                    .add(Condition::all().add(FileSize.eq(size)).add(Id.lt(id)))
            }
            AssetSort::Updated => {
                let at = cursor.instant()?;
                Condition::any()
                    .add(UpdatedAt.lt(at))
                    .add(Condition::all().add(UpdatedAt.eq(at)).add(Id.lt(id)))
            }
        });
    }
    Ok(query)
}

/// The cards of these assets, in the order given (missing ones left out).
///
/// # Errors
/// Database failures.
pub async fn cards(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<Vec<AssetCard>, AppError> {
    let rows = asset::Entity::find()
        .filter(asset::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(asset::Column::CurrentVersionId.is_not_null())
        .all(db)
        .await?;
    let mut cards = to_cards(db, rows).await?;
    cards.sort_by_key(|card| ids.iter().position(|id| *id == card.id));
    Ok(cards)
}

async fn to_cards(db: &impl ConnectionTrait, rows: Vec<asset::Model>) -> Result<Vec<AssetCard>, AppError> {
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
        .map(|row| Ok((AssetId(row.id), row.availability.parse::<Availability>()?)))
        .collect::<Result<Vec<_>, AppError>>()?;
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
                    .map_err(|e| internal("database", format!("asset {}: {e}", row.id)))?,
                publication: publications
                    .get(&AssetId(row.id))
                    .copied()
                    .ok_or_else(|| internal("publication", format!("asset {} has none", row.id)))?,
                name: row.name,
                thumbnail: thumbnails.get(key).cloned().unwrap_or(Thumbnail::None),
            })
        })
        .collect()
}
