use sea_orm_migration::prelude::*;

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A failed job keeps its error's stable code beside the message a person reads, so that what
/// went wrong can be counted and matched without reading text.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["ALTER TABLE jobs ADD COLUMN error_code VARCHAR(100) NULL"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["ALTER TABLE jobs DROP COLUMN error_code"]).await
    }
}
