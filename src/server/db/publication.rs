//! Whether assets are published, asked by everything that shows or serves one: the Details tab,
//! the actions menu, the grid's badges and the public and static links. The rule itself is
//! `Publication::of`; this reads what it needs.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr};
use std::collections::HashMap;

use super::entities::asset;
use crate::domain::{AssetId, Availability, Publication, WebhookEvent};

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

/// Tells webhooks of each of these assets whose publication changed since it was last told
/// (`asset.published`, `asset.unpublished`), in the transaction of the change, whatever made it
/// change: its availability, a link, a product's status. An asset not followed yet (from before
/// webhooks) starts being followed silently.
///
/// # Errors
/// Database failures; a stored availability this damson does not know.
pub async fn announce_changes(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<(), DbErr> {
    for chunk in ids.chunks(500) {
        let rows: Vec<(i64, String, Option<bool>)> = asset::Entity::find()
            .select_only()
            .columns([
                asset::Column::Id,
                asset::Column::Availability,
                asset::Column::AnnouncedPublished,
            ])
            .filter(asset::Column::Id.is_in(chunk.iter().map(|id| id.0)))
            .into_tuple()
            .all(db)
            .await?;
        let availabilities = rows
            .iter()
            .map(|(id, availability, _)| Ok((AssetId(*id), availability.parse().map_err(super::unreadable)?)))
            .collect::<Result<Vec<(AssetId, Availability)>, DbErr>>()?;
        let now = of(db, &availabilities).await?;
        let (mut published, mut unpublished) = (Vec::new(), Vec::new());
        // What each asset is now announced as, also for those followed from now on (silently).
        let (mut now_true, mut now_false) = (Vec::new(), Vec::new());
        for (id, _, announced) in rows {
            let is = now
                .get(&AssetId(id))
                .is_some_and(|publication| publication.is_published());
            if announced == Some(is) {
                continue;
            }
            if is { &mut now_true } else { &mut now_false }.push(id);
            match announced {
                Some(_) if is => published.push(AssetId(id)),
                Some(_) => unpublished.push(AssetId(id)),
                None => {}
            }
        }
        let mut announcements =
            super::webhook_outbox::about_assets(db, WebhookEvent::AssetPublished, &published).await?;
        announcements
            .extend(super::webhook_outbox::about_assets(db, WebhookEvent::AssetUnpublished, &unpublished).await?);
        super::webhook_outbox::write(db, &announcements, time::OffsetDateTime::now_utc()).await?;
        for (value, ids) in [(true, now_true), (false, now_false)] {
            if !ids.is_empty() {
                asset::Entity::update_many()
                    .col_expr(asset::Column::AnnouncedPublished, Expr::value(value))
                    .filter(asset::Column::Id.is_in(ids))
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(())
}
