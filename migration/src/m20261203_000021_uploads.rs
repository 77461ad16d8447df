use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Resumable uploads: a file on its way in, chunk after chunk, into a place of its own in
/// storage (`storage_handle`). `received` bytes are kept so far, `hash_state` is the SHA-256 of
/// them, so any instance can take the next chunk. A chunk being received holds the row until
/// `busy_until` (Unix milliseconds). `content_key` is set once every byte is in.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Uploads::Table)
                    .col(string_len(Uploads::Id, 32).primary_key())
                    .col(big_integer(Uploads::UserId))
                    .col(string_len(Uploads::FileName, 255))
                    .col(big_integer(Uploads::Size))
                    .col(big_integer(Uploads::Received).default(0))
                    .col(blob(Uploads::HashState))
                    .col(string_len(Uploads::StorageHandle, 600))
                    .col(text(Uploads::Receipts).default(""))
                    .col(string_len_null(Uploads::ContentKey, 64))
                    .col(big_integer_null(Uploads::BusyUntil))
                    .col(big_integer(Uploads::CreatedAt))
                    .col(big_integer(Uploads::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Uploads::Table, Uploads::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_uploads_user", Uploads::UserId),
            ("idx_uploads_updated_at", Uploads::UpdatedAt),
        ] {
            manager
                .create_index(Index::create().name(name).table(Uploads::Table).col(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Uploads::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Uploads {
    Table,
    Id,
    UserId,
    FileName,
    Size,
    Received,
    HashState,
    StorageHandle,
    Receipts,
    ContentKey,
    BusyUntil,
    CreatedAt,
    UpdatedAt,
}
