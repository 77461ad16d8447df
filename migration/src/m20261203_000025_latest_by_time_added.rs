use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The Latest and Oldest orders are by the time added, then the id, so that a filter's days are
/// one stretch of the order. Each key's assets are indexed in that order; the index still holds
/// the updated time, so that a page of a few keys within some days sorts from it alone in the
/// Recently updated order.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A new name: a pooled SQLite connection may still know an index dropped on another one.
        run(
            manager,
            &[
                "CREATE INDEX idx_assets_key_added_id ON assets (facet_key, created_at, id, updated_at) \
                 WHERE current_version_id IS NOT NULL",
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
                "DROP INDEX idx_assets_key_added_id",
            ],
        )
        .await
    }
}

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
