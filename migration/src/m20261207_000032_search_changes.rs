use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The assets changed, in the order their changes were written, in the same transaction as each
/// change: every instance follows it to keep its search index current.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let seq = match manager.get_database_backend() {
            DbBackend::Postgres => "seq BIGSERIAL PRIMARY KEY",
            _ => "seq INTEGER PRIMARY KEY AUTOINCREMENT",
        };
        let table = format!("CREATE TABLE search_changes ({seq}, asset_id BIGINT NOT NULL, logged_at BIGINT NOT NULL)");
        run(
            manager,
            &[
                &table,
                "CREATE INDEX idx_search_changes_logged_at ON search_changes (logged_at)",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["DROP TABLE search_changes"]).await
    }
}
