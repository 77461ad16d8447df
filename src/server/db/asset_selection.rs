//! The assets a bulk action selects, as SQL, and their current files for a ZIP.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationDef,
};

use super::entities::{asset, asset_version};
use crate::domain::{AssetId, AssetSelection};

/// The selected assets that have a current version.
///
/// # Errors
/// Database failures.
pub async fn condition(db: &impl ConnectionTrait, selection: &AssetSelection) -> Result<Condition, DbErr> {
    Ok(match selection {
        AssetSelection::Matching(filter) => super::asset_filter::condition(db, filter).await?,
        AssetSelection::Picked(ids) => Condition::all()
            .add(asset::Column::CurrentVersionId.is_not_null())
            .add(asset::Column::Id.is_in(ids.iter().map(|id| id.0))),
    })
}

/// One selected asset's current file.
#[derive(Clone, Debug)]
pub struct SelectedFile {
    pub asset: AssetId,
    pub file_name: String,
    pub content_key: String,
}

/// The current files of the selected assets after asset `after`, in the order of their ids, at
/// most `limit`.
///
/// # Errors
/// Database failures.
pub async fn files(
    db: &impl ConnectionTrait,
    selected: Condition,
    after: AssetId,
    limit: u64,
) -> Result<Vec<SelectedFile>, DbErr> {
    let rows: Vec<(i64, String, String)> = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .column(asset_version::Column::FileName)
        .column(asset_version::Column::ContentKey)
        .join(JoinType::InnerJoin, current_version())
        .filter(selected)
        .filter(asset::Column::Id.gt(after.0))
        .order_by_asc(asset::Column::Id)
        .limit(limit)
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
