//! The current files of selected assets, for a ZIP.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef,
};

use super::entities::{asset, asset_version};
use crate::domain::AssetId;

/// One selected asset's current file.
#[derive(Clone, Debug)]
pub struct SelectedFile {
    pub asset: AssetId,
    pub file_name: String,
    pub content_key: String,
}

/// The current files of these assets (those that have one), in the order of their ids.
///
/// # Errors
/// Database failures.
pub async fn files(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<Vec<SelectedFile>, DbErr> {
    let rows: Vec<(i64, String, String)> = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .column(asset_version::Column::FileName)
        .column(asset_version::Column::ContentKey)
        .join(JoinType::InnerJoin, current_version())
        .filter(asset::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .order_by_asc(asset::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, content_key)| SelectedFile {
            asset: AssetId(id),
            file_name,
            content_key,
        })
        .collect())
}

fn current_version() -> RelationDef {
    asset::Entity::belongs_to(asset_version::Entity)
        .from(asset::Column::CurrentVersionId)
        .to(asset_version::Column::Id)
        .into()
}
