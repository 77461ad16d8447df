use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The Latest and Oldest orders are by the time added, then the id, so that a filter's days are
/// one stretch of the order. Each key's assets are indexed in that order; the index still holds
/// the updated time, so that a page of a few keys within some days sorts from it alone in the
/// Recently updated order.
///
/// The assets of some days are indexed with their names and sizes too, as they were with their
/// updated time, so that a month far from the first names, sorted by name, is read from an index
/// alone (PostgreSQL, a million assets: 36 ms, 83,000 rows read for their names). SQLite counts an
/// index as holding every column asked for only when it holds `current_version_id` as well.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // New names: a pooled SQLite connection may still know an index dropped on another one.
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_key_added_id ON assets (facet_key, created_at, id, updated_at) \
                 WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_added_updated ON assets \
                 (created_at, facet_key, updated_at, id, current_version_id) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_added_name ON assets \
                 (created_at, facet_key, name_sort, id, current_version_id) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_added_size ON assets \
                 (created_at, facet_key, file_size, id, current_version_id) WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_added_key",
                "DROP INDEX idx_assets_key_added",
                "DROP INDEX idx_assets_key_id",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_key_id ON assets (facet_key, id) WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_key_added ON assets (facet_key, created_at, updated_at, id) \
                 WHERE current_version_id IS NOT NULL",
                "CREATE INDEX idx_assets_added_key ON assets (created_at, facet_key, updated_at, id) \
                 WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_added_size",
                "DROP INDEX idx_assets_added_name",
                "DROP INDEX idx_assets_added_updated",
                "DROP INDEX idx_assets_key_added_id",
            ],
        )
        .await
    }
}
