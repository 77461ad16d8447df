use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A page of a filter on a few of an asset's facts (`facet_key` values) walks, for each key, an
/// index of the key and the sort, and merges the walks. The index of the day an asset was added
/// holds its key and its updated time, so that a page of a date range in the Recently updated
/// order is sorted from the index alone.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // New names: a pooled SQLite connection may still know an index dropped on another one.
        run(
            manager,
            &[
                // By id within a key: PostgreSQL keeps equal keys in no useful order.
                "CREATE INDEX idx_assets_key_id ON assets (facet_key, id) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_key_name ON assets (facet_key, name_sort, id) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_key_size ON assets (facet_key, file_size, id) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_key_updated ON assets (facet_key, updated_at, id) \
                 WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_added_key ON assets (created_at, facet_key, updated_at, id) \
                 WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_facet_key",
                "DROP INDEX idx_assets_created_at_facet_key",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_facet_key ON assets (facet_key) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_created_at_facet_key ON assets (created_at, facet_key) \
                 WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_added_key",
                "DROP INDEX idx_assets_key_updated",
                "DROP INDEX idx_assets_key_size",
                "DROP INDEX idx_assets_key_name",
                "DROP INDEX idx_assets_key_id",
            ],
        )
        .await
    }
}
