//! One batch of a product CSV import, in one transaction: rows are upserted by number; a row
//! naming an unknown category is refused and changes nothing.

use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use super::BatchOutcome;
use crate::domain::{AppError, CategoryId, ProductRow};
use crate::server::db;

/// Applies `rows` (each with its line number).
///
/// # Errors
/// Database failures; nothing of the batch is kept then.
pub async fn apply(db: &DatabaseConnection, rows: Arc<[(u64, ProductRow)]>) -> Result<BatchOutcome, AppError> {
    Ok(db::retried(db, |txn| {
        let rows = Arc::clone(&rows);
        Box::pin(async move { apply_in(txn, &rows).await })
    })
    .await?)
}

async fn apply_in(txn: &impl ConnectionTrait, rows: &[(u64, ProductRow)]) -> Result<BatchOutcome, sea_orm::DbErr> {
    let numbers: HashSet<&str> = rows
        .iter()
        .flat_map(|(_, row)| row.categories.iter().map(String::as_str))
        .collect();
    let categories = db::product_import::category_ids(txn, &numbers).await?;
    let mut outcome = BatchOutcome::default();
    let mut accepted = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        match in_categories(&categories, row) {
            Ok(wanted) => accepted.push((row, wanted)),
            Err(refusal) => outcome.refused.push((*line, refusal)),
        }
    }
    let counts = db::product_import::upsert(txn, &accepted).await?;
    outcome.created = counts.created;
    outcome.updated = counts.updated;
    outcome.unchanged = counts.unchanged;
    Ok(outcome)
}

/// The categories the row puts its product in, or why it is refused.
fn in_categories(categories: &HashMap<String, CategoryId>, row: &ProductRow) -> Result<HashSet<CategoryId>, String> {
    row.categories
        .iter()
        .map(|number| {
            categories
                .get(number)
                .copied()
                .ok_or_else(|| format!("There is no category \u{201c}{number}\u{201d}."))
        })
        .collect()
}
