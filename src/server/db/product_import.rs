//! The writes of a product CSV import: products upserted by number with their categories, in the
//! caller's transaction.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

use super::entities::{category, product, product_category};
use crate::domain::{CategoryId, ProductId, ProductRow};

/// How many rows created, changed or left a product as it was.
#[derive(Debug, Default)]
pub struct Upserted {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// The categories of these numbers, by number; unknown numbers are left out.
///
/// # Errors
/// Database failures.
pub async fn category_ids(
    db: &impl ConnectionTrait,
    numbers: &HashSet<&str>,
) -> Result<HashMap<String, CategoryId>, DbErr> {
    if numbers.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, i64)> = category::Entity::find()
        .select_only()
        .column(category::Column::Number)
        .column(category::Column::Id)
        .filter(category::Column::Number.is_in(numbers.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(number, id)| (number, CategoryId(id))).collect())
}

/// Upserts the rows by number, each with the categories it puts its product in (replacing the
/// product's others); a later row with the same number wins.
///
/// # Errors
/// Database failures.
pub async fn upsert(db: &impl ConnectionTrait, rows: &[(&ProductRow, HashSet<CategoryId>)]) -> Result<Upserted, DbErr> {
    let numbers: HashSet<&str> = rows.iter().map(|(row, _)| row.fields.number.as_str()).collect();
    let mut existing: HashMap<String, product::Model> = product::Entity::find()
        .filter(product::Column::Number.is_in(numbers.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|model| (model.number.clone(), model))
        .collect();
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

    let mut outcome = Upserted::default();
    let mut restatused = Vec::new();
    let now = time::OffsetDateTime::now_utc();
    // New products go in together at the end; a later row with the same number replaces its row.
    let mut new_rows: Vec<(&ProductRow, HashSet<i64>)> = Vec::new();
    let mut new_at: HashMap<&str, usize> = HashMap::new();
    // Existing products whose categories change, with their new ones.
    let mut relinked: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (row, wanted) in rows {
        let wanted: HashSet<i64> = wanted.iter().map(|category| category.0).collect();
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
