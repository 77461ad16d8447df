use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Catalogs, each the root of a tree of categories, and the categories products and assets are in.
/// A category's number is unique across catalogs; it never moves to another catalog.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Catalogs::Table)
                    .col(big_integer(Catalogs::Id).auto_increment().primary_key())
                    .col(string_len(Catalogs::Code, 64).unique_key())
                    .col(string_len(Catalogs::Name, 255))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(big_integer(Categories::Id).auto_increment().primary_key())
                    .col(big_integer(Categories::CatalogId))
                    .col(big_integer_null(Categories::ParentId))
                    .col(string_len(Categories::Number, 64).unique_key())
                    .col(string_len(Categories::Name, 255))
                    .col(integer(Categories::Position))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Categories::Table, Categories::CatalogId)
                            .to(Catalogs::Table, Catalogs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Categories::Table, Categories::ParentId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_categories_tree")
                    .table(Categories::Table)
                    .col(Categories::CatalogId)
                    .col(Categories::ParentId)
                    .col(Categories::Position)
                    .to_owned(),
            )
            .await?;
        for (table, owner, owner_table) in [
            (Links::ProductCategories, Links::ProductId, Links::Products),
            (Links::AssetCategories, Links::AssetId, Links::Assets),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(big_integer(owner))
                        .col(big_integer(Links::CategoryId))
                        .primary_key(Index::create().col(owner).col(Links::CategoryId))
                        .foreign_key(
                            ForeignKey::create()
                                .from(table, owner)
                                .to(owner_table, Links::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(table, Links::CategoryId)
                                .to(Categories::Table, Categories::Id)
                                .on_delete(ForeignKeyAction::Restrict),
                        )
                        .to_owned(),
                )
                .await?;
            // "What is in this category?": the category filters and the refusal to delete.
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{}_category", table.to_string()))
                        .table(table)
                        .col(Links::CategoryId)
                        .col(owner)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Links::AssetCategories, Links::ProductCategories] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .drop_table(Table::drop().table(Categories::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Catalogs::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Catalogs {
    Table,
    Id,
    /// Unique: how a CSV file names the catalog.
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    CatalogId,
    /// None for a category at the top of its catalog.
    ParentId,
    /// Unique across all catalogs.
    Number,
    Name,
    /// Its place among its siblings, from 0.
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
enum Links {
    Id,
    Products,
    Assets,
    ProductCategories,
    ProductId,
    AssetCategories,
    AssetId,
    CategoryId,
}
