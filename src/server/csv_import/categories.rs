//! One batch of a category CSV import, in one transaction, row by row (a parent must come before
//! its children): categories are upserted by number within their catalog, by the rules of the
//! Catalogs page; a refused row changes nothing and says why.

use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::{collections::HashMap, sync::Arc};

use super::BatchOutcome;
use crate::domain::{AppError, CatalogId, CategoryRow};
use crate::server::{
    db::{self, category_import::StoredCategory},
    errors::ServiceError,
};

/// Applies `rows` (each with its line number).
///
/// # Errors
/// Database failures; nothing of the batch is kept then.
pub async fn apply(db: &DatabaseConnection, rows: Arc<[(u64, CategoryRow)]>) -> Result<BatchOutcome, AppError> {
    Ok(db::retried(db, |txn| {
        let rows = Arc::clone(&rows);
        Box::pin(async move { apply_in(txn, &rows).await })
    })
    .await?)
}

async fn apply_in(txn: &impl ConnectionTrait, rows: &[(u64, CategoryRow)]) -> Result<BatchOutcome, ServiceError> {
    let codes: Vec<&str> = rows.iter().map(|(_, row)| row.catalog.as_str()).collect();
    let catalogs = db::category_import::catalog_ids(txn, &codes).await?;
    let mut outcome = BatchOutcome::default();
    for (line, row) in rows {
        match apply_row(txn, &catalogs, row).await {
            Ok(Change::Created) => outcome.created += 1,
            Ok(Change::Updated) => outcome.updated += 1,
            Ok(Change::Unchanged) => outcome.unchanged += 1,
            Err(ServiceError::Refused(reason)) => outcome.refused.push((*line, reason.to_string())),
            Err(failure) => return Err(failure),
        }
    }
    Ok(outcome)
}

enum Change {
    Created,
    Updated,
    Unchanged,
}

fn refused(reason: String) -> ServiceError {
    ServiceError::Refused(AppError::Validation(reason))
}

async fn apply_row(
    txn: &impl ConnectionTrait,
    catalogs: &HashMap<String, CatalogId>,
    row: &CategoryRow,
) -> Result<Change, ServiceError> {
    let Some(&catalog) = catalogs.get(&row.catalog) else {
        return Err(refused(format!(
            "There is no catalog \u{201c}{}\u{201d}; create it on the Catalogs page first.",
            row.catalog
        )));
    };
    let parent = match &row.parent {
        None => None,
        Some(number) => match db::category_import::by_number(txn, number).await? {
            Some(parent) if parent.catalog == catalog => Some(parent.id),
            Some(_) => {
                return Err(refused(format!(
                    "The parent \u{201c}{number}\u{201d} is in another catalog."
                )));
            }
            None => {
                return Err(refused(format!(
                    "There is no category \u{201c}{number}\u{201d} to put it under (parents come before their children)."
                )));
            }
        },
    };
    let Some(existing) = db::category_import::by_number(txn, &row.number).await? else {
        db::category_import::insert(txn, catalog, parent, &row.number, &row.name).await?;
        return Ok(Change::Created);
    };
    if existing.catalog != catalog {
        return Err(refused(format!(
            "\u{201c}{}\u{201d} is in another catalog; a category never moves to another catalog.",
            row.number
        )));
    }
    if existing.name == row.name && existing.parent == parent {
        return Ok(Change::Unchanged);
    }
    let moved = existing.parent != parent;
    if moved
        && let Some(parent) = parent
        && db::category_import::is_below(txn, parent, existing.id).await?
    {
        return Err(refused(
            "A category cannot go under itself or one of its subcategories.".into(),
        ));
    }
    let changed = StoredCategory {
        name: row.name.clone(),
        parent,
        ..existing
    };
    db::category_import::update(txn, &changed, moved).await?;
    Ok(Change::Updated)
}
