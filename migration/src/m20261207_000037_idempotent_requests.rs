use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The answers of API requests sent with an `Idempotency-Key`, kept a day, so that a client
/// retrying after a timeout gets the first answer instead of a second asset. One key per token.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let (id, bytes) = match manager.get_database_backend() {
            DbBackend::Postgres => ("id BIGSERIAL PRIMARY KEY", "BYTEA"),
            _ => ("id INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB"),
        };
        let table = format!(
            "CREATE TABLE idempotent_requests ({id}, \
             token_id BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE, \
             idempotency_key VARCHAR(255) NOT NULL, \
             request_hash VARCHAR(64) NOT NULL, \
             body_hash VARCHAR(64) NULL, \
             status INTEGER NULL, \
             answer_headers TEXT NULL, \
             answer_body {bytes} NULL, \
             created_at BIGINT NOT NULL, \
             UNIQUE (token_id, idempotency_key))"
        );
        run(
            manager,
            &[
                &table,
                "CREATE INDEX idx_idempotent_requests_created_at ON idempotent_requests (created_at)",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["DROP TABLE idempotent_requests"]).await
    }
}
