use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AssetLabels::Table)
                    .col(big_integer(AssetLabels::AssetId))
                    .col(string_len(AssetLabels::Label, 64))
                    .primary_key(Index::create().col(AssetLabels::AssetId).col(AssetLabels::Label))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssetLabels::Table, AssetLabels::AssetId)
                            .to(Assets::Table, Assets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A facet counts assets per label.
        manager
            .create_index(
                Index::create()
                    .name("idx_asset_labels_label")
                    .table(AssetLabels::Table)
                    .col(AssetLabels::Label)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            string_len(Assets::NameSort, 255).default("").to_owned(),
            big_integer(Assets::FileSize).default(0).to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table(Assets::Table).add_column(column).to_owned())
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE assets SET name_sort = lower(name), \
                 file_size = coalesce((SELECT size FROM asset_versions WHERE asset_versions.id = assets.current_version_id), 0)",
            )
            .await?;
        for (name, column) in [
            ("idx_assets_name_sort_id", Assets::NameSort),
            ("idx_assets_file_size_id", Assets::FileSize),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Assets::Table)
                        .col(column)
                        .col(Assets::Id)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_assets_name_sort_id", "idx_assets_file_size_id"] {
            manager
                .drop_index(Index::drop().name(name).table(Assets::Table).to_owned())
                .await?;
        }
        for column in [Assets::NameSort, Assets::FileSize] {
            manager
                .alter_table(Table::alter().table(Assets::Table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(AssetLabels::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AssetLabels {
    Table,
    AssetId,
    Label,
}

#[derive(DeriveIden)]
enum Assets {
    Table,
    Id,
    /// The name in lower case: the grid's Name order, kept by the app on every write.
    NameSort,
    /// The current version's size: the grid's Size order without a join.
    FileSize,
}
