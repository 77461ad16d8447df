use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .col(big_integer(SignInFailures::Id).auto_increment().primary_key())
                    .col(string_len(SignInFailures::UserName, 256))
                    .col(big_integer(SignInFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_failures_user_name_failed_at")
                    .table(SignInFailures::Table)
                    .col(SignInFailures::UserName)
                    .col(SignInFailures::FailedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Id,
    /// As typed at sign-in (lowercased), whether or not such a user exists.
    UserName,
    /// Unix milliseconds.
    FailedAt,
}
