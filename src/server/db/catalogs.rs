//! Catalogs and their category trees, stored and loaded.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;

use super::entities::{asset_category, catalog, category, product_category};
use crate::domain::{
    Catalog, CatalogFields, CatalogId, CatalogTree, Category, CategoryFields, CategoryId, CategoryPlace,
};

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

/// A category's path ("Catalog › Parent › Category"), if it exists.
///
/// # Errors
/// Database failures.
pub async fn path_of(db: &impl ConnectionTrait, id: CategoryId) -> Result<Option<String>, DbErr> {
    let Some(model) = category::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    Ok(tree(db, CatalogId(model.catalog_id))
        .await?
        .and_then(|tree| tree.path(id)))
}

/// One catalog's tree, if there is such a catalog.
///
/// # Errors
/// Database failures.
pub async fn tree(db: &impl ConnectionTrait, id: CatalogId) -> Result<Option<CatalogTree>, DbErr> {
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

/// Creates a catalog (`id` none) or renames one; `None` when there is no catalog `id`.
///
/// # Errors
/// Database failures, a unique violation among them when the code is taken.
pub async fn save_catalog(
    db: &impl ConnectionTrait,
    id: Option<CatalogId>,
    fields: &CatalogFields,
) -> Result<Option<CatalogId>, DbErr> {
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
        Ok(model) => Ok(Some(CatalogId(model.id))),
        Err(DbErr::RecordNotUpdated) => Ok(None),
        Err(error) => Err(error),
    }
}

/// The category that has `number`, if any.
///
/// # Errors
/// Database failures.
pub async fn numbered(db: &impl ConnectionTrait, number: &str) -> Result<Option<CategoryId>, DbErr> {
    Ok(category::Entity::find()
        .filter(category::Column::Number.eq(number))
        .one(db)
        .await?
        .map(|model| CategoryId(model.id)))
}

/// The catalog the category `id` is in, if there is such a category.
///
/// # Errors
/// Database failures.
pub async fn catalog_of(db: &impl ConnectionTrait, id: CategoryId) -> Result<Option<CatalogId>, DbErr> {
    Ok(category::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(|model| CatalogId(model.catalog_id)))
}

/// Creates a category (`id` none) or rewrites one, at `position` among its siblings.
///
/// # Errors
/// Database failures.
pub async fn save_category(
    db: &impl ConnectionTrait,
    id: Option<CategoryId>,
    place: CategoryPlace,
    position: i32,
    fields: &CategoryFields,
) -> Result<CategoryId, DbErr> {
    let model = category::ActiveModel {
        id: id.map_or(sea_orm::NotSet, |id| Set(id.0)),
        catalog_id: Set(place.catalog.0),
        parent_id: Set(place.parent.map(|p| p.0)),
        number: Set(fields.number.clone()),
        name: Set(fields.name.clone()),
        position: Set(position),
    };
    let saved = match id {
        Some(_) => model.update(db).await?,
        None => model.insert(db).await?,
    };
    Ok(CategoryId(saved.id))
}

/// Numbers these sibling categories 0, 1, 2… in this order.
///
/// # Errors
/// Database failures.
pub async fn set_positions(db: &impl ConnectionTrait, order: &[CategoryId]) -> Result<(), DbErr> {
    for (position, sibling) in order.iter().enumerate() {
        category::Entity::update_many()
            .col_expr(category::Column::Position, (position as i32).into())
            .filter(category::Column::Id.eq(sibling.0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// What is in a category: its name, and how many products, assets and subcategories; `None`
/// when there is no such category.
///
/// # Errors
/// Database failures.
pub async fn contents(db: &impl ConnectionTrait, id: CategoryId) -> Result<Option<CategoryContents>, DbErr> {
    let Some(model) = category::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(CategoryContents {
        name: model.name,
        products: product_category::Entity::find()
            .filter(product_category::Column::CategoryId.eq(id.0))
            .count(db)
            .await?,
        assets: asset_category::Entity::find()
            .filter(asset_category::Column::CategoryId.eq(id.0))
            .count(db)
            .await?,
        subcategories: category::Entity::find()
            .filter(category::Column::ParentId.eq(id.0))
            .count(db)
            .await?,
    }))
}

/// What `contents` found in a category.
pub struct CategoryContents {
    pub name: String,
    pub products: u64,
    pub assets: u64,
    pub subcategories: u64,
}

/// Deletes the category `id`.
///
/// # Errors
/// Database failures.
pub async fn delete_category(db: &impl ConnectionTrait, id: CategoryId) -> Result<(), DbErr> {
    category::Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
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
