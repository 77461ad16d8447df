//! Linking assets to products and members to categories: the refusals and the writes of one
//! change, in the caller's unit of work, shared by the details panel's tabs, the Products page and
//! bulk changes.

use sea_orm::ConnectionTrait;

use super::{db, db::category_links::Member, errors::ServiceError, webhooks};
use crate::domain::{AppError, AssetId, CategoryId, LinkChanges, ProductId, WebhookEvent, no_such};

/// Links the asset to `changes.assign` (each at the end of that product's assets) and unlinks it
/// from `changes.unassign`, and tells webhooks that those products' assets changed.
///
/// # Errors
/// `NotFound` for an unknown asset, `Validation` naming an unknown product; database failures.
pub async fn link_to_products(
    txn: &impl ConnectionTrait,
    asset: AssetId,
    changes: &LinkChanges<ProductId>,
) -> Result<(), ServiceError> {
    relink(txn, asset, changes).await?;
    let products: Vec<ProductId> = changes.assign.iter().chain(&changes.unassign).copied().collect();
    Ok(webhooks::announce_products(txn, &products).await?)
}

/// Links the asset to `changes.assign` (each at the end of that product's assets) and unlinks it
/// from `changes.unassign`, telling nobody: the caller tells of the products once. Links someone
/// else made or removed meanwhile stay as they are.
///
/// # Errors
/// `NotFound` for an unknown asset, `Validation` naming an unknown product; database failures.
pub async fn relink(
    txn: &impl ConnectionTrait,
    asset: AssetId,
    changes: &LinkChanges<ProductId>,
) -> Result<(), ServiceError> {
    if !db::assets::exists(txn, asset).await? {
        return Err(AppError::NotFound.into());
    }
    if let Some(unknown) = db::product_links::first_unknown(txn, &changes.assign).await? {
        return Err(no_such(unknown).into());
    }
    Ok(db::product_links::apply(txn, asset, changes).await?)
}

/// Puts the member in `changes.assign` and takes it out of `changes.unassign`; a product's
/// updated date moves.
///
/// # Errors
/// `NotFound` for an unknown member, `Validation` naming an unknown category; database failures.
pub async fn put_in_categories(
    txn: &impl ConnectionTrait,
    member: Member,
    changes: &LinkChanges<CategoryId>,
) -> Result<(), ServiceError> {
    if let Some(unknown) = db::category_links::first_unknown(txn, &changes.assign).await? {
        return Err(no_such(unknown).into());
    }
    if !db::category_links::touch(txn, member).await? {
        return Err(AppError::NotFound.into());
    }
    db::category_links::apply(txn, member, changes).await?;
    if let Member::Asset(asset) = member {
        webhooks::announce_assets(txn, WebhookEvent::AssetUpdated, &[asset]).await?;
    }
    Ok(())
}

/// Moves an asset one place earlier or later among the product's assets (the first is the main
/// image).
///
/// # Errors
/// `NotFound` when the asset does not illustrate the product; database failures.
pub async fn move_asset(
    txn: &impl ConnectionTrait,
    product: ProductId,
    asset: AssetId,
    earlier: bool,
) -> Result<(), ServiceError> {
    let mut order = db::product_links::assets_of(txn, product).await?;
    let Some(at) = order.iter().position(|id| *id == asset) else {
        return Err(AppError::NotFound.into());
    };
    let to = if earlier {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&to| to < order.len())
    };
    if let Some(to) = to {
        order.swap(at, to);
        db::product_links::set_positions(txn, product, &order).await?;
        webhooks::announce_products(txn, &[product]).await?;
    }
    Ok(())
}
