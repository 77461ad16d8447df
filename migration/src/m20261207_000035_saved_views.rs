use sea_orm_migration::{prelude::*, schema::*};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One table of saved views for both pages that keep them: the Assets page's and Select
/// products', told apart by `kind`; each name is unique per user and kind.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "ALTER TABLE asset_views RENAME TO saved_views",
                "ALTER TABLE saved_views ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'assets'",
                "DROP INDEX idx_asset_views_user_name",
                "DROP INDEX idx_asset_views_shared",
                "CREATE UNIQUE INDEX idx_saved_views_user_kind_name ON saved_views (user_id, kind, name)",
                "CREATE INDEX idx_saved_views_kind_shared ON saved_views (kind, shared)",
                "INSERT INTO saved_views (user_id, name, query, shared, kind) \
                 SELECT user_id, name, query, FALSE, 'products' FROM product_views",
                "DROP TABLE product_views",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProductViews::Table)
                    .col(big_integer(ProductViews::Id).auto_increment().primary_key())
                    .col(big_integer(ProductViews::UserId))
                    .col(string_len(ProductViews::Name, 64))
                    .col(text(ProductViews::Query))
                    .to_owned(),
            )
            .await?;
        run(
            manager,
            &[
                "INSERT INTO product_views (user_id, name, query) \
                 SELECT user_id, name, query FROM saved_views WHERE kind = 'products'",
                "CREATE UNIQUE INDEX idx_product_views_user_name ON product_views (user_id, name)",
                "DELETE FROM saved_views WHERE kind = 'products'",
                "DROP INDEX idx_saved_views_kind_shared",
                "DROP INDEX idx_saved_views_user_kind_name",
                "CREATE UNIQUE INDEX idx_asset_views_user_name ON saved_views (user_id, name)",
                "CREATE INDEX idx_asset_views_shared ON saved_views (shared)",
                "ALTER TABLE saved_views DROP COLUMN kind",
                "ALTER TABLE saved_views RENAME TO asset_views",
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ProductViews {
    Table,
    Id,
    UserId,
    Name,
    Query,
}
