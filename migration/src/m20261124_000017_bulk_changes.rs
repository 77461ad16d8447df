use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Changes to many assets at once: the change, and one row per selected asset that records what
/// happened to it. An asset's row gets its outcome in the transaction that changes the asset, so
/// a change interrupted by a restart goes on where it stopped and does nothing twice.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BulkChanges::Table)
                    .col(big_integer(BulkChanges::Id).auto_increment().primary_key())
                    .col(big_integer(BulkChanges::UserId))
                    .col(text(BulkChanges::Action))
                    .col(big_integer(BulkChanges::Total))
                    .col(big_integer(BulkChanges::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BulkChanges::Table, BulkChanges::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BulkChangeItems::Table)
                    .col(big_integer(BulkChangeItems::BulkChangeId))
                    .col(big_integer(BulkChangeItems::AssetId))
                    .col(string_len(BulkChangeItems::AssetName, 255))
                    .col(string_len_null(BulkChangeItems::Outcome, 16))
                    .col(text_null(BulkChangeItems::Reason))
                    .primary_key(
                        Index::create()
                            .col(BulkChangeItems::BulkChangeId)
                            .col(BulkChangeItems::AssetId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BulkChangeItems::Table, BulkChangeItems::BulkChangeId)
                            .to(BulkChanges::Table, BulkChanges::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bulk_change_items_outcome")
                    .table(BulkChangeItems::Table)
                    .col(BulkChangeItems::BulkChangeId)
                    .col(BulkChangeItems::Outcome)
                    .col(BulkChangeItems::AssetId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BulkChangeItems::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BulkChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum BulkChanges {
    Table,
    Id,
    /// Who started it: the only one who sees its report.
    UserId,
    /// `BulkAction` as JSON.
    Action,
    Total,
    /// Unix milliseconds.
    CreatedAt,
}

#[derive(DeriveIden)]
enum BulkChangeItems {
    Table,
    BulkChangeId,
    /// No foreign key: the report still names assets the change deleted. Assets take their turn
    /// in the order of their ids.
    AssetId,
    /// The name when the change started.
    AssetName,
    /// `done`, `skipped` or `failed`; empty while the asset waits its turn.
    Outcome,
    Reason,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
