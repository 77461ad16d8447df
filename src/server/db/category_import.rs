//! One batch of a category CSV import, in one transaction, row by row (a parent must come before
//! its children): categories are upserted by number, within their catalog.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::HashMap;

use super::{
    entities::{catalog, category},
    product_import::BatchOutcome,
};
use crate::domain::{AppError, CategoryRow};

/// Applies `rows` (each with its line number).
///
/// # Errors
/// Database failures; nothing of the batch is kept then.
pub async fn apply(
    db: &DatabaseConnection,
    rows: std::sync::Arc<[(u64, CategoryRow)]>,
) -> Result<BatchOutcome, AppError> {
    Ok(super::retried(db, |txn| {
        let rows = std::sync::Arc::clone(&rows);
        Box::pin(async move { apply_in(txn, &rows).await })
    })
    .await?)
}

async fn apply_in(db: &impl ConnectionTrait, rows: &[(u64, CategoryRow)]) -> Result<BatchOutcome, DbErr> {
    let codes: Vec<&str> = rows.iter().map(|(_, row)| row.catalog.as_str()).collect();
    let catalogs: HashMap<String, i64> = catalog::Entity::find()
        .select_only()
        .column(catalog::Column::Code)
        .column(catalog::Column::Id)
        .filter(catalog::Column::Code.is_in(codes))
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut outcome = BatchOutcome::default();
    for (line, row) in rows {
        match apply_row(db, &catalogs, row).await? {
            Ok(Change::Created) => outcome.created += 1,
            Ok(Change::Updated) => outcome.updated += 1,
            Ok(Change::Unchanged) => outcome.unchanged += 1,
            Err(reason) => outcome.refused.push((*line, reason)),
        }
    }
    Ok(outcome)
}

enum Change {
    Created,
    Updated,
    Unchanged,
}

async fn apply_row(
    db: &impl ConnectionTrait,
    catalogs: &HashMap<String, i64>,
    row: &CategoryRow,
) -> Result<Result<Change, String>, DbErr> {
    let Some(&catalog) = catalogs.get(&row.catalog) else {
        return Ok(Err(format!(
            "There is no catalog \u{201c}{}\u{201d}; create it on the Catalogs page first.",
            row.catalog
        )));
    };
    let parent = match &row.parent {
        None => None,
        Some(number) => match by_number(db, number).await? {
            Some(parent) if parent.catalog_id == catalog => Some(parent.id),
            Some(_) => {
                return Ok(Err(format!(
                    "The parent \u{201c}{number}\u{201d} is in another catalog."
                )));
            }
            None => {
                return Ok(Err(format!(
                    "There is no category \u{201c}{number}\u{201d} to put it under (parents come before their children)."
                )));
            }
        },
    };
    let Some(existing) = by_number(db, &row.number).await? else {
        category::Entity::insert(category::ActiveModel {
            catalog_id: Set(catalog),
            parent_id: Set(parent),
            number: Set(row.number.clone()),
            name: Set(row.name.clone()),
            position: Set(end_of_siblings(db, catalog, parent).await?),
            ..Default::default()
        })
        .exec(db)
        .await?;
        return Ok(Ok(Change::Created));
    };
    if existing.catalog_id != catalog {
        return Ok(Err(format!(
            "\u{201c}{}\u{201d} is in another catalog; a category never moves to another catalog.",
            row.number
        )));
    }
    if existing.name == row.name && existing.parent_id == parent {
        return Ok(Ok(Change::Unchanged));
    }
    let mut update = category::Entity::update_many()
        .col_expr(category::Column::Name, row.name.clone().into())
        .filter(category::Column::Id.eq(existing.id));
    if existing.parent_id != parent {
        if let Some(parent) = parent
            && is_below(db, parent, existing.id).await?
        {
            return Ok(Err(
                "A category cannot go under itself or one of its subcategories.".into()
            ));
        }
        update = update.col_expr(category::Column::ParentId, parent.into()).col_expr(
            category::Column::Position,
            end_of_siblings(db, catalog, parent).await?.into(),
        );
    }
    update.exec(db).await?;
    Ok(Ok(Change::Updated))
}

async fn by_number(db: &impl ConnectionTrait, number: &str) -> Result<Option<category::Model>, DbErr> {
    category::Entity::find()
        .filter(category::Column::Number.eq(number))
        .one(db)
        .await
}

/// Whether `id` is `ancestor` or below it.
async fn is_below(db: &impl ConnectionTrait, id: i64, ancestor: i64) -> Result<bool, DbErr> {
    let mut next = Some(id);
    while let Some(id) = next {
        if id == ancestor {
            return Ok(true);
        }
        next = category::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|c| c.parent_id);
    }
    Ok(false)
}

async fn end_of_siblings(db: &impl ConnectionTrait, catalog: i64, parent: Option<i64>) -> Result<i32, DbErr> {
    let last: Option<Option<i32>> = category::Entity::find()
        .select_only()
        .column_as(category::Column::Position.max(), "last")
        .filter(category::Column::CatalogId.eq(catalog))
        .filter(match parent {
            Some(parent) => category::Column::ParentId.eq(parent),
            None => category::Column::ParentId.is_null(),
        })
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().map_or(0, |last| last + 1))
}
