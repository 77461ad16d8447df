//! One batch of a product CSV import, in one transaction: rows are upserted by number; a row
//! naming an unknown category is refused and changes nothing.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::{HashMap, HashSet};

use super::entities::{category, product, product_category};
use crate::domain::{AppError, ProductId, ProductRow};

/// What one batch did: counts, and the refused rows' lines and reasons.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub refused: Vec<(u64, String)>,
}

/// Applies `rows` (each with its line number).
///
/// # Errors
/// Database failures; nothing of the batch is kept then.
pub async fn apply(
    db: &DatabaseConnection,
    rows: std::sync::Arc<[(u64, ProductRow)]>,
) -> Result<BatchOutcome, AppError> {
    Ok(super::retried(db, |txn| {
        let rows = std::sync::Arc::clone(&rows);
        Box::pin(async move { apply_in(txn, &rows).await })
    })
    .await?)
}

async fn apply_in(db: &impl ConnectionTrait, rows: &[(u64, ProductRow)]) -> Result<BatchOutcome, DbErr> {
    let numbers: HashSet<&str> = rows.iter().map(|(_, row)| row.fields.number.as_str()).collect();
    let mut existing: HashMap<String, product::Model> = product::Entity::find()
        .filter(product::Column::Number.is_in(numbers.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|model| (model.number.clone(), model))
        .collect();
    let category_numbers: HashSet<&str> = rows
        .iter()
        .flat_map(|(_, row)| row.categories.iter().map(String::as_str))
        .collect();
    let category_ids: HashMap<String, i64> = if category_numbers.is_empty() {
        HashMap::new()
    } else {
        category::Entity::find()
            .select_only()
            .column(category::Column::Number)
            .column(category::Column::Id)
            .filter(category::Column::Number.is_in(category_numbers.iter().copied()))
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let mut current_categories: HashMap<i64, HashSet<i64>> = HashMap::new();
    let existing_ids: Vec<i64> = existing.values().map(|model| model.id).collect();
    if !existing_ids.is_empty() {
        let links: Vec<(i64, i64)> = product_category::Entity::find()
            .select_only()
            .column(product_category::Column::ProductId)
            .column(product_category::Column::CategoryId)
            .filter(product_category::Column::ProductId.is_in(existing_ids))
            .into_tuple()
            .all(db)
            .await?;
        for (product, category) in links {
            current_categories.entry(product).or_default().insert(category);
        }
    }

    let mut outcome = BatchOutcome::default();
    let mut restatused = Vec::new();
    let now = time::OffsetDateTime::now_utc();
    // New products go in together at the end; a later row with the same number replaces its row.
    let mut new_rows: Vec<(&ProductRow, HashSet<i64>)> = Vec::new();
    let mut new_at: HashMap<&str, usize> = HashMap::new();
    // Existing products whose categories change, with their new ones.
    let mut relinked: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (line, row) in rows {
        let wanted: Result<HashSet<i64>, &str> = row
            .categories
            .iter()
            .map(|number| category_ids.get(number).copied().ok_or(number.as_str()))
            .collect();
        let wanted = match wanted {
            Ok(wanted) => wanted,
            Err(unknown) => {
                outcome
                    .refused
                    .push((*line, format!("There is no category \u{201c}{unknown}\u{201d}.")));
                continue;
            }
        };
        let fields = &row.fields;
        if let Some(&at) = new_at.get(fields.number.as_str()) {
            new_rows[at] = (row, wanted);
            outcome.updated += 1;
            continue;
        }
        let Some(model) = existing.get_mut(&fields.number) else {
            new_at.insert(fields.number.as_str(), new_rows.len());
            new_rows.push((row, wanted));
            outcome.created += 1;
            continue;
        };
        let same_fields =
            model.name == fields.name && model.description == fields.description && model.status == row.status.code();
        let same_categories = current_categories.get(&model.id).cloned().unwrap_or_default() == wanted;
        if same_fields && same_categories {
            outcome.unchanged += 1;
            continue;
        }
        if model.status != row.status.code() {
            restatused.push(ProductId(model.id));
        }
        if !same_fields {
            product::Entity::update_many()
                .col_expr(product::Column::Name, fields.name.clone().into())
                .col_expr(product::Column::NameSearch, fields.name.to_lowercase().into())
                .col_expr(product::Column::Description, fields.description.clone().into())
                .col_expr(product::Column::Status, row.status.code().into())
                .col_expr(product::Column::UpdatedAt, now.into())
                .filter(product::Column::Id.eq(model.id))
                .exec(db)
                .await?;
            model.name.clone_from(&fields.name);
            model.description.clone_from(&fields.description);
            model.status = row.status.code().to_owned();
        }
        if !same_categories {
            current_categories.insert(model.id, wanted.clone());
            relinked.insert(model.id, wanted);
        }
        outcome.updated += 1;
    }
    if !relinked.is_empty() {
        product_category::Entity::delete_many()
            .filter(product_category::Column::ProductId.is_in(relinked.keys().copied()))
            .exec(db)
            .await?;
    }
    if !new_rows.is_empty() {
        product::Entity::insert_many(new_rows.iter().map(|(row, _)| product::ActiveModel {
            number: Set(row.fields.number.clone()),
            name: Set(row.fields.name.clone()),
            name_search: Set(row.fields.name.to_lowercase()),
            description: Set(row.fields.description.clone()),
            status: Set(row.status.code().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }))
        .exec(db)
        .await?;
        let ids: HashMap<String, i64> = product::Entity::find()
            .select_only()
            .column(product::Column::Number)
            .column(product::Column::Id)
            .filter(product::Column::Number.is_in(new_rows.iter().map(|(row, _)| row.fields.number.as_str())))
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        for (row, wanted) in new_rows {
            if let Some(&id) = ids.get(&row.fields.number) {
                relinked.insert(id, wanted);
            }
        }
    }
    let links: Vec<product_category::ActiveModel> = relinked
        .into_iter()
        .flat_map(|(product, categories)| {
            categories
                .into_iter()
                .map(move |category| product_category::ActiveModel {
                    product_id: Set(product),
                    category_id: Set(category),
                })
        })
        .collect();
    if !links.is_empty() {
        product_category::Entity::insert_many(links).exec(db).await?;
    }
    // Whether their assets are published may have changed.
    let restatused: Vec<i64> = restatused.iter().map(|id| id.0).collect();
    super::search_facts::log_linked_to(db, &restatused).await?;
    Ok(outcome)
}
