//! The grid's pages, by cursor: each page starts after the previous one's last (sort value, id),
//! walking an index; no OFFSET, so the millionth asset costs what the first does.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Value,
    sea_query::{Alias, Asterisk, Expr, Func, JoinType, Order, Query, SelectStatement, SimpleExpr, UnionType},
};
use std::collections::HashMap;

use super::{
    asset_filter::{self, Days},
    entities::{asset, asset_version},
    facet_key, narrow_filter, publication, renditions,
};
use crate::domain::{
    AppError, AssetCard, AssetFilter, AssetId, AssetPage, AssetSort, Availability, Cursor, FileType, FilterGroup,
    Thumbnail,
};
use crate::server::errors::internal;

/// How many assets in order a page looks through row by row before it asks the filter's indexes.
const WINDOW: u64 = 2_000;

/// Up to how many keys present a filter of an asset's facts alone is read key by key.
const MOST_KEYS: usize = 200;

/// Up to how many days a filter of some days (and facts) alone is read day by day, under Name,
/// Size and Recently updated.
const MOST_DAYS: usize = 62;

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
    let mut ids = page_ids(db, filter, after.as_ref(), limit + 1).await?;
    let more = ids.len() as u64 > limit;
    ids.truncate(limit as usize);
    let rows = rows_in_order(db, &ids).await?;
    let next = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                id: AssetId(last.id),
                value: match filter.sort {
                    AssetSort::Latest | AssetSort::Oldest => nanos(last.created_at),
                    AssetSort::Name => last.name_sort.clone(),
                    AssetSort::Size => last.file_size.to_string(),
                    AssetSort::Updated => nanos(last.updated_at),
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

/// An instant as a cursor's value.
fn nanos(instant: time::OffsetDateTime) -> String {
    i64::try_from(instant.unix_timestamp_nanos())
        .unwrap_or(i64::MAX)
        .to_string()
}

/// The ids of up to `count` assets `filter` keeps, in its order, after `after`.
///
/// A filter on a few of an asset's facts (`facet_key` values) reads each key's first assets and
/// merges them. Otherwise a page first checks the next `WINDOW` assets in order row by row: a
/// broad filter finds its page there without sorting all it matches. A narrow one (known to be so
/// beforehand, or found so there) goes through its own indexes, and its matches are sorted; some
/// days alone under Name, Size or Recently updated read each day's first assets and merge them.
async fn page_ids(
    db: &impl ConnectionTrait,
    filter: &AssetFilter,
    after: Option<&Cursor>,
    count: u64,
) -> Result<Vec<i64>, AppError> {
    let backend = db.get_database_backend();
    let split = facet_key::Split::of(filter);
    let keys = match split.asks[..] {
        [] => None,
        _ => facet_key::present(db, &split.asks, MOST_KEYS).await?,
    };
    if keys.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Vec::new());
    }
    let facts = Condition::all()
        .add(asset::Column::CurrentVersionId.is_not_null())
        .add(match &keys {
            // The keys themselves, so that an index led by the key may be used.
            Some(keys) => asset::Column::FacetKey.is_in(keys.iter().copied()),
            None => facet_key::condition(&split.asks, "assets.facet_key"),
        });
    if !split.rest.is_filtered() {
        // Facts alone: the first assets of each key they keep, when those keys are few, else the
        // sort's index (the unfiltered grid: its first entries; a broad filter: soon found).
        return match keys {
            Some(keys) => ids(db, &by_key(backend, &keys, filter.sort, after, count)?).await,
            None => {
                let mut query = asset::Entity::find()
                    .select_only()
                    .column(asset::Column::Id)
                    .filter(facts)
                    .limit(count)
                    .into_query();
                in_order(&mut query, filter.sort, after)?;
                ids(db, &query).await
            }
        };
    }
    let narrow = narrow_filter::is_narrow(db, &split.rest, keys.as_deref()).await?;
    if !narrow {
        let found = match updated_since_days(db, filter.sort, &split.rest, facts.clone(), after, count).await? {
            Some(found) => found,
            None => {
                let start = window_start(filter.sort, &split.rest);
                ids(
                    db,
                    &in_window(db, filter.sort, &split.rest, facts.clone(), start, after, count).await?,
                )
                .await?
            }
        };
        if found.len() as u64 == count {
            return Ok(found);
        }
    }
    if !narrow && let Some(days) = days_alone(filter.sort, &split.rest) {
        return ids(db, &by_day(backend, &days, &facts, filter.sort, after, count)?).await;
    }
    let rest = asset_filter::condition(db, &split.rest).await?;
    ids(db, &sorted_matches(facts.add(rest), filter.sort, after, count)?).await
}

/// The days of `rest` when it asks nothing else of SQL, they are at most `MOST_DAYS`, and `sort`
/// has an index by day (Name, Size, Recently updated): each day's first assets are then read apart
/// and merged.
fn days_alone(sort: AssetSort, rest: &AssetFilter) -> Option<Vec<time::Date>> {
    if !matches!(sort, AssetSort::Name | AssetSort::Size | AssetSort::Updated)
        || rest.without_group(FilterGroup::Added).is_filtered()
    {
        return None;
    }
    let Days { start, end } = asset_filter::days(rest)?;
    let first = start?.date();
    // No end: up to today, and tomorrow for a clock a little ahead.
    let end = match end {
        Some(end) => end.date(),
        None => time::OffsetDateTime::now_utc().date().next_day()?.next_day()?,
    };
    let days: Vec<time::Date> = std::iter::successors(Some(first), |day| day.next_day())
        .take_while(|day| *day < end)
        .take(MOST_DAYS + 1)
        .collect();
    (days.len() <= MOST_DAYS).then_some(days)
}

/// The assets among the next `WINDOW` in `sort` order (from `start` when given, after the
/// cursor) that meet `facts` and `rest`, checked row by row, up to a page.
///
/// The window's rows are named `assets`, so the filter's conditions read them as they are: no
/// join back to the table, which PostgreSQL may plan as every window asset against every match
/// (a month's videos without labels: 2,000 × 4,069 rows, 606 ms).
async fn in_window(
    db: &impl ConnectionTrait,
    sort: AssetSort,
    rest: &AssetFilter,
    facts: Condition,
    start: Option<Condition>,
    after: Option<&Cursor>,
    count: u64,
) -> Result<SelectStatement, AppError> {
    let mut next = asset::Entity::find()
        .filter(asset::Column::CurrentVersionId.is_not_null())
        .filter(start.unwrap_or_else(Condition::all))
        .limit(WINDOW)
        .into_query();
    in_order(&mut next, sort, after)?;
    let mut query = Query::select()
        .column((asset::Entity, asset::Column::Id))
        .from_subquery(next, asset::Entity)
        .cond_where(facts)
        .cond_where(asset_filter::row_condition(db, rest).await?)
        .limit(count)
        .to_owned();
    in_order(&mut query, sort, None)?;
    Ok(query)
}

/// Where the window starts in `sort` order for `rest`, when not at the start: under Latest and
/// Oldest, the days added are one stretch of the order, and the window starts where they do.
fn window_start(sort: AssetSort, rest: &AssetFilter) -> Option<Condition> {
    match sort {
        AssetSort::Latest | AssetSort::Oldest => asset_filter::added(rest),
        AssetSort::Name | AssetSort::Size | AssetSort::Updated => None,
    }
}

/// Under Recently updated, the first assets of a filter whose days added ended before the latest
/// updates, up to a page (fewer when they lie far apart); `None` where this would cost more than
/// sorting the days' assets, or the cursor is already past the days' end.
///
/// Those updated since the days ended come first. Each was updated on a later day than it was
/// added, so they are found by walking the index of such assets by the time updated down to that
/// end, checking the time added in its entries; the assets added since and edited on a later day
/// (none of which match) are what this walk costs, and fewer were added since than during the
/// days (their ids tell). Then the next assets from that end are looked through as a window:
/// an asset is updated when it is added and then now and again, so the days' assets lie close
/// together there. (A million assets, January to October of a year to December: 6 ms on SQLite
/// and 4 ms on PostgreSQL, against 17 and 18–23 ms walking the index of every asset, and 104 ms
/// on SQLite to sort the 833,000 assets of those days by the time updated.)
async fn updated_since_days(
    db: &impl ConnectionTrait,
    sort: AssetSort,
    rest: &AssetFilter,
    facts: Condition,
    after: Option<&Cursor>,
    count: u64,
) -> Result<Option<Vec<i64>>, AppError> {
    let Some(days @ Days { end: Some(end), .. }) = asset_filter::days(rest) else {
        return Ok(None);
    };
    // The days end at a midnight (UTC), so that an asset added before and updated since was
    // updated on a later day.
    if sort != AssetSort::Updated || end.time() != time::Time::MIDNIGHT || end.offset() != time::UtcOffset::UTC {
        return Ok(None);
    }
    if let Some(cursor) = after
        && cursor.instant()? < end
    {
        return Ok(None);
    }
    if !fewer_added_since(db, days).await? {
        return Ok(None);
    }
    let updated = || Expr::col((asset::Entity, asset::Column::UpdatedAt));
    let mut since = Query::select()
        .column((asset::Entity, asset::Column::Id))
        .from(asset::Entity)
        .cond_where(facts.clone())
        .cond_where(asset_filter::condition(db, &rest.without_group(FilterGroup::Added)).await?)
        .cond_where(walked(days))
        .and_where(updated().gte(end))
        // True of every asset added before the days' end and updated since: the condition of the
        // index of assets updated on a later day than added, which is walked instead.
        .and_where(Expr::cust(migration::updated_on_a_later_day(db.get_database_backend())))
        .limit(count)
        .to_owned();
    in_order(&mut since, sort, after)?;
    let mut found = ids(db, &since).await?;
    let missing = count - found.len() as u64;
    if missing > 0 {
        let start = Condition::all().add(updated().lt(end));
        found.extend(
            ids(
                db,
                &in_window(db, sort, rest, facts, Some(start), after, missing).await?,
            )
            .await?,
        );
    }
    Ok(Some(found))
}

/// `days` as checked on each entry of a walk: written so that neither database looks them up
/// in the index of the time added instead, which both would, and then sort all the days' assets.
fn walked(days: Days) -> Condition {
    let added = || {
        Expr::expr(Func::coalesce([
            Expr::col((asset::Entity, asset::Column::CreatedAt)).into(),
            Expr::col((asset::Entity, asset::Column::CreatedAt)).into(),
        ]))
    };
    Condition::all()
        .add_option(days.start.map(|start| added().gte(start)))
        .add_option(days.end.map(|end| added().lt(end)))
}

/// Whether fewer assets were added since `days` ended than during them, as the ids of the first
/// assets added from each instant tell (ids are given in the order assets are added).
async fn fewer_added_since(db: &impl ConnectionTrait, days: Days) -> Result<bool, AppError> {
    let first_from = |instant: Option<time::OffsetDateTime>| {
        let mut first = asset::Entity::find().select_only().column(asset::Column::Id);
        if let Some(instant) = instant {
            first = first
                .filter(asset::Column::CreatedAt.gte(instant))
                .order_by_asc(asset::Column::CreatedAt);
        }
        first.order_by_asc(asset::Column::Id).into_tuple::<i64>().one(db)
    };
    let Some(last) = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .order_by_desc(asset::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let after_days = first_from(days.end).await?.unwrap_or(last + 1);
    let days_start = first_from(days.start).await?.unwrap_or(after_days);
    Ok(last + 1 - after_days < after_days - days_start)
}

/// Every asset `condition` keeps (after the cursor), read through the filter's own indexes and
/// then sorted. Both databases reckon matches spread evenly along the sort's index and would walk
/// it from the start; after the window found them sparse there, they may lie far down it (a
/// month's assets under Recently updated on PostgreSQL: 79,000 entries walked, 237 ms, against
/// 40 ms this way; a label under Latest on SQLite: 10.5 ms, against 2.4 ms).
fn sorted_matches(
    condition: Condition,
    sort: AssetSort,
    after: Option<&Cursor>,
    count: u64,
) -> Result<SelectStatement, AppError> {
    let mut matches = Query::select()
        .column((asset::Entity, asset::Column::Id))
        .columns(order_of(sort).iter().map(|(column, _)| (asset::Entity, *column)))
        .from(asset::Entity)
        .cond_where(condition)
        // A subquery with a LIMIT and an OFFSET is planned on its own, not merged into the outer
        // query (SQLite takes no OFFSET without a LIMIT).
        .limit(i64::MAX.unsigned_abs())
        .offset(0)
        .to_owned();
    past(&mut matches, sort, after)?;
    Ok(outer_order(matches, Alias::new("matches"), sort, count))
}

async fn ids(db: &impl ConnectionTrait, query: &SelectStatement) -> Result<Vec<i64>, AppError> {
    db.query_all(db.get_database_backend().build(query))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0).map_err(AppError::from))
        .collect()
}

/// The first `count` assets of each key in `keys` (through the index of the key and the sort),
/// merged in `sort` order: a few short walks, however far the first match is in the whole order.
fn by_key(
    backend: DbBackend,
    keys: &[i64],
    sort: AssetSort,
    after: Option<&Cursor>,
    count: u64,
) -> Result<SelectStatement, AppError> {
    let common = Condition::all().add(asset::Column::CurrentVersionId.is_not_null());
    let keys = keys.iter().map(|&key| key.into()).collect();
    merged(backend, Alias::new("facet_key"), keys, common, sort, after, count)
}

/// The first `count` assets of each day of `days` that `facts` keeps (through the index of the
/// day and the sort), merged in `sort` order, when `sort` has such an index (Name, Size, Recently
/// updated).
fn by_day(
    backend: DbBackend,
    days: &[time::Date],
    facts: &Condition,
    sort: AssetSort,
    after: Option<&Cursor>,
    count: u64,
) -> Result<SelectStatement, AppError> {
    let days = days.iter().map(|&day| day.into()).collect();
    merged(
        backend,
        Alias::new("added_day"),
        days,
        facts.clone(),
        sort,
        after,
        count,
    )
}

/// The first `count` assets in `sort` order that `common` keeps with each of `values` in
/// `column`, merged in that order: each value's assets are walked on their own index, up to
/// `count` rows.
///
/// PostgreSQL plans the walk once and runs it for each value (a lateral join); planning a
/// union of a walk per value took it 4.8 ms for a month's days, against 1.2 ms. SQLite has no
/// lateral join, and plans the union's walks quickly.
fn merged(
    backend: DbBackend,
    column: Alias,
    values: Vec<Value>,
    common: Condition,
    sort: AssetSort,
    after: Option<&Cursor>,
    count: u64,
) -> Result<SelectStatement, AppError> {
    let walk = |value: SimpleExpr| -> Result<SelectStatement, AppError> {
        let mut walk = Query::select()
            .column((asset::Entity, asset::Column::Id))
            .columns(order_of(sort).iter().map(|(column, _)| (asset::Entity, *column)))
            .from(asset::Entity)
            .cond_where(common.clone())
            .and_where(Expr::col((asset::Entity, column.clone())).eq(value))
            .limit(count)
            .to_owned();
        in_order(&mut walk, sort, after)?;
        Ok(walk)
    };
    let Some((first, others)) = values.split_first() else {
        return Err(internal("page", "nothing to read"));
    };
    let rows = if backend == DbBackend::Postgres {
        let (each, part) = (Alias::new("each"), Alias::new("part"));
        // PostgreSQL names the columns of a VALUES list column1, column2, …
        Query::select()
            .column((part.clone(), Asterisk))
            .from_values(values.iter().cloned(), each.clone())
            .join_lateral(
                JoinType::InnerJoin,
                walk(Expr::col((each, Alias::new("column1"))).into())?,
                part,
                Expr::cust("TRUE"),
            )
            .to_owned()
    } else {
        // Each walk keeps its own order and limit inside a subquery (SQLite allows neither on a
        // member of a UNION).
        let part = |i: usize, value: &Value| -> Result<SelectStatement, AppError> {
            Ok(Query::select()
                .column(Asterisk)
                .from_subquery(walk(value.clone().into())?, Alias::new(format!("part{i}")))
                .to_owned())
        };
        let mut union = part(0, first)?;
        for (i, value) in others.iter().enumerate() {
            union.union(UnionType::All, part(i + 1, value)?);
        }
        union
    };
    Ok(outer_order(rows, Alias::new("merged"), sort, count))
}

/// The ids of the first `count` rows of `rows` (which holds the id and `sort`'s columns), named
/// `alias`, in `sort` order.
fn outer_order(rows: SelectStatement, alias: Alias, sort: AssetSort, count: u64) -> SelectStatement {
    let mut query = Query::select()
        .column((alias.clone(), asset::Column::Id))
        .from_subquery(rows, alias.clone())
        .limit(count)
        .to_owned();
    for (column, order) in order_of(sort) {
        query.order_by((alias.clone(), *column), order.clone());
    }
    query.order_by((alias, asset::Column::Id), id_order(sort));
    query
}

/// The columns `sort` orders by before the id, with their direction.
fn order_of(sort: AssetSort) -> &'static [(asset::Column, Order)] {
    match sort {
        AssetSort::Latest => &[(asset::Column::CreatedAt, Order::Desc)],
        AssetSort::Oldest => &[(asset::Column::CreatedAt, Order::Asc)],
        AssetSort::Name => &[(asset::Column::NameSort, Order::Asc)],
        AssetSort::Size => &[(asset::Column::FileSize, Order::Desc)],
        AssetSort::Updated => &[(asset::Column::UpdatedAt, Order::Desc)],
    }
}

/// The direction of the id, the last of every order.
fn id_order(sort: AssetSort) -> Order {
    match sort {
        AssetSort::Oldest | AssetSort::Name => Order::Asc,
        AssetSort::Latest | AssetSort::Size | AssetSort::Updated => Order::Desc,
    }
}

/// `query` (on `assets`) in `sort` order, after `after` when given.
fn in_order(query: &mut SelectStatement, sort: AssetSort, after: Option<&Cursor>) -> Result<(), AppError> {
    for (column, order) in order_of(sort) {
        query.order_by((asset::Entity, *column), order.clone());
    }
    query.order_by((asset::Entity, asset::Column::Id), id_order(sort));
    past(query, sort, after)
}

/// `query` (on `assets`) narrowed to the rows after `after` in `sort` order, when given: the
/// cursor is one row value compared with (sort value, id), a range of the sort's index.
fn past(query: &mut SelectStatement, sort: AssetSort, after: Option<&Cursor>) -> Result<(), AppError> {
    let Some(cursor) = after else {
        return Ok(());
    };
    let value: SimpleExpr = match sort {
        AssetSort::Latest | AssetSort::Oldest | AssetSort::Updated => cursor.instant()?.into(),
        AssetSort::Name => cursor.value.clone().into(),
        AssetSort::Size => cursor.number()?.into(),
    };
    let columns = order_of(sort)
        .iter()
        .map(|(column, _)| Expr::col((asset::Entity, *column)).into())
        .chain([Expr::col((asset::Entity, asset::Column::Id)).into()]);
    let values = [value, cursor.id.0.into()];
    let (columns, values) = (Expr::tuple(columns), Expr::tuple(values));
    query.and_where(match id_order(sort) {
        Order::Asc => columns.gt(values),
        _ => columns.lt(values),
    });
    Ok(())
}

/// The cards of these assets, in the order given (missing ones left out).
///
/// # Errors
/// Database failures.
pub async fn cards(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<Vec<AssetCard>, AppError> {
    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
    to_cards(db, rows_in_order(db, &ids).await?).await
}

/// The rows of these assets that have a current version, in the order given.
async fn rows_in_order(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<asset::Model>, AppError> {
    let mut rows = asset::Entity::find()
        .filter(asset::Column::Id.is_in(ids.iter().copied()))
        .filter(asset::Column::CurrentVersionId.is_not_null())
        .all(db)
        .await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
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
