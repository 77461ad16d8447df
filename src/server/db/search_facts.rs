//! What the search index knows of each asset that has a current version, read in slices of ids,
//! and the log of changed assets every instance follows to keep its index current.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryResult, Statement, sea_query::Expr};
use std::collections::HashMap;

use super::{entities::asset, now_millis};
use crate::domain::{AssetId, CategoryId, ProductStatus, UserId};

/// An asset's facts as stored; the index derives the rest (publication, search text).
#[derive(Clone, Debug)]
pub struct StoredFacts {
    pub id: AssetId,
    /// Unix nanoseconds.
    pub added: i64,
    pub updated: i64,
    pub name_sort: String,
    pub size: i64,
    pub file_type: String,
    pub availability: String,
    pub added_by: UserId,
    pub name: String,
    pub code: String,
    pub description: String,
    pub file_name: String,
    pub labels: Vec<String>,
    /// Each linked product, and whether it is published.
    pub products: Vec<(i64, bool)>,
    pub categories: Vec<CategoryId>,
}

const COLUMNS: &str = "a.id, a.created_at, a.updated_at, a.name_sort, a.file_size, v.file_type, a.availability, \
                       a.created_by, a.name, a.code, a.description, v.file_name";

/// Up to `limit` assets with a current version after `after`, in the order of their ids.
///
/// # Errors
/// Database failures.
pub async fn after(db: &impl ConnectionTrait, after: AssetId, limit: u64) -> Result<Vec<StoredFacts>, DbErr> {
    let rows = query(
        db,
        format!(
            "SELECT {COLUMNS} FROM assets a JOIN asset_versions v ON v.id = a.current_version_id \
             WHERE a.id > {} ORDER BY a.id LIMIT {limit}",
            after.0
        ),
    )
    .await?;
    let facts = rows.iter().map(row_facts).collect::<Result<Vec<_>, DbErr>>()?;
    let (Some(first), Some(last)) = (facts.first(), facts.last()) else {
        return Ok(facts);
    };
    let range = format!("BETWEEN {} AND {}", first.id.0, last.id.0);
    with_links(db, facts, &range).await
}

/// These assets' facts; those without a current version, or gone, are left out.
///
/// # Errors
/// Database failures.
pub async fn of(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<Vec<StoredFacts>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",");
    let rows = query(
        db,
        format!(
            "SELECT {COLUMNS} FROM assets a JOIN asset_versions v ON v.id = a.current_version_id WHERE a.id IN ({list})"
        ),
    )
    .await?;
    let facts = rows.iter().map(row_facts).collect::<Result<Vec<_>, DbErr>>()?;
    with_links(db, facts, &format!("IN ({list})")).await
}

async fn with_links(
    db: &impl ConnectionTrait,
    mut facts: Vec<StoredFacts>,
    ids: &str,
) -> Result<Vec<StoredFacts>, DbErr> {
    let at: HashMap<i64, usize> = facts.iter().enumerate().map(|(i, f)| (f.id.0, i)).collect();
    for row in query(
        db,
        format!("SELECT asset_id, label FROM asset_labels WHERE asset_id {ids}"),
    )
    .await?
    {
        if let Some(&i) = at.get(&row.try_get_by_index::<i64>(0)?) {
            facts[i].labels.push(row.try_get_by_index(1)?);
        }
    }
    let links = format!(
        "SELECT pa.asset_id, pa.product_id, p.status FROM product_assets pa JOIN products p ON p.id = pa.product_id \
         WHERE pa.asset_id {ids}"
    );
    for row in query(db, links).await? {
        if let Some(&i) = at.get(&row.try_get_by_index::<i64>(0)?) {
            let status: String = row.try_get_by_index(2)?;
            facts[i]
                .products
                .push((row.try_get_by_index(1)?, status == ProductStatus::Published.code()));
        }
    }
    let categories = format!("SELECT asset_id, category_id FROM asset_categories WHERE asset_id {ids}");
    for row in query(db, categories).await? {
        if let Some(&i) = at.get(&row.try_get_by_index::<i64>(0)?) {
            facts[i].categories.push(CategoryId(row.try_get_by_index(1)?));
        }
    }
    Ok(facts)
}

fn row_facts(row: &QueryResult) -> Result<StoredFacts, DbErr> {
    let nanos = |i| -> Result<i64, DbErr> {
        let instant: time::OffsetDateTime = row.try_get_by_index(i)?;
        Ok(i64::try_from(instant.unix_timestamp_nanos()).unwrap_or(i64::MAX))
    };
    Ok(StoredFacts {
        id: AssetId(row.try_get_by_index(0)?),
        added: nanos(1)?,
        updated: nanos(2)?,
        name_sort: row.try_get_by_index(3)?,
        size: row.try_get_by_index(4)?,
        file_type: row.try_get_by_index(5)?,
        availability: row.try_get_by_index(6)?,
        added_by: UserId(row.try_get_by_index(7)?),
        name: row.try_get_by_index(8)?,
        code: row.try_get_by_index(9)?,
        description: row.try_get_by_index(10)?,
        file_name: row.try_get_by_index(11)?,
        labels: Vec::new(),
        products: Vec::new(),
        categories: Vec::new(),
    })
}

/// Every value in these queries is a number of ours, written into the SQL.
async fn query(db: &impl ConnectionTrait, sql: String) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all(Statement::from_string(db.get_database_backend(), sql))
        .await
}

/// The write hook: every change to assets, their labels, versions or links calls it in its
/// transaction. It marks them updated now (the Recently updated order) and logs them for the
/// search index of every instance.
///
/// # Errors
/// Database failures.
pub async fn record_changed(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let now = time::OffsetDateTime::now_utc();
    for chunk in ids.chunks(500) {
        asset::Entity::update_many()
            .col_expr(asset::Column::UpdatedAt, Expr::value(now))
            .filter(asset::Column::Id.is_in(chunk.iter().map(|id| id.0)))
            .exec(db)
            .await?;
    }
    super::publication::announce_changes(db, ids).await?;
    log(db, ids).await
}

/// Records that these assets changed, in the transaction that changes them.
///
/// # Errors
/// Database failures.
pub async fn log(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<(), DbErr> {
    let now = now_millis();
    for chunk in ids.chunks(500) {
        let rows = chunk
            .iter()
            .map(|id| format!("({}, {now})", id.0))
            .collect::<Vec<_>>()
            .join(",");
        db.execute_unprepared(&format!(
            "INSERT INTO search_changes (asset_id, logged_at) VALUES {rows}"
        ))
        .await?;
    }
    Ok(())
}

/// Records that the assets linked to these products changed (a product's status decides whether
/// its Automatic assets are published), and tells webhooks of those whose publication changed.
///
/// # Errors
/// Database failures.
pub async fn log_linked_to(db: &impl ConnectionTrait, products: &[i64]) -> Result<(), DbErr> {
    for chunk in products.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        // Read once: logged for the index and asked whether their publication changed.
        let linked: Vec<AssetId> = query(
            db,
            format!("SELECT DISTINCT asset_id FROM product_assets WHERE product_id IN ({list})"),
        )
        .await?
        .iter()
        .map(|row| row.try_get_by_index(0).map(AssetId))
        .collect::<Result<_, DbErr>>()?;
        log(db, &linked).await?;
        super::publication::announce_changes(db, &linked).await?;
    }
    Ok(())
}

/// Records that the assets in these categories changed (before the categories go).
///
/// # Errors
/// Database failures.
pub async fn log_in_categories(db: &impl ConnectionTrait, categories: &[i64]) -> Result<(), DbErr> {
    for chunk in categories.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        db.execute_unprepared(&format!(
            "INSERT INTO search_changes (asset_id, logged_at) SELECT DISTINCT asset_id, {} FROM asset_categories \
             WHERE category_id IN ({list})",
            now_millis()
        ))
        .await?;
    }
    Ok(())
}

/// One logged change.
#[derive(Clone, Copy, Debug)]
pub struct Change {
    pub seq: i64,
    pub asset: AssetId,
    /// Unix milliseconds.
    pub logged_at: i64,
}

/// Changes logged after `seq`, oldest first, at most `limit`.
///
/// # Errors
/// Database failures.
pub async fn changes_after(db: &impl ConnectionTrait, seq: i64, limit: u64) -> Result<Vec<Change>, DbErr> {
    let rows = query(
        db,
        format!("SELECT seq, asset_id, logged_at FROM search_changes WHERE seq > {seq} ORDER BY seq LIMIT {limit}"),
    )
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Change {
                seq: row.try_get_by_index(0)?,
                asset: AssetId(row.try_get_by_index(1)?),
                logged_at: row.try_get_by_index(2)?,
            })
        })
        .collect()
}

/// The last change logged before `millis`, 0 when none.
///
/// # Errors
/// Database failures.
pub async fn last_before(db: &impl ConnectionTrait, millis: i64) -> Result<i64, DbErr> {
    let rows = query(
        db,
        format!("SELECT MAX(seq) FROM search_changes WHERE logged_at < {millis}"),
    )
    .await?;
    Ok(rows
        .first()
        .map(|row| row.try_get_by_index::<Option<i64>>(0))
        .transpose()?
        .flatten()
        .unwrap_or(0))
}

/// Forgets changes logged before `millis`: every instance has long followed them.
///
/// # Errors
/// Database failures.
pub async fn forget_before(db: &impl ConnectionTrait, millis: i64) -> Result<(), DbErr> {
    db.execute_unprepared(&format!("DELETE FROM search_changes WHERE logged_at < {millis}"))
        .await
        .map(|_| ())
}
