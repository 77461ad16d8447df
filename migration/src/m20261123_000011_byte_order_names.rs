use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Names sort by code point on every database: SQLite compares bytes, and PostgreSQL would
/// otherwise follow its cluster's locale (`en_US` puts `_x` after `a`). Its index follows.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(r#"ALTER TABLE assets ALTER COLUMN name_sort TYPE varchar(255) COLLATE "C""#)
            .await
            .map(drop)
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(r#"ALTER TABLE assets ALTER COLUMN name_sort TYPE varchar(255) COLLATE "default""#)
            .await
            .map(drop)
    }
}
