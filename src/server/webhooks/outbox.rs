//! What the use cases call, in the transaction of each change, to tell the endpoints that want it.
//! Publication changes are told by the write hook every asset change passes
//! (`db::publication::announce_changes`), whatever caused them.

use sea_orm::{ConnectionTrait, DbErr};

use crate::domain::{Announcement, AssetId, ProductId, WebhookEvent};
use crate::server::db;

/// Tells of these assets: `event` with each one's code and current version. A deletion is told
/// before the rows go.
///
/// # Errors
/// Database failures.
pub async fn announce_assets(db: &impl ConnectionTrait, event: WebhookEvent, ids: &[AssetId]) -> Result<(), DbErr> {
    let announcements = db::webhook_outbox::about_assets(db, event, ids).await?;
    announce(db, &announcements).await
}

/// Tells that these products' assets changed.
///
/// # Errors
/// Database failures.
pub async fn announce_products(db: &impl ConnectionTrait, products: &[ProductId]) -> Result<(), DbErr> {
    let announcements = db::webhook_outbox::about_products(db, products).await?;
    announce(db, &announcements).await
}

/// Tells of these.
///
/// # Errors
/// Database failures.
pub async fn announce(db: &impl ConnectionTrait, announcements: &[Announcement]) -> Result<(), DbErr> {
    db::webhook_outbox::write(db, announcements, time::OffsetDateTime::now_utc())
        .await
        .map(drop)
}
