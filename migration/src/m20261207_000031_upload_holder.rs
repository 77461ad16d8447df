use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Which process holds an upload for a chunk (`host:pid`), so that an instance started again on
/// the same machine lets go at once of the uploads its killed predecessor held, rather than
/// leaving them locked until the lease runs out.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["ALTER TABLE uploads ADD COLUMN busy_by VARCHAR(300) NULL"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["ALTER TABLE uploads DROP COLUMN busy_by"]).await
    }
}
