use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Views: a user's saved sets of Select products filters, by name.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProductViews::Table)
                    .col(big_integer(ProductViews::Id).auto_increment().primary_key())
                    .col(big_integer(ProductViews::UserId))
                    .col(string_len(ProductViews::Name, 64))
                    .col(text(ProductViews::Query))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductViews::Table, ProductViews::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_views_user_name")
                    .table(ProductViews::Table)
                    .col(ProductViews::UserId)
                    .col(ProductViews::Name)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductViews::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ProductViews {
    Table,
    Id,
    UserId,
    Name,
    /// The filters as a URL query: `search=…&status=…&linked=…&category=…`.
    Query,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
