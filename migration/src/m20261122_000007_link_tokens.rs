use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Unguessable tokens for links that work without signing in: a version's public link opens that
/// version for ever; an asset's static link always opens its current version. Made on first copy.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AssetVersions::Table)
                    .add_column(string_len_null(AssetVersions::PublicToken, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Assets::Table)
                    .add_column(string_len_null(Assets::StaticToken, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_asset_versions_public_token")
                    .table(AssetVersions::Table)
                    .col(AssetVersions::PublicToken)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_assets_static_token")
                    .table(Assets::Table)
                    .col(Assets::StaticToken)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_assets_static_token")
                    .table(Assets::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_asset_versions_public_token")
                    .table(AssetVersions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Assets::Table)
                    .drop_column(Assets::StaticToken)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AssetVersions::Table)
                    .drop_column(AssetVersions::PublicToken)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Assets {
    Table,
    StaticToken,
}

#[derive(DeriveIden)]
enum AssetVersions {
    Table,
    PublicToken,
}
