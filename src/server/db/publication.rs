//! Whether assets are published, asked by everything that shows or serves one: the Details tab,
//! the actions menu, the grid's badges and the public and static links. The rule itself is
//! `Publication::of`; this reads what it needs.

use sea_orm::ConnectionTrait;
use std::collections::HashMap;

use crate::domain::{AppError, AssetId, Availability, Publication};

/// The publication of each of these assets.
///
/// # Errors
/// Database failures.
pub async fn of(
    _db: &impl ConnectionTrait,
    assets: &[(AssetId, Availability)],
) -> Result<HashMap<AssetId, Publication>, AppError> {
    // Products arrive with the products issue: until then no asset is linked to a published one.
    Ok(assets
        .iter()
        .map(|&(id, availability)| (id, Publication::of(availability, 0)))
        .collect())
}

/// The publication of one asset.
///
/// # Errors
/// Database failures.
pub async fn of_one(
    db: &impl ConnectionTrait,
    id: AssetId,
    availability: Availability,
) -> Result<Publication, AppError> {
    Ok(of(db, &[(id, availability)])
        .await?
        .remove(&id)
        .unwrap_or(Publication::of(availability, 0)))
}
