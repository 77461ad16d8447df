use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The index of the time updated holds the time added and the key too, so that a walk down it
/// checks a filter's days and facts in its entries alone: the Recently updated page of days that
/// ended before the latest updates. It replaces the index of (time updated, id), which it begins
/// with.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_updated_added ON assets \
                 (updated_at, id, created_at, facet_key, current_version_id) WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_updated_at",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_updated_at ON assets (updated_at, id)",
                "DROP INDEX idx_assets_updated_added",
            ],
        )
        .await
    }
}
