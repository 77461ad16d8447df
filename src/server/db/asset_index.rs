//! What the Filters panel reads from an asset's own row, kept by one function that every write
//! calls: the current version's file type, the search text, the facts the panel counts by
//! (`facet_key`), and when the asset last changed.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{CaseStatement, Expr, SimpleExpr},
};
use std::collections::HashMap;

use super::entities::{asset, asset_version};
use super::facet_key;
use crate::domain::AssetId;

/// The text the search looks in: name, code, description, labels and file name, lower case, one
/// per line so that a search never matches across two of them.
pub fn search_text(name: &str, code: &str, description: &str, labels: &[String], file_name: &str) -> String {
    [name, code, description, &labels.join(" "), file_name]
        .join("\n")
        .to_lowercase()
}

/// Brings the asset's file type and search text up to date and marks it updated now. Call it in
/// the transaction of every change to the asset, its labels, its versions or its links.
///
/// # Errors
/// Database failures; an unknown asset is left alone.
pub async fn refresh(db: &impl ConnectionTrait, id: AssetId) -> Result<(), DbErr> {
    refresh_all(db, &[id]).await
}

/// What `refresh` does, for many assets at once: three reads and at most three writes, however
/// many assets (a bulk change refreshes each transaction's assets together).
///
/// # Errors
/// Database failures; unknown assets are left alone.
pub async fn refresh_all(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let rows = asset::Entity::find()
        .filter(asset::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?;
    let currents: HashMap<i64, asset_version::Model> = asset_version::Entity::find()
        .filter(asset_version::Column::Id.is_in(rows.iter().filter_map(|row| row.current_version_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|version| (version.id, version))
        .collect();
    let labels = super::assets::labels_of_all(db, ids).await?;
    // Only rows whose text or type changed are written with new ones: rewriting the same search
    // text would rebuild its text index entries.
    let (mut same, mut changed) = (Vec::new(), Vec::new());
    for row in rows {
        let current = row.current_version_id.and_then(|v| currents.get(&v));
        let (file_name, file_type) = current
            .map(|v| (v.file_name.as_str(), v.file_type.as_str()))
            .unwrap_or_default();
        let own = labels.get(&AssetId(row.id)).map_or(&[][..], Vec::as_slice);
        let text = search_text(&row.name, &row.code, &row.description, own, file_name);
        if text == row.search_text && file_type == row.file_type {
            same.push(row.id);
        } else {
            changed.push((row.id, text, file_type.to_owned()));
        }
    }
    let now = time::OffsetDateTime::now_utc();
    let touch = || asset::Entity::update_many().col_expr(asset::Column::UpdatedAt, Expr::value(now));
    if !same.is_empty() {
        touch()
            .col_expr(
                asset::Column::FacetKey,
                facet_key::expression(Expr::col((asset::Entity, asset::Column::FileType)).into()),
            )
            .filter(asset::Column::Id.is_in(same))
            .exec(db)
            .await?;
    }
    if !changed.is_empty() {
        let by_id = |value: fn(&(i64, String, String)) -> &String| -> SimpleExpr {
            changed
                .iter()
                .fold(CaseStatement::new(), |case, row| {
                    case.case(asset::Column::Id.eq(row.0), Expr::value(value(row).clone()))
                })
                .into()
        };
        let file_type = by_id(|row| &row.2);
        touch()
            .col_expr(asset::Column::SearchText, by_id(|row| &row.1))
            .col_expr(asset::Column::FileType, file_type.clone())
            .col_expr(asset::Column::FacetKey, facet_key::expression(file_type))
            .filter(asset::Column::Id.is_in(changed.iter().map(|row| row.0)))
            .exec(db)
            .await?;
    }
    let labelled: Vec<AssetId> = labels.into_keys().collect();
    facet_key::copy_to_labels(db, &labelled).await?;
    super::search_facts::log(db, ids).await
}
