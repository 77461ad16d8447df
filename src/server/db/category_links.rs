//! Which categories assets and products are in: they change by Save deltas, as an asset's
//! products do, so two people changing the same one at once both keep their links.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Alias, Expr, OnConflict, Query},
};
use std::collections::HashSet;

use super::entities::{category, product};
use crate::domain::{AssetId, CatalogId, CategoryId, CategoryPath, LinkChanges, ProductId};

/// What is put in categories.
#[derive(Clone, Copy, Debug)]
pub enum Member {
    Asset(AssetId),
    Product(ProductId),
}

impl Member {
    /// The link table, its column for the member, and the member's id.
    fn link_table(self) -> (&'static str, &'static str, i64) {
        match self {
            Member::Asset(id) => ("asset_categories", "asset_id", id.0),
            Member::Product(id) => ("product_categories", "product_id", id.0),
        }
    }
}

/// Whether the member is there; a product's updated date moves to now.
///
/// # Errors
/// Database failures.
pub async fn touch(db: &impl ConnectionTrait, member: Member) -> Result<bool, DbErr> {
    Ok(match member {
        Member::Asset(id) => super::assets::exists(db, id).await?,
        Member::Product(id) => {
            let found = product::Entity::update_many()
                .col_expr(product::Column::UpdatedAt, time::OffsetDateTime::now_utc().into())
                .filter(product::Column::Id.eq(id.0))
                .exec(db)
                .await?;
            found.rows_affected > 0
        }
    })
}

/// Puts the member in `changes.assign` and takes it out of `changes.unassign`.
///
/// # Errors
/// Database failures.
pub async fn apply(txn: &impl ConnectionTrait, member: Member, changes: &LinkChanges<CategoryId>) -> Result<(), DbErr> {
    let (table, column, id) = member.link_table();
    if !changes.unassign.is_empty() {
        let delete = Query::delete()
            .from_table(Alias::new(table))
            .and_where(Expr::col(Alias::new(column)).eq(id))
            .and_where(Expr::col(Alias::new("category_id")).is_in(changes.unassign.iter().map(|c| c.0)))
            .to_owned();
        txn.execute(txn.get_database_backend().build(&delete)).await?;
    }
    if !changes.assign.is_empty() {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(table))
            .columns([Alias::new(column), Alias::new("category_id")])
            .on_conflict(
                OnConflict::columns([Alias::new(column), Alias::new("category_id")])
                    .do_nothing()
                    .to_owned(),
            );
        for category in &changes.assign {
            insert.values_panic([id.into(), category.0.into()]);
        }
        txn.execute(txn.get_database_backend().build(&insert)).await?;
    }
    if let Member::Asset(asset) = member {
        super::search_facts::record_changed(txn, &[asset]).await?;
    }
    Ok(())
}

/// The first of these categories that does not exist, if any.
///
/// # Errors
/// Database failures.
pub async fn first_unknown(db: &impl ConnectionTrait, ids: &[CategoryId]) -> Result<Option<CategoryId>, DbErr> {
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

/// The member's categories as paths ("Catalog › Parent › Category"), A to Z.
///
/// # Errors
/// Database failures.
pub async fn paths(db: &impl ConnectionTrait, member: Member) -> Result<Vec<CategoryPath>, DbErr> {
    let (table, column, id) = member.link_table();
    let select = Query::select()
        .column(Alias::new("category_id"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(id))
        .to_owned();
    let ids: Vec<i64> = db
        .query_all(db.get_database_backend().build(&select))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0))
        .collect::<Result<_, _>>()?;
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
        let Some(tree) = super::catalogs::tree(db, CatalogId(catalog)).await? else {
            continue;
        };
        paths.extend(ids.iter().filter_map(|&id| {
            let id = CategoryId(id);
            tree.path(id).map(|path| CategoryPath { id, path })
        }));
    }
    paths.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(paths)
}
