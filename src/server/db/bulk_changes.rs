//! Bulk changes: one row per change and one per selected asset. The transaction of a batch of
//! turns claims their rows (outcome still empty), changes the assets and records the outcomes,
//! so a change interrupted anywhere goes on later without doing anything twice.

use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
    sea_query::{Expr, Query},
};

use super::{
    category_links::{self, Member},
    entities::{asset, asset_label, bulk_change, bulk_change_item},
    now_millis,
};
use crate::domain::{
    AppError, AssetChanges, AssetId, BulkAction, BulkChangeId, LinkChanges, Outcome, UserId, holds_label,
};
use crate::server::errors::{ServiceError, internal};
use std::collections::{HashMap, HashSet};

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
    db: &DatabaseConnection,
    user: UserId,
    action: &BulkAction,
    selected: &[AssetId],
) -> Result<(BulkChangeId, u64), AppError> {
    let json = serde_json::to_string(action).map_err(|e| internal("bulk change", e))?;
    let txn = db.begin().await?;
    let change = bulk_change::Entity::insert(bulk_change::ActiveModel {
        user_id: Set(user.0),
        action: Set(json),
        total: Set(0),
        created_at: Set(now_millis()),
        ..Default::default()
    })
    .exec(&txn)
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
            .map_err(|e| internal("bulk change", e))?
            .to_owned();
        total += txn
            .execute(txn.get_database_backend().build(&insert))
            .await?
            .rows_affected();
    }
    bulk_change::Entity::update_many()
        .col_expr(bulk_change::Column::Total, Expr::value(total as i64))
        .filter(bulk_change::Column::Id.eq(change))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok((BulkChangeId(change), total))
}

/// What the change does.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn action(db: &impl ConnectionTrait, id: BulkChangeId) -> Result<BulkAction, AppError> {
    let row = bulk_change::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    serde_json::from_str(&row.action).map_err(|e| internal("bulk change", format!("change {}: {e}", id.0)))
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

/// What one asset's turn came to.
pub enum Turn {
    /// Another worker took it first.
    Taken,
    /// Changed; for a deletion, the stored files its versions used.
    Done { files: Vec<String> },
    /// Skipped or failed, and recorded so.
    Refused,
}

/// Takes the turns of `assets` in the change, in one transaction: claims their rows (outcome
/// still empty), then applies `action` to the claimed assets and records the outcomes. A refusal
/// (a Public asset for Delete, one deleted meanwhile, too many labels) leaves that asset
/// unchanged and records why. The actions `apply_together` knows change all the claimed assets
/// in a few statements, refusing before they write; the others change each asset in a savepoint
/// of its own. Nothing of the batch is kept unless all of it is.
///
/// # Errors
/// Database failures, after retries of contention.
pub async fn take_turns(
    db: &DatabaseConnection,
    id: BulkChangeId,
    assets: &[AssetId],
    action: &BulkAction,
) -> Result<Vec<Turn>, ServiceError> {
    super::retried(db, |txn| {
        let (action, assets) = (action.clone(), assets.to_vec());
        Box::pin(async move {
            let claimed = claim(txn, id, &assets).await?;
            let mut turns = Vec::with_capacity(assets.len());
            if let Some(refused) = apply_together(txn, &action, &claimed).await? {
                for (asset, refusal) in &refused {
                    record_refusal(txn, id, *asset, refusal).await?;
                }
                let changed: Vec<AssetId> = claimed
                    .iter()
                    .filter(|asset| !refused.contains_key(asset))
                    .copied()
                    .collect();
                super::search_facts::record_changed(txn, &changed).await?;
                for asset in assets {
                    turns.push(if !claimed.contains(&asset) {
                        Turn::Taken
                    } else if refused.contains_key(&asset) {
                        Turn::Refused
                    } else {
                        Turn::Done { files: Vec::new() }
                    });
                }
                return Ok(turns);
            }
            for asset in assets {
                turns.push(if claimed.contains(&asset) {
                    turn(txn, id, asset, &action).await?
                } else {
                    Turn::Taken
                });
            }
            Ok(turns)
        })
    })
    .await
}

/// Marks the turns of those of `assets` nobody has taken yet as done (a refusal rewrites its
/// outcome later); returns them. The rows are locked first, so that of two workers the second
/// waits and then finds them taken.
async fn claim(txn: &DatabaseTransaction, id: BulkChangeId, assets: &[AssetId]) -> Result<Vec<AssetId>, DbErr> {
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

/// Applies `action` to one claimed asset in a savepoint; a refusal rolls the asset's changes
/// back and records why.
async fn turn(
    txn: &DatabaseTransaction,
    id: BulkChangeId,
    asset: AssetId,
    action: &BulkAction,
) -> Result<Turn, ServiceError> {
    let savepoint = txn.begin().await?;
    match apply(&savepoint, action, asset).await {
        Ok(files) => {
            savepoint.commit().await?;
            Ok(Turn::Done { files })
        }
        Err(ServiceError::Refused(refusal)) => {
            savepoint.rollback().await?;
            record_refusal(txn, id, asset, &refusal).await?;
            Ok(Turn::Refused)
        }
        Err(failure) => Err(failure),
    }
}

/// Records why `asset`'s turn was refused, as skipped or failed.
async fn record_refusal(
    txn: &DatabaseTransaction,
    id: BulkChangeId,
    asset: AssetId,
    refusal: &AppError,
) -> Result<(), DbErr> {
    let (outcome, reason) = match Outcome::of_refusal(refusal) {
        Outcome::Skipped(reason) => (SKIPPED, reason),
        Outcome::Failed(reason) => (FAILED, reason),
        Outcome::Done => (DONE, String::new()),
    };
    bulk_change_item::Entity::update_many()
        .col_expr(bulk_change_item::Column::Outcome, Expr::value(outcome))
        .col_expr(bulk_change_item::Column::Reason, Expr::value(reason))
        .filter(bulk_change_item::Column::BulkChangeId.eq(id.0))
        .filter(bulk_change_item::Column::AssetId.eq(asset.0))
        .exec(txn)
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

/// The change's action applied to all of `assets` at once, in `txn`, for the actions that
/// change an asset's own row and labels: a few statements for the whole batch, every refusal
/// found before the first write. Returns the refused assets with why (leaving the changed ones'
/// search text and keys to the caller); `None` for the actions that go asset by asset (`apply`).
async fn apply_together(
    txn: &DatabaseTransaction,
    action: &BulkAction,
    assets: &[AssetId],
) -> Result<Option<HashMap<AssetId, AppError>>, DbErr> {
    match action {
        BulkAction::SetAvailability(availability) => {
            let (present, refused) = still_there(txn, assets).await?;
            revise(&present)
                .col_expr(asset::Column::Availability, Expr::value(availability.code()))
                .exec(txn)
                .await?;
            Ok(Some(refused))
        }
        BulkAction::AddLabels(labels) => {
            let (present, mut refused) = still_there(txn, assets).await?;
            let has = super::asset_labels::labels_of_all(txn, &present).await?;
            let mut rows = Vec::new();
            let mut accepted = Vec::with_capacity(present.len());
            for asset in present {
                let own = has.get(&asset).map_or(&[][..], Vec::as_slice);
                let new: Vec<&String> = labels.iter().filter(|label| !holds_label(own, label)).collect();
                if own.len() + new.len() > AssetChanges::MAX_LABELS {
                    let message = format!(
                        "It would have {} labels; an asset has at most {}.",
                        own.len() + new.len(),
                        AssetChanges::MAX_LABELS
                    );
                    refused.insert(asset, AppError::Validation(message));
                    continue;
                }
                accepted.push(asset);
                rows.extend(new.into_iter().map(|label| (asset, label.clone())));
            }
            revise(&accepted).exec(txn).await?;
            super::asset_labels::add_labels_to_all(txn, rows).await?;
            Ok(Some(refused))
        }
        BulkAction::RemoveLabels(labels) => {
            let (present, refused) = still_there(txn, assets).await?;
            revise(&present).exec(txn).await?;
            // The labels as the assets spell them; any asset spelling one so holds it.
            let gone: HashSet<String> = super::asset_labels::labels_of_all(txn, &present)
                .await?
                .into_values()
                .flatten()
                .filter(|has| holds_label(labels, has))
                .collect();
            if !gone.is_empty() {
                asset_label::Entity::delete_many()
                    .filter(asset_label::Column::AssetId.is_in(present.iter().map(|asset| asset.0)))
                    .filter(asset_label::Column::Label.is_in(gone))
                    .exec(txn)
                    .await?;
            }
            Ok(Some(refused))
        }
        BulkAction::LinkToProducts(_) | BulkAction::AddToCategories(_) | BulkAction::Delete => Ok(None),
    }
}

/// Those of `assets` still there, locked until the transaction ends (PostgreSQL), and the others
/// refused as not found.
async fn still_there(
    txn: &DatabaseTransaction,
    assets: &[AssetId],
) -> Result<(Vec<AssetId>, HashMap<AssetId, AppError>), DbErr> {
    let present: Vec<AssetId> = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset::Column::Id.is_in(assets.iter().map(|asset| asset.0)))
        .lock_exclusive()
        .into_tuple()
        .all(txn)
        .await?
        .into_iter()
        .map(AssetId)
        .collect();
    let gone = assets
        .iter()
        .filter(|asset| !present.contains(asset))
        .map(|asset| (*asset, AppError::NotFound))
        .collect();
    Ok((present, gone))
}

/// The change's action applied to one asset, in `txn`, for the actions `apply_together` leaves
/// asset by asset: for a deletion, the stored files its versions used.
async fn apply(txn: &DatabaseTransaction, action: &BulkAction, asset: AssetId) -> Result<Vec<String>, ServiceError> {
    match action {
        BulkAction::LinkToProducts(products) => {
            let changes = LinkChanges {
                assign: products.clone(),
                unassign: Vec::new(),
            };
            super::product_links::apply(txn, asset, &changes).await?;
            Ok(Vec::new())
        }
        BulkAction::AddToCategories(categories) => {
            let changes = LinkChanges {
                assign: categories.clone(),
                unassign: Vec::new(),
            };
            category_links::apply(txn, Member::Asset(asset), &changes).await?;
            Ok(Vec::new())
        }
        BulkAction::Delete => super::deletion::delete_rows(txn, asset).await,
        BulkAction::SetAvailability(_) | BulkAction::AddLabels(_) | BulkAction::RemoveLabels(_) => Err(
            ServiceError::Fault(internal("bulk_change", "this action changes its assets together")),
        ),
    }
}

/// An update of the assets' rows that moves their revisions on, so that a details form opened
/// before the change cannot save over it.
fn revise(assets: &[AssetId]) -> sea_orm::UpdateMany<asset::Entity> {
    asset::Entity::update_many()
        .col_expr(asset::Column::Revision, Expr::col(asset::Column::Revision).add(1))
        .filter(asset::Column::Id.is_in(assets.iter().map(|asset| asset.0)))
}
