//! The Filters panel's counts as they stand, kept by triggers (migration 000020): rows of +1 and
//! -1 per change, assets with a current version by facet key and label rows by label and key.
//! Summing them answers the unfiltered grid's counts, and those of a filter of facts alone,
//! without a pass over every asset. The rows are only ever inserted, so writers never wait on
//! one another; `compact` replaces them with their sums from time to time.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement,
    sea_query::{Alias, Expr, Query, SelectStatement},
};

/// Assets with a current version, counted by facet key.
///
/// # Errors
/// Database failures.
pub async fn by_key(db: &impl ConnectionTrait) -> Result<Vec<(i64, u64)>, DbErr> {
    let sql = "SELECT facet_key, CAST(SUM(n) AS BIGINT) FROM asset_key_counts GROUP BY facet_key HAVING SUM(n) <> 0";
    let rows = db
        .query_all(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|row| {
            let n: i64 = row.try_get_by_index(1)?;
            Ok((row.try_get_by_index(0)?, n.unsigned_abs()))
        })
        .collect()
}

/// Label rows counted by label, as `(label, count)` rows, grouped and narrowed by the caller:
/// the table is `l` (columns `label`, `facet_key`) and the count is `count_of_labels()`.
pub fn by_label() -> SelectStatement {
    Query::select()
        .expr(Expr::cust("l.label"))
        .expr(Expr::cust(count_of_labels()))
        .from_as(Alias::new("label_key_counts"), Alias::new("l"))
        .group_by_col((Alias::new("l"), Alias::new("label")))
        .and_having(Expr::cust("SUM(l.n) > 0"))
        .to_owned()
}

/// The count of `by_label`'s rows, for ordering by it.
pub fn count_of_labels() -> &'static str {
    "CAST(SUM(l.n) AS BIGINT)"
}

/// Replaces the rows of each table with their sums, one row per key (and label).
///
/// # Errors
/// Database failures.
pub async fn compact(db: &DatabaseConnection) -> Result<(), DbErr> {
    let tables = [
        ("asset_key_counts", "facet_key"),
        ("label_key_counts", "label, facet_key"),
    ];
    if db.get_database_backend() == DbBackend::Postgres {
        // What the DELETE takes is exactly what is summed: a concurrent change's rows, not yet
        // committed, stay for the next time.
        for (table, columns) in tables {
            let sql = format!(
                "WITH gone AS (DELETE FROM {table} RETURNING {columns}, n) \
                 INSERT INTO {table} ({columns}, n) SELECT {columns}, SUM(n) FROM gone \
                 GROUP BY {columns} HAVING SUM(n) <> 0"
            );
            db.execute_unprepared(&sql).await?;
        }
        return Ok(());
    }
    // SQLite: one writer at a time. The rows up to the last one now are summed into new rows
    // after it, then deleted.
    let txn = super::begin_write(db).await?;
    for (table, columns) in tables {
        let last = txn
            .query_one(Statement::from_string(
                DbBackend::Sqlite,
                format!("SELECT MAX(rowid) FROM {table}"),
            ))
            .await?
            .map(|row| row.try_get_by_index::<Option<i64>>(0))
            .transpose()?
            .flatten();
        let Some(last) = last else { continue };
        txn.execute_unprepared(&format!(
            "INSERT INTO {table} ({columns}, n) SELECT {columns}, SUM(n) FROM {table} \
             WHERE rowid <= {last} GROUP BY {columns} HAVING SUM(n) <> 0"
        ))
        .await?;
        txn.execute_unprepared(&format!("DELETE FROM {table} WHERE rowid <= {last}"))
            .await?;
    }
    txn.commit().await
}
