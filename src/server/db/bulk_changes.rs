//! Bulk changes: one row per change and one per selected asset, whose outcome is empty until its
//! turn is claimed; and the writes a batch of turns makes to the assets.

use super::unreadable;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query},
};

use super::{
    entities::{asset, asset_label, bulk_change, bulk_change_item},
    now_millis,
};
use crate::domain::{AssetId, Availability, BulkAction, BulkChangeId, Outcome, UserId, holds_label};
use std::collections::HashSet;

pub(super) const DONE: &str = "done";
pub(super) const SKIPPED: &str = "skipped";
pub(super) const FAILED: &str = "failed";
/// Selected assets recorded by one statement (within SQLite's limit of bound values).
const SELECTED_PER_INSERT: usize = 5_000;

/// Records a change of these assets (those with a current version), in the order of their ids;
/// returns it and how many assets it holds.
///
/// # Errors
/// Database failures.
pub async fn create(
    txn: &impl ConnectionTrait,
    user: UserId,
    action: &BulkAction,
    selected: &[AssetId],
) -> Result<(BulkChangeId, u64), DbErr> {
    let json = serde_json::to_string(action).map_err(|e| DbErr::Custom(format!("a bulk change's action: {e}")))?;
    let change = bulk_change::Entity::insert(bulk_change::ActiveModel {
        user_id: Set(user.0),
        action: Set(json),
        total: Set(0),
        created_at: Set(now_millis()),
        ..Default::default()
    })
    .exec(txn)
    .await?
    .last_insert_id;
    let mut total = 0;
    // Names are copied inside the database, a slice of ids at a time.
    for slice in selected.chunks(SELECTED_PER_INSERT) {
        let rows = Query::select()
            .expr(Expr::val(change))
            .column((asset::Entity, asset::Column::Id))
            .column((asset::Entity, asset::Column::Name))
            .from(asset::Entity)
            .and_where(asset::Column::CurrentVersionId.is_not_null())
            .and_where(asset::Column::Id.is_in(slice.iter().map(|id| id.0)))
            .to_owned();
        let insert = Query::insert()
            .into_table(bulk_change_item::Entity)
            .columns([
                bulk_change_item::Column::BulkChangeId,
                bulk_change_item::Column::AssetId,
                bulk_change_item::Column::AssetName,
            ])
            .select_from(rows)
            .map_err(|e| DbErr::Custom(format!("a bulk change's assets: {e}")))?
            .to_owned();
        total += txn
            .execute(txn.get_database_backend().build(&insert))
            .await?
            .rows_affected();
    }
    bulk_change::Entity::update_many()
        .col_expr(bulk_change::Column::Total, Expr::value(total as i64))
        .filter(bulk_change::Column::Id.eq(change))
        .exec(txn)
        .await?;
    Ok((BulkChangeId(change), total))
}

/// What the change does, unless there is no such change.
///
/// # Errors
/// Database failures, an action that does not read.
pub async fn action(db: &impl ConnectionTrait, id: BulkChangeId) -> Result<Option<BulkAction>, DbErr> {
    let Some(row) = bulk_change::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    serde_json::from_str(&row.action)
        .map(Some)
        .map_err(|e| unreadable(format!("change {}: {e}", id.0)))
}

/// The next assets waiting for their turn, at most `limit`.
///
/// # Errors
/// Database failures.
pub async fn waiting(db: &impl ConnectionTrait, id: BulkChangeId, limit: u64) -> Result<Vec<AssetId>, DbErr> {
    let ids: Vec<i64> = bulk_change_item::Entity::find()
        .select_only()
        .column(bulk_change_item::Column::AssetId)
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .filter(bulk_change_item::Column::Outcome.is_null())
        .order_by_asc(bulk_change_item::Column::AssetId)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(AssetId).collect())
}

/// Marks the turns of those of `assets` nobody has taken yet as done (a refusal rewrites its
/// outcome later); returns them. The rows are locked first, so that of two workers the second
/// waits and then finds them taken.
pub async fn claim(txn: &impl ConnectionTrait, id: BulkChangeId, assets: &[AssetId]) -> Result<Vec<AssetId>, DbErr> {
    let waiting: Vec<i64> = bulk_change_item::Entity::find()
        .select_only()
        .column(bulk_change_item::Column::AssetId)
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .filter(bulk_change_item::Column::AssetId.is_in(assets.iter().map(|asset| asset.0)))
        .filter(bulk_change_item::Column::Outcome.is_null())
        .lock_exclusive()
        .into_tuple()
        .all(txn)
        .await?;
    if !waiting.is_empty() {
        bulk_change_item::Entity::update_many()
            .col_expr(bulk_change_item::Column::Outcome, Expr::value(DONE))
            .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
            .filter(bulk_change_item::Column::AssetId.is_in(waiting.clone()))
            .exec(txn)
            .await?;
    }
    Ok(waiting.into_iter().map(AssetId).collect())
}

/// Records how `asset`'s turn ended.
///
/// # Errors
/// Database failures.
pub async fn record_outcome(
    db: &impl ConnectionTrait,
    id: BulkChangeId,
    asset: AssetId,
    outcome: &Outcome,
) -> Result<(), DbErr> {
    let (outcome, reason) = match outcome {
        Outcome::Skipped(reason) => (SKIPPED, reason.as_str()),
        Outcome::Failed(reason) => (FAILED, reason.as_str()),
        Outcome::Done => (DONE, ""),
    };
    bulk_change_item::Entity::update_many()
        .col_expr(bulk_change_item::Column::Outcome, Expr::value(outcome))
        .col_expr(bulk_change_item::Column::Reason, Expr::value(reason))
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .filter(bulk_change_item::Column::AssetId.eq(asset.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Records that `asset`'s turn failed for a reason outside it (the database kept refusing).
///
/// # Errors
/// Database failures.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    id: BulkChangeId,
    asset: AssetId,
    reason: &str,
) -> Result<(), DbErr> {
    bulk_change_item::Entity::update_many()
        .col_expr(bulk_change_item::Column::Outcome, Expr::value(FAILED))
        .col_expr(bulk_change_item::Column::Reason, Expr::value(reason))
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .filter(bulk_change_item::Column::AssetId.eq(asset.0))
        .filter(bulk_change_item::Column::Outcome.is_null())
        .exec(db)
        .await
        .map(drop)
}

/// Those of `assets` still there, locked until the transaction ends (PostgreSQL).
///
/// # Errors
/// Database failures.
pub async fn lock_present(db: &impl ConnectionTrait, assets: &[AssetId]) -> Result<Vec<AssetId>, DbErr> {
    let present: Vec<i64> = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset::Column::Id.is_in(assets.iter().map(|asset| asset.0)))
        .lock_exclusive()
        .into_tuple()
        .all(db)
        .await?;
    Ok(present.into_iter().map(AssetId).collect())
}

/// Moves the assets' revisions on, so that a details form opened before a change cannot save
/// over it.
///
/// # Errors
/// Database failures.
pub async fn revise(db: &impl ConnectionTrait, assets: &[AssetId]) -> Result<(), DbErr> {
    revision_moved(assets).exec(db).await.map(drop)
}

/// Sets the assets' availability, moving their revisions on.
///
/// # Errors
/// Database failures.
pub async fn set_availability(
    db: &impl ConnectionTrait,
    assets: &[AssetId],
    availability: Availability,
) -> Result<(), DbErr> {
    revision_moved(assets)
        .col_expr(asset::Column::Availability, Expr::value(availability.code()))
        .exec(db)
        .await
        .map(drop)
}

/// Takes `labels` off the assets, however each spells them.
///
/// # Errors
/// Database failures.
pub async fn remove_labels(db: &impl ConnectionTrait, assets: &[AssetId], labels: &[String]) -> Result<(), DbErr> {
    // The labels as the assets spell them; any asset spelling one so holds it.
    let gone: HashSet<String> = super::asset_labels::labels_of_all(db, assets)
        .await?
        .into_values()
        .flatten()
        .filter(|has| holds_label(labels, has))
        .collect();
    if !gone.is_empty() {
        asset_label::Entity::delete_many()
            .filter(asset_label::Column::AssetId.is_in(assets.iter().map(|asset| asset.0)))
            .filter(asset_label::Column::Label.is_in(gone))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// An update of the assets' rows that moves their revisions on.
fn revision_moved(assets: &[AssetId]) -> sea_orm::UpdateMany<asset::Entity> {
    asset::Entity::update_many()
        .col_expr(asset::Column::Revision, Expr::col(asset::Column::Revision).add(1))
        .filter(asset::Column::Id.is_in(assets.iter().map(|asset| asset.0)))
}
