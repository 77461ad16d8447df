//! Whether assets are published, asked by everything that shows or serves one: the Details tab,
//! the actions menu, the grid's badges and the public and static links. The rule itself is
//! `Publication::of`; this reads what it needs.

use sea_orm::ConnectionTrait;
use sea_orm::DbErr;
use std::collections::HashMap;

use crate::domain::{AssetId, Availability, Publication};

/// The publication of each of these assets.
///
/// # Errors
/// Database failures.
pub async fn of(
    db: &impl ConnectionTrait,
    assets: &[(AssetId, Availability)],
) -> Result<HashMap<AssetId, Publication>, DbErr> {
    let automatic: Vec<AssetId> = assets
        .iter()
        .filter(|(_, availability)| *availability == Availability::Automatic)
        .map(|&(id, _)| id)
        .collect();
    let published = super::product_links::published_counts(db, &automatic).await?;
    Ok(assets
        .iter()
        .map(|&(id, availability)| {
            let products = published.get(&id).copied().unwrap_or(0);
            (id, Publication::of(availability, products))
        })
        .collect())
}

/// The publication of one asset.
///
/// # Errors
/// Database failures.
pub async fn of_one(db: &impl ConnectionTrait, id: AssetId, availability: Availability) -> Result<Publication, DbErr> {
    Ok(of(db, &[(id, availability)])
        .await?
        .remove(&id)
        .unwrap_or(Publication::of(availability, 0)))
}
