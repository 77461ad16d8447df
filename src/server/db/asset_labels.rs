//! Assets' labels, stored and loaded.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

use super::entities::asset_label;
use crate::domain::AssetId;

/// Gives an asset these labels, besides those it has.
///
/// # Errors
/// Database failures.
pub async fn add_labels(db: &impl ConnectionTrait, id: AssetId, labels: &[String]) -> Result<(), sea_orm::DbErr> {
    add_labels_to_all(db, labels.iter().map(|label| (id, label.clone()))).await
}

/// Adds these (asset, label) rows at once.
///
/// # Errors
/// Database failures.
pub async fn add_labels_to_all(
    db: &impl ConnectionTrait,
    rows: impl IntoIterator<Item = (AssetId, String)>,
) -> Result<(), sea_orm::DbErr> {
    let rows: Vec<asset_label::ActiveModel> = rows
        .into_iter()
        .map(|(id, label)| asset_label::ActiveModel {
            asset_id: Set(id.0),
            label: Set(label),
        })
        .collect();
    if !rows.is_empty() {
        asset_label::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The labels of each of these assets that has any, A to Z.
///
/// # Errors
/// Database failures.
pub async fn labels_of_all(
    db: &impl ConnectionTrait,
    ids: &[AssetId],
) -> Result<HashMap<AssetId, Vec<String>>, sea_orm::DbErr> {
    let rows: Vec<(i64, String)> = asset_label::Entity::find()
        .select_only()
        .columns([asset_label::Column::AssetId, asset_label::Column::Label])
        .filter(asset_label::Column::AssetId.is_in(ids.iter().map(|id| id.0)))
        .order_by_asc(asset_label::Column::AssetId)
        .order_by_asc(asset_label::Column::Label)
        .into_tuple()
        .all(db)
        .await?;
    let mut labels: HashMap<AssetId, Vec<String>> = HashMap::new();
    for (asset, label) in rows {
        labels.entry(AssetId(asset)).or_default().push(label);
    }
    Ok(labels)
}

/// An asset's labels, A to Z.
///
/// # Errors
/// Database failures.
pub async fn labels_of(db: &impl ConnectionTrait, id: AssetId) -> Result<Vec<String>, sea_orm::DbErr> {
    asset_label::Entity::find()
        .select_only()
        .column(asset_label::Column::Label)
        .filter(asset_label::Column::AssetId.eq(id.0))
        .order_by_asc(asset_label::Column::Label)
        .into_tuple()
        .all(db)
        .await
}
