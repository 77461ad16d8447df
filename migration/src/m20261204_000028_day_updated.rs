use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each day's assets indexed by the time updated too, as they are by name and by size: a page of
/// a few days under Recently updated, far down that order, reads the latest updated assets of
/// each day and merges them, rather than sorting all the days' assets.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &["CREATE INDEX idx_assets_day_updated ON assets \
               (added_day, updated_at, id, facet_key, current_version_id) WHERE current_version_id IS NOT NULL"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["DROP INDEX idx_assets_day_updated"]).await
    }
}
