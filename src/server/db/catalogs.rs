//! Catalogs and their category trees: created, renamed, reordered and nested; a category is
//! deleted only when nothing is in it.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

use super::entities::{asset_category, catalog, category, product_category};
use crate::domain::{AppError, Catalog, CatalogFields, CatalogId, CatalogTree, Category, CategoryFields, CategoryId};

/// Every catalog with its tree, catalogs by code.
///
/// # Errors
/// Database failures.
pub async fn trees(db: &impl ConnectionTrait) -> Result<Vec<CatalogTree>, DbErr> {
    let catalogs = catalog::Entity::find()
        .order_by_asc(catalog::Column::Code)
        .all(db)
        .await?;
    let mut by_catalog: HashMap<i64, Vec<Category>> = HashMap::new();
    for model in category::Entity::find().all(db).await? {
        by_catalog.entry(model.catalog_id).or_default().push(to_category(model));
    }
    Ok(catalogs
        .into_iter()
        .map(|model| {
            let categories = by_catalog.remove(&model.id).unwrap_or_default();
            CatalogTree::new(to_catalog(model), categories)
        })
        .collect())
}

/// One catalog's tree.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn tree(db: &impl ConnectionTrait, id: CatalogId) -> Result<CatalogTree, AppError> {
    tree_if_any(db, id).await?.ok_or(AppError::NotFound)
}

/// A category's path ("Catalog › Parent › Category"), if it exists.
///
/// # Errors
/// Database failures.
pub async fn path_of(db: &impl ConnectionTrait, id: CategoryId) -> Result<Option<String>, DbErr> {
    let Some(model) = category::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    Ok(tree_if_any(db, CatalogId(model.catalog_id))
        .await?
        .and_then(|tree| tree.path(id)))
}

async fn tree_if_any(db: &impl ConnectionTrait, id: CatalogId) -> Result<Option<CatalogTree>, DbErr> {
    let Some(model) = catalog::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    let categories = category::Entity::find()
        .filter(category::Column::CatalogId.eq(id.0))
        .all(db)
        .await?
        .into_iter()
        .map(to_category)
        .collect();
    Ok(Some(CatalogTree::new(to_catalog(model), categories)))
}

/// Creates a catalog (`id` none) or renames one.
///
/// # Errors
/// `Conflict` for a code that is taken, `NotFound`; database failures.
pub async fn save_catalog(
    db: &impl ConnectionTrait,
    id: Option<CatalogId>,
    fields: &CatalogFields,
) -> Result<CatalogId, AppError> {
    let model = catalog::ActiveModel {
        id: id.map_or(sea_orm::NotSet, |id| Set(id.0)),
        code: Set(fields.code.clone()),
        name: Set(fields.name.clone()),
    };
    let saved = match id {
        Some(_) => model.update(db).await,
        None => model.insert(db).await,
    };
    match saved {
        Ok(model) => Ok(CatalogId(model.id)),
        Err(DbErr::RecordNotUpdated) => Err(AppError::NotFound),
        Err(error) if super::is_unique_violation(&error) => Err(AppError::Conflict(format!(
            "Another catalog has the code \u{201c}{}\u{201d}.",
            fields.code
        ))),
        Err(error) => Err(error.into()),
    }
}

/// Where a category goes: its catalog and its parent there (`None` for the top).
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub catalog: CatalogId,
    pub parent: Option<CategoryId>,
}

/// Creates a category at the end of its siblings, or renames and moves one (within its catalog).
///
/// # Errors
/// `Validation` for a parent in another catalog, under the category itself, or a category asked
/// to change catalog; `Conflict` for a number that is taken; `NotFound`; database failures.
pub async fn save_category(
    db: &DatabaseConnection,
    id: Option<CategoryId>,
    place: Place,
    fields: &CategoryFields,
) -> Result<CategoryId, AppError> {
    let fields = fields.clone();
    super::retried(db, |txn| {
        let fields = fields.clone();
        Box::pin(async move { save_category_in(txn, id, place, &fields).await })
    })
    .await?
}

async fn save_category_in(
    db: &impl ConnectionTrait,
    id: Option<CategoryId>,
    place: Place,
    fields: &CategoryFields,
) -> Result<Result<CategoryId, AppError>, DbErr> {
    let Some(tree) = tree_if_any(db, place.catalog).await? else {
        return Ok(Err(AppError::Validation("There is no such catalog.".into())));
    };
    let taken = category::Entity::find()
        .filter(category::Column::Number.eq(fields.number.as_str()))
        .one(db)
        .await?
        .is_some_and(|other| Some(CategoryId(other.id)) != id);
    if taken {
        return Ok(Err(number_taken(&fields.number)));
    }
    let existing = id.and_then(|id| {
        tree.categories
            .iter()
            .find(|c| c.category.id == id)
            .map(|c| c.category.clone())
    });
    if id.is_some() && existing.is_none() {
        return Ok(Err(
            if category::Entity::find_by_id(id.map_or(0, |id| id.0))
                .one(db)
                .await?
                .is_some()
            {
                AppError::Validation("A category never moves to another catalog.".into())
            } else {
                AppError::NotFound
            },
        ));
    }
    if let Some(parent) = place.parent {
        if !tree.categories.iter().any(|c| c.category.id == parent) {
            return Ok(Err(AppError::Validation(
                "The parent category is not in this catalog.".into(),
            )));
        }
        if let Some(id) = id
            && tree.is_within(parent, id)
        {
            return Ok(Err(AppError::Validation(
                "A category cannot go under itself or one of its subcategories.".into(),
            )));
        }
    }
    let moves = existing.as_ref().is_none_or(|c| c.parent != place.parent);
    let position = if moves {
        tree.categories
            .iter()
            .filter(|c| c.category.parent == place.parent)
            .map(|c| c.category.position + 1)
            .max()
            .unwrap_or(0)
    } else {
        existing.as_ref().map_or(0, |c| c.position)
    };
    let model = category::ActiveModel {
        id: id.map_or(sea_orm::NotSet, |id| Set(id.0)),
        catalog_id: Set(place.catalog.0),
        parent_id: Set(place.parent.map(|p| p.0)),
        number: Set(fields.number.clone()),
        name: Set(fields.name.clone()),
        position: Set(position),
    };
    let saved = match id {
        Some(_) => model.update(db).await,
        None => model.insert(db).await,
    };
    match saved {
        Ok(model) => Ok(Ok(CategoryId(model.id))),
        Err(error) => Err(error),
    }
}

/// Moves a category one place up or down among its siblings.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn reorder_category(db: &DatabaseConnection, id: CategoryId, up: bool) -> Result<(), AppError> {
    super::retried(db, |txn| {
        Box::pin(async move {
            let Some(model) = category::Entity::find_by_id(id.0).one(txn).await? else {
                return Ok(Err(AppError::NotFound));
            };
            let siblings = category::Entity::find()
                .filter(category::Column::CatalogId.eq(model.catalog_id))
                .filter(match model.parent_id {
                    Some(parent) => category::Column::ParentId.eq(parent),
                    None => category::Column::ParentId.is_null(),
                })
                .order_by_asc(category::Column::Position)
                .order_by_asc(category::Column::Number)
                .all(txn)
                .await?;
            let Some(at) = siblings.iter().position(|s| s.id == id.0) else {
                return Ok(Err(AppError::NotFound));
            };
            let to = if up {
                at.checked_sub(1)
            } else {
                Some(at + 1).filter(|&to| to < siblings.len())
            };
            let Some(to) = to else { return Ok(Ok(())) };
            let mut order: Vec<i64> = siblings.iter().map(|s| s.id).collect();
            order.swap(at, to);
            // Positions are rewritten 0, 1, 2…: a gap or a tie left by older moves goes too.
            for (position, sibling) in order.into_iter().enumerate() {
                category::Entity::update_many()
                    .col_expr(category::Column::Position, (position as i32).into())
                    .filter(category::Column::Id.eq(sibling))
                    .exec(txn)
                    .await?;
            }
            Ok(Ok(()))
        })
    })
    .await?
}

/// Deletes a category nothing is in: no product, no asset, no subcategory.
///
/// # Errors
/// `Conflict` saying how many are in it; `NotFound`; database failures.
pub async fn delete_category(db: &DatabaseConnection, id: CategoryId) -> Result<(), AppError> {
    super::retried(db, |txn| {
        Box::pin(async move {
            let Some(model) = category::Entity::find_by_id(id.0).one(txn).await? else {
                return Ok(Err(AppError::NotFound));
            };
            let products = product_category::Entity::find()
                .filter(product_category::Column::CategoryId.eq(id.0))
                .count(txn)
                .await?;
            let assets = asset_category::Entity::find()
                .filter(asset_category::Column::CategoryId.eq(id.0))
                .count(txn)
                .await?;
            let subcategories = category::Entity::find()
                .filter(category::Column::ParentId.eq(id.0))
                .count(txn)
                .await?;
            if let Some(refusal) = in_use(&model.name, products, assets, subcategories) {
                return Ok(Err(refusal));
            }
            category::Entity::delete_by_id(id.0).exec(txn).await?;
            Ok(Ok(()))
        })
    })
    .await?
}

/// Why a category with these in it may not be deleted, if it may not.
fn in_use(name: &str, products: u64, assets: u64, subcategories: u64) -> Option<AppError> {
    let count = |n: u64, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let parts: Vec<String> = [
        count(products, "product", "products"),
        count(assets, "asset", "assets"),
        count(subcategories, "subcategory", "subcategories"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| {
        AppError::Conflict(format!(
            "\u{201c}{name}\u{201d} cannot be deleted: it has {}.",
            parts.join(" and ")
        ))
    })
}

/// These categories and every category below them (a category includes its subcategories).
///
/// # Errors
/// Database failures.
pub async fn with_descendants(db: &impl ConnectionTrait, ids: &[CategoryId]) -> Result<Vec<CategoryId>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",");
    let sql = format!(
        "WITH RECURSIVE below(id) AS (SELECT id FROM categories WHERE id IN ({list}) \
         UNION SELECT c.id FROM categories c JOIN below b ON c.parent_id = b.id) SELECT id FROM below"
    );
    let rows = db
        .query_all(sea_orm::Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|row| row.try_get::<i64>("", "id").map(CategoryId))
        .collect()
}

fn number_taken(number: &str) -> AppError {
    AppError::Conflict(format!("Another category has the number \u{201c}{number}\u{201d}."))
}

fn to_catalog(model: catalog::Model) -> Catalog {
    Catalog {
        id: CatalogId(model.id),
        code: model.code,
        name: model.name,
    }
}

fn to_category(model: category::Model) -> Category {
    Category {
        id: CategoryId(model.id),
        catalog: CatalogId(model.catalog_id),
        parent: model.parent_id.map(CategoryId),
        number: model.number,
        name: model.name,
        position: model.position,
    }
}

/// Every category with its parent, in every catalog.
///
/// # Errors
/// Database failures.
pub async fn parents(db: &impl ConnectionTrait) -> Result<Vec<(CategoryId, Option<CategoryId>)>, DbErr> {
    use sea_orm::QuerySelect;
    let rows: Vec<(i64, Option<i64>)> = category::Entity::find()
        .select_only()
        .columns([category::Column::Id, category::Column::ParentId])
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, parent)| (CategoryId(id), parent.map(CategoryId)))
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_category_in_use_says_how_many_are_in_it() {
        assert!(super::in_use("Trail", 0, 0, 0).is_none());
        let refusal = super::in_use("Trail", 3, 1, 0).unwrap().to_string();
        assert!(refusal.contains("it has 3 products and 1 asset"), "{refusal}");
    }
}
