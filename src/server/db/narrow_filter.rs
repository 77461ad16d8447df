//! Whether a filter is narrow: it keeps few assets, as a count on one of its groups' own indexes
//! tells (the rows of its labels, its days added), a count that stops at `FEW`.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr,
    sea_query::{Alias, Expr, Query, SelectStatement},
};

use super::{
    asset_filter,
    entities::{asset, asset_label},
};
use crate::domain::AssetFilter;

/// Up to how many matches a page reads and sorts them all at once, rather than first looking
/// through the next assets in order: a filter this narrow seldom has a page among them, and
/// looking costs what sorting this many does (PostgreSQL, a million assets: 5 to 9 ms to look
/// through 2,000; 1 ms to sort a month's 4,069 unlabelled videos by date, 10 ms by name).
pub const FEW: u64 = 5_000;

/// Whether `rest` (a filter without the groups of an asset's facts) keeps at most `FEW` assets
/// among those whose key is one of `keys` (any key when `None`), as its labels or its days tell.
/// `false` when neither tells: the filter may still be narrow.
///
/// # Errors
/// Database failures.
pub async fn is_narrow(db: &impl ConnectionTrait, rest: &AssetFilter, keys: Option<&[i64]>) -> Result<bool, DbErr> {
    for rows in bounds(rest, keys) {
        if count_up_to(db, rows, FEW + 1).await? <= FEW {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Rows at least as many as the assets `rest` keeps: its labels' rows (an asset may have two of
/// them), and the assets of its days.
fn bounds(rest: &AssetFilter, keys: Option<&[i64]>) -> Vec<SelectStatement> {
    let mut bounds = Vec::new();
    if !rest.labels.is_empty() && !rest.no_labels {
        let mut rows = Query::select()
            .expr(Expr::val(1))
            .from(asset_label::Entity)
            .and_where(asset_label::Column::Label.is_in(rest.labels.iter().cloned()))
            .to_owned();
        if let Some(keys) = keys {
            rows.and_where(asset_label::Column::FacetKey.is_in(keys.iter().copied()));
        }
        bounds.push(rows);
    }
    if let Some(days) = asset_filter::added(rest) {
        let mut rows = Query::select()
            .expr(Expr::val(1))
            .from(asset::Entity)
            .and_where(asset::Column::CurrentVersionId.is_not_null())
            .cond_where(days)
            .to_owned();
        if let Some(keys) = keys {
            rows.and_where(asset::Column::FacetKey.is_in(keys.iter().copied()));
        }
        bounds.push(rows);
    }
    bounds
}

/// How many rows `rows` has, counted up to `most`.
async fn count_up_to(db: &impl ConnectionTrait, mut rows: SelectStatement, most: u64) -> Result<u64, DbErr> {
    rows.limit(most);
    let count = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(rows, Alias::new("bounded"))
        .to_owned();
    let row = db.query_one(db.get_database_backend().build(&count)).await?;
    let n: i64 = row.map(|row| row.try_get_by_index(0)).transpose()?.unwrap_or_default();
    Ok(n.unsigned_abs())
}
