use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each asset's day added (UTC), kept by the database from the time added, and each day's assets
/// indexed by name and by size: a page of a few days under Name or Size reads the first assets
/// of each day and merges them, rather than sorting all the days' assets (a month of a million:
/// 83,000).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = if manager.get_database_backend() == DatabaseBackend::Postgres {
            "ALTER TABLE assets ADD COLUMN added_day DATE \
             GENERATED ALWAYS AS ((created_at AT TIME ZONE 'UTC')::date) STORED"
        } else {
            // The time added is written as RFC 3339 in UTC: its first ten characters are the day.
            "ALTER TABLE assets ADD COLUMN added_day TEXT GENERATED ALWAYS AS (substr(created_at, 1, 10)) VIRTUAL"
        };
        run(
            manager,
            &[
                column,
                "CREATE INDEX idx_assets_day_name ON assets (added_day, name_sort, id, facet_key, current_version_id) \
                 WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_day_size ON assets (added_day, file_size, id, facet_key, current_version_id) \
                 WHERE current_version_id IS NOT NULL",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "DROP INDEX idx_assets_day_size",
                "DROP INDEX idx_assets_day_name",
                "ALTER TABLE assets DROP COLUMN added_day",
            ],
        )
        .await
    }
}
