//! Which categories assets are in: they change by Save deltas, as an asset's products do.
//! (A product's categories are set by the product import.)

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::OnConflict,
};
use std::collections::HashSet;

use super::entities::{asset, asset_category, category};
use crate::domain::{AppError, AssetId, CatalogId, CategoryId, CategoryPath, LinkChanges};

/// Puts the asset in `changes.assign` and takes it out of `changes.unassign`.
///
/// # Errors
/// `NotFound` for an unknown asset, `Validation` naming an unknown category; database failures.
pub async fn change_for_asset(
    db: &DatabaseConnection,
    asset_id: AssetId,
    changes: &LinkChanges<CategoryId>,
) -> Result<(), AppError> {
    super::retried(db, |txn| {
        let changes = changes.clone();
        Box::pin(async move {
            if asset::Entity::find_by_id(asset_id.0).one(txn).await?.is_none() {
                return Ok(Err(AppError::NotFound));
            }
            if let Some(unknown) = first_unknown(txn, &changes.assign).await? {
                return Ok(Err(AppError::Validation(format!(
                    "There is no category {}.",
                    unknown.0
                ))));
            }
            if !changes.unassign.is_empty() {
                asset_category::Entity::delete_many()
                    .filter(asset_category::Column::AssetId.eq(asset_id.0))
                    .filter(asset_category::Column::CategoryId.is_in(changes.unassign.iter().map(|id| id.0)))
                    .exec(txn)
                    .await?;
            }
            if !changes.assign.is_empty() {
                let links = changes.assign.iter().map(|id| asset_category::ActiveModel {
                    asset_id: sea_orm::Set(asset_id.0),
                    category_id: sea_orm::Set(id.0),
                });
                asset_category::Entity::insert_many(links)
                    .on_conflict(
                        OnConflict::columns([asset_category::Column::AssetId, asset_category::Column::CategoryId])
                            .do_nothing()
                            .to_owned(),
                    )
                    .do_nothing()
                    .exec(txn)
                    .await?;
            }
            Ok(Ok(()))
        })
    })
    .await?
}

async fn first_unknown(db: &impl ConnectionTrait, ids: &[CategoryId]) -> Result<Option<CategoryId>, DbErr> {
    if ids.is_empty() {
        return Ok(None);
    }
    let known: HashSet<i64> = category::Entity::find()
        .select_only()
        .column(category::Column::Id)
        .filter(category::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(ids.iter().copied().find(|id| !known.contains(&id.0)))
}

/// The asset's categories as paths ("Catalog › Parent › Category"), A to Z.
///
/// # Errors
/// Database failures.
pub async fn paths_of_asset(db: &impl ConnectionTrait, asset_id: AssetId) -> Result<Vec<CategoryPath>, AppError> {
    let ids: Vec<i64> = asset_category::Entity::find()
        .select_only()
        .column(asset_category::Column::CategoryId)
        .filter(asset_category::Column::AssetId.eq(asset_id.0))
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let catalogs: HashSet<i64> = category::Entity::find()
        .select_only()
        .column(category::Column::CatalogId)
        .filter(category::Column::Id.is_in(ids.clone()))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut paths = Vec::with_capacity(ids.len());
    for catalog in catalogs {
        let tree = super::catalogs::tree(db, CatalogId(catalog)).await?;
        paths.extend(ids.iter().filter_map(|&id| {
            let id = CategoryId(id);
            tree.path(id).map(|path| CategoryPath { id, path })
        }));
    }
    paths.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(paths)
}
