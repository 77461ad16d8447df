use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What an upload's first chunk showed of its file (MIME type, and a picture's upright width and
/// height), looked at as the chunk arrived, so that importing it need not read the file again.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in [
            "ALTER TABLE uploads ADD COLUMN mime VARCHAR(255) NULL",
            "ALTER TABLE uploads ADD COLUMN width INTEGER NULL",
            "ALTER TABLE uploads ADD COLUMN height INTEGER NULL",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in [
            "ALTER TABLE uploads DROP COLUMN height",
            "ALTER TABLE uploads DROP COLUMN width",
            "ALTER TABLE uploads DROP COLUMN mime",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}
