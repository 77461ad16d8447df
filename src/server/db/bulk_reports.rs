//! Where a bulk change stands: its counts by outcome and the first problems.

use super::unreadable;
use sea_orm::DbErr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{
    bulk_changes::{DONE, FAILED, SKIPPED},
    entities::{bulk_change, bulk_change_item},
};
use crate::domain::{AssetId, BulkChangeId, BulkProblem, BulkReport, Outcome, UserId};

/// Where the change stands, for the user who started it (none for anyone else).
///
/// # Errors
/// Database failures.
pub async fn report(db: &impl ConnectionTrait, id: BulkChangeId, user: UserId) -> Result<Option<BulkReport>, DbErr> {
    let Some(row) = bulk_change::Entity::find_by_id(id.0)
        .filter(bulk_change::Column::UserId.eq(user.0))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let action = serde_json::from_str(&row.action).map_err(|e| unreadable(format!("bulk change {}: {e}", row.id)))?;
    let counts: Vec<(Option<String>, i64)> = bulk_change_item::Entity::find()
        .select_only()
        .column(bulk_change_item::Column::Outcome)
        .column_as(bulk_change_item::Column::AssetId.count(), "n")
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .group_by(bulk_change_item::Column::Outcome)
        .into_tuple()
        .all(db)
        .await?;
    let count = |outcome: &str| {
        counts
            .iter()
            .find(|(o, _)| o.as_deref() == Some(outcome))
            .map_or(0, |(_, n)| *n as u64)
    };
    let problems = bulk_change_item::Entity::find()
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .filter(bulk_change_item::Column::Outcome.is_in([SKIPPED, FAILED]))
        .order_by_asc(bulk_change_item::Column::AssetId)
        .limit(BulkReport::MAX_PROBLEMS)
        .all(db)
        .await?
        .into_iter()
        .map(|item| {
            let reason = item.reason.unwrap_or_default();
            BulkProblem {
                asset_id: AssetId(item.asset_id),
                asset_name: item.asset_name,
                outcome: if item.outcome.as_deref() == Some(SKIPPED) {
                    Outcome::Skipped(reason)
                } else {
                    Outcome::Failed(reason)
                },
            }
        })
        .collect();
    Ok(Some(BulkReport {
        id,
        action,
        total: row.total as u64,
        done: count(DONE),
        skipped: count(SKIPPED),
        failed: count(FAILED),
        problems,
    }))
}
