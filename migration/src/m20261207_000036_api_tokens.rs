use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// API tokens: only a SHA-256 of each secret is kept, with its first characters for its owner to
/// recognise it. A user's tokens go with the user.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let id = match manager.get_database_backend() {
            DbBackend::Postgres => "id BIGSERIAL PRIMARY KEY",
            _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
        };
        let table = format!(
            "CREATE TABLE api_tokens ({id}, \
             user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE, \
             name VARCHAR(100) NOT NULL, \
             scopes VARCHAR(200) NOT NULL, \
             secret_hash VARCHAR(64) NOT NULL UNIQUE, \
             shown VARCHAR(16) NOT NULL, \
             created_at BIGINT NOT NULL, \
             expires_at BIGINT NULL, \
             last_used_at BIGINT NULL)"
        );
        run(
            manager,
            &[&table, "CREATE INDEX idx_api_tokens_user_id ON api_tokens (user_id)"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &["DROP TABLE api_tokens"]).await
    }
}
