use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A page of a few `facet_key` values added within some days reads, for each key, the range of
/// its days (a month's unlabelled videos: six short ranges, not the month's every asset); the
/// index also holds the updated time, so that the Recently updated order sorts from it alone.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_assets_key_added ON assets (facet_key, created_at, updated_at, id) \
                 WHERE current_version_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_assets_key_added")
            .await?;
        Ok(())
    }
}
