use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Views of the Assets page: a user's saved filters and order, by name, only theirs or shared
/// with everyone; and the view each user opens with `/assets`.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AssetViews::Table)
                    .col(big_integer(AssetViews::Id).auto_increment().primary_key())
                    .col(big_integer(AssetViews::UserId))
                    .col(string_len(AssetViews::Name, 64))
                    .col(text(AssetViews::Query))
                    .col(boolean(AssetViews::Shared))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssetViews::Table, AssetViews::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_asset_views_user_name")
                    .table(AssetViews::Table)
                    .col(AssetViews::UserId)
                    .col(AssetViews::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_asset_views_shared")
                    .table(AssetViews::Table)
                    .col(AssetViews::Shared)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DefaultAssetViews::Table)
                    .col(big_integer(DefaultAssetViews::UserId).primary_key())
                    .col(big_integer(DefaultAssetViews::ViewId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DefaultAssetViews::Table, DefaultAssetViews::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DefaultAssetViews::Table, DefaultAssetViews::ViewId)
                            .to(AssetViews::Table, AssetViews::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DefaultAssetViews::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AssetViews::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AssetViews {
    Table,
    Id,
    UserId,
    Name,
    /// The filter and order as the grid's URL query (`AssetFilter`).
    Query,
    /// Seen by everyone, or only by its owner.
    Shared,
}

#[derive(DeriveIden)]
enum DefaultAssetViews {
    Table,
    UserId,
    ViewId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
