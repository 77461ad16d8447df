use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The index of each key's assets by the time added holds every sort's value, so that a few keys
/// within some days (a month's videos without labels: 4,247 of its 83,000 assets) are read from it
/// alone and sorted by name or size too, rather than all the days' assets looked through for the
/// keys (PostgreSQL, a million assets: 2.4 ms against 28 ms). It replaces the index of (key, time
/// added, id, time updated), which it begins with.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_key_added_sorts ON assets \
                 (facet_key, created_at, id, updated_at, name_sort, file_size, current_version_id) \
                 WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_key_added_id",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_key_added_id ON assets (facet_key, created_at, id, updated_at) \
                 WHERE current_version_id IS NOT NULL",
                "DROP INDEX idx_assets_key_added_sorts",
            ],
        )
        .await
    }
}
