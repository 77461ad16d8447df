use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Products, as a PIM knows them, and the assets that illustrate them, in link order (the first is
/// the main image). An asset linked to a published product is published when it is Automatic.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .col(big_integer(Products::Id).auto_increment().primary_key())
                    .col(string_len(Products::Number, 64).unique_key())
                    .col(string_len(Products::Name, 255))
                    .col(string_len(Products::NameSearch, 255))
                    .col(text(Products::Description).default(""))
                    .col(string_len(Products::Status, 16))
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .col(timestamp_with_time_zone(Products::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_status_number")
                    .table(Products::Table)
                    .col(Products::Status)
                    .col(Products::Number)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductAssets::Table)
                    .col(big_integer(ProductAssets::ProductId))
                    .col(big_integer(ProductAssets::AssetId))
                    .col(integer(ProductAssets::Position))
                    .primary_key(
                        Index::create()
                            .col(ProductAssets::ProductId)
                            .col(ProductAssets::AssetId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductAssets::Table, ProductAssets::ProductId)
                            .to(Products::Table, Products::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductAssets::Table, ProductAssets::AssetId)
                            .to(Assets::Table, Assets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // "Which products is this asset linked to?": the Products tab and every publication check.
        manager
            .create_index(
                Index::create()
                    .name("idx_product_assets_asset")
                    .table(ProductAssets::Table)
                    .col(ProductAssets::AssetId)
                    .col(ProductAssets::ProductId)
                    .to_owned(),
            )
            .await
            .map(drop)
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductAssets::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Products::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    /// Unique: the key shared with the PIM.
    Number,
    Name,
    /// The name in lowercase, for the search by name.
    NameSearch,
    Description,
    /// draft, published or archived.
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProductAssets {
    Table,
    ProductId,
    AssetId,
    /// The asset's place among the product's assets, from 0.
    Position,
}

#[derive(DeriveIden)]
enum Assets {
    Table,
    Id,
}
