use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The assets updated on a later day than they were added, by the time updated (holding the time
/// added and the key): under Recently updated, the assets of days that ended before the latest
/// updates that come first are among them, and a walk down this index reaches the days' end past
/// the few assets added since that were edited later, rather than past all those added since
/// (January to October, seen in December: 3,300 entries rather than 167,000).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let index = format!(
            "CREATE INDEX idx_assets_updated_later ON assets (updated_at, id, created_at, facet_key, current_version_id) \
             WHERE current_version_id IS NOT NULL AND {}",
            updated_on_a_later_day(manager.get_database_backend())
        );
        run(manager, &[&index]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["DROP INDEX idx_assets_updated_later"]).await
    }
}

/// Whether an asset was updated on a later day (UTC) than it was added: the condition of the index
/// of such assets, which a query repeats word for word for the planner to use that index.
pub fn updated_on_a_later_day(backend: DatabaseBackend) -> &'static str {
    if backend == DatabaseBackend::Postgres {
        "(updated_at AT TIME ZONE 'UTC')::date > added_day"
    } else {
        // Times are written as RFC 3339 in UTC: their first ten characters are the day. Not the
        // generated `added_day`: SQLite does not find a query's condition on it to match the
        // index's, and walks the index of every asset instead (10 ms against 0.3 ms).
        "substr(updated_at, 1, 10) > substr(created_at, 1, 10)"
    }
}
