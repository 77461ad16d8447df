use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Assets::Table)
                    .col(big_integer(Assets::Id).auto_increment().primary_key())
                    .col(string_len_uniq(Assets::Code, 255))
                    .col(string_len(Assets::Name, 255))
                    .col(text(Assets::Description).default(""))
                    .col(string_len(Assets::Availability, 16))
                    // Points at one of the asset's versions; set in the same transaction that adds it.
                    .col(big_integer_null(Assets::CurrentVersionId))
                    .col(big_integer(Assets::Revision).default(1))
                    .col(timestamp_with_time_zone(Assets::CreatedAt))
                    .col(big_integer(Assets::CreatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assets::Table, Assets::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AssetVersions::Table)
                    .col(big_integer(AssetVersions::Id).auto_increment().primary_key())
                    .col(big_integer(AssetVersions::AssetId))
                    .col(integer(AssetVersions::Number))
                    .col(string_len(AssetVersions::ContentKey, 64))
                    .col(string_len(AssetVersions::FileName, 255))
                    .col(string_len(AssetVersions::Mime, 127))
                    .col(string_len(AssetVersions::FileType, 16))
                    .col(big_integer(AssetVersions::Size))
                    .col(integer_null(AssetVersions::Width))
                    .col(integer_null(AssetVersions::Height))
                    .col(timestamp_with_time_zone(AssetVersions::CreatedAt))
                    .col(big_integer(AssetVersions::CreatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssetVersions::Table, AssetVersions::AssetId)
                            .to(Assets::Table, Assets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssetVersions::Table, AssetVersions::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for index in [
            // Two versions added at once cannot share a number.
            Index::create()
                .name("idx_asset_versions_asset_number")
                .table(AssetVersions::Table)
                .col(AssetVersions::AssetId)
                .col(AssetVersions::Number)
                .unique()
                .to_owned(),
            // Whether any version still uses a stored file.
            Index::create()
                .name("idx_asset_versions_content_key")
                .table(AssetVersions::Table)
                .col(AssetVersions::ContentKey)
                .to_owned(),
            // Keyset paging of the grid, Latest and Oldest first.
            Index::create()
                .name("idx_assets_created_at_id")
                .table(Assets::Table)
                .col(Assets::CreatedAt)
                .col(Assets::Id)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AssetVersions::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Assets::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Assets {
    Table,
    Id,
    /// The file name without its extension; unique. Mass upload matches files to assets by it.
    Code,
    Name,
    Description,
    Availability,
    CurrentVersionId,
    /// Incremented by every edit, so that a save based on an older revision is refused.
    Revision,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum AssetVersions {
    Table,
    Id,
    AssetId,
    Number,
    /// SHA-256 of the content: the storage key. Versions (and clones) may share one.
    ContentKey,
    FileName,
    Mime,
    FileType,
    Size,
    Width,
    Height,
    CreatedAt,
    CreatedBy,
}
