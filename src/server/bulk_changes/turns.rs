//! One batch of a bulk change's turns as one unit of work: the turns are claimed, the action is
//! applied to the claimed assets and each outcome recorded, so a change interrupted anywhere goes
//! on later without doing anything twice.

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use std::collections::HashMap;

use crate::domain::{
    AppError, AssetId, BulkAction, BulkChangeId, LinkChanges, Outcome, WebhookEvent, check_label_count, holds_label,
};
use crate::server::{
    db::{self, category_links::Member},
    deletion,
    errors::{ServiceError, internal},
    links, webhooks,
};

/// What one asset's turn came to.
pub enum Turn {
    /// Another worker took it first.
    Taken,
    /// Changed; for a deletion, the stored files its versions used.
    Done { files: Vec<String> },
    /// Skipped or failed, and recorded so.
    Refused,
}

/// Takes the turns of `assets` in the change, in one transaction: claims their rows, then applies
/// `action` to the claimed assets and records the outcomes. A refusal (a Public asset for Delete,
/// one deleted meanwhile, too many labels) leaves that asset unchanged and records why. The
/// actions `apply_together` knows change all the claimed assets in a few statements, refusing
/// before they write; the others change each asset in a savepoint of its own. Nothing of the
/// batch is kept unless all of it is.
///
/// # Errors
/// Database failures, after retries of contention.
pub async fn take_turns(
    db: &DatabaseConnection,
    id: BulkChangeId,
    assets: &[AssetId],
    action: &BulkAction,
) -> Result<Vec<Turn>, ServiceError> {
    db::retried(db, |txn| {
        let (action, assets) = (action.clone(), assets.to_vec());
        Box::pin(async move {
            let claimed = db::bulk_changes::claim(txn, id, &assets).await?;
            if let Some(refused) = apply_together(txn, &action, &claimed).await? {
                for (asset, refusal) in &refused {
                    db::bulk_changes::record_outcome(txn, id, *asset, &Outcome::of_refusal(refusal)).await?;
                }
                let changed: Vec<AssetId> = claimed
                    .iter()
                    .filter(|asset| !refused.contains_key(asset))
                    .copied()
                    .collect();
                db::search_facts::record_changed(txn, &changed).await?;
                webhooks::announce_assets(txn, WebhookEvent::AssetUpdated, &changed).await?;
                return Ok(assets
                    .iter()
                    .map(|asset| {
                        if !claimed.contains(asset) {
                            Turn::Taken
                        } else if refused.contains_key(asset) {
                            Turn::Refused
                        } else {
                            Turn::Done { files: Vec::new() }
                        }
                    })
                    .collect());
            }
            let mut turns = Vec::with_capacity(assets.len());
            for asset in assets {
                turns.push(if claimed.contains(&asset) {
                    turn(txn, id, asset, &action).await?
                } else {
                    Turn::Taken
                });
            }
            // The batch's assets went to the same products: those are told once.
            if let BulkAction::LinkToProducts(products) = &action
                && turns.iter().any(|turn| matches!(turn, Turn::Done { .. }))
            {
                webhooks::announce_products(txn, products).await?;
            }
            Ok(turns)
        })
    })
    .await
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
            db::bulk_changes::record_outcome(txn, id, asset, &Outcome::of_refusal(&refusal)).await?;
            Ok(Turn::Refused)
        }
        Err(failure) => Err(failure),
    }
}

/// The change's action applied to all of `assets` at once, for the actions that change an
/// asset's own row and labels: a few statements for the whole batch, every refusal found before
/// the first write. Returns the refused assets with why (leaving the changed ones' search facts
/// to the caller); `None` for the actions that go asset by asset (`apply`).
async fn apply_together(
    txn: &DatabaseTransaction,
    action: &BulkAction,
    assets: &[AssetId],
) -> Result<Option<HashMap<AssetId, AppError>>, ServiceError> {
    match action {
        BulkAction::SetAvailability(availability) => {
            let (present, refused) = still_there(txn, assets).await?;
            db::bulk_changes::set_availability(txn, &present, *availability).await?;
            Ok(Some(refused))
        }
        BulkAction::AddLabels(labels) => {
            let (present, mut refused) = still_there(txn, assets).await?;
            let has = db::asset_labels::labels_of_all(txn, &present).await?;
            let mut rows = Vec::new();
            let mut accepted = Vec::with_capacity(present.len());
            for asset in present {
                let own = has.get(&asset).map_or(&[][..], Vec::as_slice);
                let new: Vec<&String> = labels.iter().filter(|label| !holds_label(own, label)).collect();
                if let Err(refusal) = check_label_count(own.len() + new.len()) {
                    refused.insert(asset, refusal);
                    continue;
                }
                accepted.push(asset);
                rows.extend(new.into_iter().map(|label| (asset, label.clone())));
            }
            db::bulk_changes::revise(txn, &accepted).await?;
            db::asset_labels::add_labels_to_all(txn, rows).await?;
            Ok(Some(refused))
        }
        BulkAction::RemoveLabels(labels) => {
            let (present, refused) = still_there(txn, assets).await?;
            db::bulk_changes::revise(txn, &present).await?;
            db::bulk_changes::remove_labels(txn, &present, labels).await?;
            Ok(Some(refused))
        }
        BulkAction::LinkToProducts(_) | BulkAction::AddToCategories(_) | BulkAction::Delete => Ok(None),
    }
}

/// Those of `assets` still there, locked until the transaction ends (PostgreSQL), and the others
/// refused as deleted meanwhile.
async fn still_there(
    txn: &DatabaseTransaction,
    assets: &[AssetId],
) -> Result<(Vec<AssetId>, HashMap<AssetId, AppError>), ServiceError> {
    let present = db::bulk_changes::lock_present(txn, assets).await?;
    let gone = assets.iter().filter(|asset| !present.contains(asset));
    let refused = gone.map(|asset| (*asset, AppError::NotFound)).collect();
    Ok((present, refused))
}

/// The change's action applied to one asset, for the actions `apply_together` leaves asset by
/// asset: for a deletion, the stored files its versions used.
async fn apply(txn: &DatabaseTransaction, action: &BulkAction, asset: AssetId) -> Result<Vec<String>, ServiceError> {
    match action {
        BulkAction::LinkToProducts(products) => {
            let changes = LinkChanges {
                assign: products.clone(),
                unassign: Vec::new(),
            };
            links::relink(txn, asset, &changes).await?;
            Ok(Vec::new())
        }
        BulkAction::AddToCategories(categories) => {
            let changes = LinkChanges {
                assign: categories.clone(),
                unassign: Vec::new(),
            };
            links::put_in_categories(txn, Member::Asset(asset), &changes).await?;
            Ok(Vec::new())
        }
        BulkAction::Delete => deletion::delete_rows(txn, asset).await,
        BulkAction::SetAvailability(_) | BulkAction::AddLabels(_) | BulkAction::RemoveLabels(_) => Err(
            ServiceError::Fault(internal("bulk_change", "this action changes its assets together")),
        ),
    }
}
