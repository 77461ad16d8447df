//! Which assets illustrate which products. A Save sends only its changes, applied in one
//! transaction: links someone else made or removed meanwhile stay as they are.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, OnConflict, Query},
};
use std::collections::HashMap;

use super::entities::{product, product_asset};
use crate::domain::{AssetId, LinkChanges, ProductId, ProductStatus};

/// Links the asset to `changes.assign` (each at the end of that product's assets) and unlinks it
/// from `changes.unassign`.
///
/// # Errors
/// Database failures.
pub async fn apply(
    db: &impl ConnectionTrait,
    asset_id: AssetId,
    changes: &LinkChanges<ProductId>,
) -> Result<(), DbErr> {
    let wanted: Vec<i64> = changes.assign.iter().map(|id| id.0).collect();
    if !changes.unassign.is_empty() {
        product_asset::Entity::delete_many()
            .filter(product_asset::Column::AssetId.eq(asset_id.0))
            .filter(product_asset::Column::ProductId.is_in(changes.unassign.iter().map(|id| id.0)))
            .exec(db)
            .await?;
    }
    if !wanted.is_empty() {
        // Each product gains the asset after its last one: one query for all their places.
        let lasts: HashMap<i64, Option<i32>> = product_asset::Entity::find()
            .select_only()
            .column(product_asset::Column::ProductId)
            .column_as(product_asset::Column::Position.max(), "last")
            .filter(product_asset::Column::ProductId.is_in(wanted.clone()))
            .group_by(product_asset::Column::ProductId)
            .into_tuple::<(i64, Option<i32>)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let links = wanted.iter().map(|&product| product_asset::ActiveModel {
            product_id: sea_orm::Set(product),
            asset_id: sea_orm::Set(asset_id.0),
            position: sea_orm::Set(lasts.get(&product).copied().flatten().map_or(0, |last| last + 1)),
        });
        product_asset::Entity::insert_many(links)
            .on_conflict(
                OnConflict::columns([product_asset::Column::ProductId, product_asset::Column::AssetId])
                    .do_nothing()
                    .to_owned(),
            )
            .do_nothing()
            .exec(db)
            .await?;
    }
    super::search_facts::record_changed(db, &[asset_id]).await?;
    Ok(())
}

/// The first of these products that does not exist, if any.
///
/// # Errors
/// Database failures.
pub async fn first_unknown(db: &impl ConnectionTrait, ids: &[ProductId]) -> Result<Option<ProductId>, DbErr> {
    if ids.is_empty() {
        return Ok(None);
    }
    let known: Vec<i64> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.iter().copied().find(|id| !known.contains(&id.0)))
}

/// How many Published products each of these assets is linked to (absent: none).
///
/// # Errors
/// Database failures.
pub async fn published_counts(db: &impl ConnectionTrait, assets: &[AssetId]) -> Result<HashMap<AssetId, u32>, DbErr> {
    if assets.is_empty() {
        return Ok(HashMap::new());
    }
    // Driven by the asset's links (its index), each product looked up by id: a join would let the
    // planner start from the tens of thousands of published products instead.
    let published = Query::select()
        .expr(Expr::val(1))
        .from(product::Entity)
        .and_where(
            Expr::col((product::Entity, product::Column::Id))
                .equals((product_asset::Entity, product_asset::Column::ProductId)),
        )
        .and_where(Expr::col((product::Entity, product::Column::Status)).eq(ProductStatus::Published.code()))
        .to_owned();
    let rows: Vec<(i64, i64)> = product_asset::Entity::find()
        .select_only()
        .column(product_asset::Column::AssetId)
        .column_as(
            Expr::col((product_asset::Entity, product_asset::Column::ProductId)).count(),
            "published",
        )
        .filter(product_asset::Column::AssetId.is_in(assets.iter().map(|id| id.0)))
        .filter(Expr::exists(published))
        .group_by(product_asset::Column::AssetId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(asset, count)| (AssetId(asset), u32::try_from(count).unwrap_or(u32::MAX)))
        .collect())
}

/// The assets that illustrate a product, in link order.
///
/// # Errors
/// Database failures.
pub async fn assets_of(db: &impl ConnectionTrait, product: ProductId) -> Result<Vec<AssetId>, DbErr> {
    Ok(product_asset::Entity::find()
        .select_only()
        .column(product_asset::Column::AssetId)
        .filter(product_asset::Column::ProductId.eq(product.0))
        .order_by_asc(product_asset::Column::Position)
        .order_by_asc(product_asset::Column::AssetId)
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .map(AssetId)
        .collect())
}

/// Rewrites the places of the product's assets as 0, 1, 2… in `order`.
///
/// # Errors
/// Database failures.
pub async fn set_positions(db: &impl ConnectionTrait, product: ProductId, order: &[AssetId]) -> Result<(), DbErr> {
    for (position, id) in order.iter().enumerate() {
        product_asset::Entity::update_many()
            .col_expr(product_asset::Column::Position, (position as i32).into())
            .filter(product_asset::Column::ProductId.eq(product.0))
            .filter(product_asset::Column::AssetId.eq(id.0))
            .exec(db)
            .await?;
    }
    Ok(())
}
