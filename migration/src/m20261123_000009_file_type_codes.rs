use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// File types are stored by their stable code (`image`), not the label a person reads (`Image`),
/// so a relabelling never touches the data.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("UPDATE asset_versions SET file_type = LOWER(file_type)")
            .await
            .map(drop)
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE asset_versions SET file_type = UPPER(SUBSTR(file_type, 1, 1)) || SUBSTR(file_type, 2)",
            )
            .await
            .map(drop)
    }
}
