use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One table for all background work. A job's kind is JSON; `key` names what the job is about
/// (`rendition:<content key>`), so the same work is never queued twice. Rendition jobs move here
/// from their own table, their state and attempts kept.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .col(big_integer(Jobs::Id).auto_increment().primary_key())
                    .col(string_len_null(Jobs::Key, 160).unique_key())
                    .col(text(Jobs::Kind))
                    .col(string_len(Jobs::State, 16))
                    .col(integer(Jobs::Attempts).default(0))
                    .col(big_integer(Jobs::RunAfter))
                    .col(big_integer_null(Jobs::LeaseUntil))
                    .col(text_null(Jobs::Error))
                    .col(big_integer(Jobs::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_jobs_state_run_after")
                    .table(Jobs::Table)
                    .col(Jobs::State)
                    .col(Jobs::RunAfter)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO jobs (key, kind, state, attempts, run_after, lease_until, error, created_at) \
                 SELECT 'rendition:' || content_key, \
                        '{\"rendition\":{\"content_key\":\"' || content_key || '\",\"mime\":\"' || mime || '\"}}', \
                        state, attempts, run_after, lease_until, error, created_at \
                 FROM rendition_jobs",
            )
            .await?;
        manager
            .drop_table(Table::drop().table(RenditionJobs::Table).to_owned())
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "the jobs table cannot be split back into rendition jobs".into(),
        ))
    }
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Key,
    Kind,
    /// pending, running, done or failed.
    State,
    Attempts,
    /// Unix milliseconds; a retry waits until then.
    RunAfter,
    /// Unix milliseconds; a running job whose lease ran out is taken again.
    LeaseUntil,
    Error,
    /// Unix milliseconds.
    CreatedAt,
}

#[derive(DeriveIden)]
enum RenditionJobs {
    Table,
}
