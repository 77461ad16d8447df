//! What the Filters panel reads from an asset's own row, kept by one function that every write
//! calls: the current version's file type, the search text, the facts the panel counts by
//! (`facet_key`), and when the asset last changed.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

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
    let Some(row) = asset::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(());
    };
    let current = match row.current_version_id {
        Some(version) => asset_version::Entity::find_by_id(version).one(db).await?,
        None => None,
    };
    let (file_name, file_type) = current.map(|v| (v.file_name, v.file_type)).unwrap_or_default();
    let labels = super::assets::labels_of(db, id).await?;
    let text = search_text(&row.name, &row.code, &row.description, &labels, &file_name);
    // One statement: each one costs a round trip, and a bulk change makes thousands.
    let mut update = asset::Entity::update_many()
        .col_expr(asset::Column::UpdatedAt, Expr::value(time::OffsetDateTime::now_utc()))
        .col_expr(
            asset::Column::FacetKey,
            facet_key::expression(Expr::value(file_type.clone())),
        )
        .filter(asset::Column::Id.eq(id.0));
    // Only what changed: rewriting the same search text would rebuild its text index entries.
    if text != row.search_text {
        update = update.col_expr(asset::Column::SearchText, Expr::value(text));
    }
    if file_type != row.file_type {
        update = update.col_expr(asset::Column::FileType, Expr::value(file_type));
    }
    update.exec(db).await?;
    if !labels.is_empty() {
        facet_key::copy_to_labels(db, id).await?;
    }
    Ok(())
}
