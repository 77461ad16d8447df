use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RenditionJobs::Table)
                    .col(string_len(RenditionJobs::ContentKey, 64).primary_key())
                    .col(string_len(RenditionJobs::Mime, 127))
                    .col(string_len(RenditionJobs::State, 16))
                    .col(integer(RenditionJobs::Attempts).default(0))
                    .col(big_integer(RenditionJobs::RunAfter))
                    .col(big_integer_null(RenditionJobs::LeaseUntil))
                    .col(text_null(RenditionJobs::Error))
                    .col(big_integer(RenditionJobs::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rendition_jobs_state_run_after")
                    .table(RenditionJobs::Table)
                    .col(RenditionJobs::State)
                    .col(RenditionJobs::RunAfter)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Renditions::Table)
                    .col(string_len(Renditions::ContentKey, 64))
                    .col(string_len(Renditions::Kind, 16))
                    .col(string_len(Renditions::RenditionKey, 64))
                    .col(integer(Renditions::Width))
                    .col(integer(Renditions::Height))
                    .col(big_integer(Renditions::Size))
                    .primary_key(Index::create().col(Renditions::ContentKey).col(Renditions::Kind))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_renditions_rendition_key")
                    .table(Renditions::Table)
                    .col(Renditions::RenditionKey)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Renditions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RenditionJobs::Table).to_owned())
            .await
    }
}

/// One job per stored file that is a picture: make its renditions. Versions and clones that
/// share a file share its job and its renditions.
#[derive(DeriveIden)]
enum RenditionJobs {
    Table,
    ContentKey,
    Mime,
    /// pending, running, done or failed.
    State,
    Attempts,
    /// Unix milliseconds; a retry waits until then.
    RunAfter,
    /// Unix milliseconds; a running job whose lease ran out (its worker stopped) is taken again.
    LeaseUntil,
    /// Why the job failed, for the last attempt.
    Error,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Renditions {
    Table,
    /// The original file's content key.
    ContentKey,
    /// thumbnail or preview.
    Kind,
    /// The rendition's own content key in storage.
    RenditionKey,
    Width,
    Height,
    Size,
}
