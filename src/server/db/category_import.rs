//! The reads and writes of a category CSV import: categories by number, upserted within their
//! catalog.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

use super::entities::{catalog, category};
use crate::domain::{CatalogId, CategoryId};

/// A category as an import compares it with its row.
#[derive(Clone, Debug)]
pub struct StoredCategory {
    pub id: CategoryId,
    pub catalog: CatalogId,
    pub parent: Option<CategoryId>,
    pub name: String,
}

/// The catalogs of these codes, by code; unknown codes are left out.
///
/// # Errors
/// Database failures.
pub async fn catalog_ids(db: &impl ConnectionTrait, codes: &[&str]) -> Result<HashMap<String, CatalogId>, DbErr> {
    let rows: Vec<(String, i64)> = catalog::Entity::find()
        .select_only()
        .column(catalog::Column::Code)
        .column(catalog::Column::Id)
        .filter(catalog::Column::Code.is_in(codes.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(code, id)| (code, CatalogId(id))).collect())
}

/// The category of this number, if any.
///
/// # Errors
/// Database failures.
pub async fn by_number(db: &impl ConnectionTrait, number: &str) -> Result<Option<StoredCategory>, DbErr> {
    let found = category::Entity::find()
        .filter(category::Column::Number.eq(number))
        .one(db)
        .await?;
    Ok(found.map(|model| StoredCategory {
        id: CategoryId(model.id),
        catalog: CatalogId(model.catalog_id),
        parent: model.parent_id.map(CategoryId),
        name: model.name,
    }))
}

/// Adds a category at the end of its siblings.
///
/// # Errors
/// Database failures.
pub async fn insert(
    db: &impl ConnectionTrait,
    catalog: CatalogId,
    parent: Option<CategoryId>,
    number: &str,
    name: &str,
) -> Result<(), DbErr> {
    category::Entity::insert(category::ActiveModel {
        catalog_id: Set(catalog.0),
        parent_id: Set(parent.map(|parent| parent.0)),
        number: Set(number.to_owned()),
        name: Set(name.to_owned()),
        position: Set(end_of_siblings(db, catalog, parent).await?),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Renames a category and, when `moved`, puts it at the end of its new parent's children.
///
/// # Errors
/// Database failures.
pub async fn update(db: &impl ConnectionTrait, changed: &StoredCategory, moved: bool) -> Result<(), DbErr> {
    let mut update = category::Entity::update_many()
        .col_expr(category::Column::Name, changed.name.clone().into())
        .filter(category::Column::Id.eq(changed.id.0));
    if moved {
        let position = end_of_siblings(db, changed.catalog, changed.parent).await?;
        update = update
            .col_expr(category::Column::ParentId, changed.parent.map(|parent| parent.0).into())
            .col_expr(category::Column::Position, position.into());
    }
    update.exec(db).await?;
    Ok(())
}

/// Whether `id` is `ancestor` or below it.
///
/// # Errors
/// Database failures.
pub async fn is_below(db: &impl ConnectionTrait, id: CategoryId, ancestor: CategoryId) -> Result<bool, DbErr> {
    let mut next = Some(id.0);
    while let Some(id) = next {
        if id == ancestor.0 {
            return Ok(true);
        }
        next = category::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|c| c.parent_id);
    }
    Ok(false)
}

async fn end_of_siblings(
    db: &impl ConnectionTrait,
    catalog: CatalogId,
    parent: Option<CategoryId>,
) -> Result<i32, DbErr> {
    let last: Option<Option<i32>> = category::Entity::find()
        .select_only()
        .column_as(category::Column::Position.max(), "last")
        .filter(category::Column::CatalogId.eq(catalog.0))
        .filter(match parent {
            Some(parent) => category::Column::ParentId.eq(parent.0),
            None => category::Column::ParentId.is_null(),
        })
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().map_or(0, |last| last + 1))
}
