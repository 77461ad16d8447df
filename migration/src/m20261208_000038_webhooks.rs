use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Webhooks: the endpoints other systems asked to be told at, the outbox of messages written in
/// the transaction of each change, one delivery per message and endpoint, and the log of every
/// attempt. Each asset keeps whether it was last announced published, so that a change of its
/// publication (whatever caused it) is told once; `NULL` for assets from before, which start
/// being followed at their next change.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let id = match manager.get_database_backend() {
            DbBackend::Postgres => "id BIGSERIAL PRIMARY KEY",
            _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
        };
        let endpoints = format!(
            "CREATE TABLE webhook_endpoints ({id}, \
             url VARCHAR(2000) NOT NULL, \
             events VARCHAR(400) NOT NULL, \
             enabled BOOLEAN NOT NULL, \
             secret VARCHAR(120) NOT NULL, \
             disabled_reason TEXT NULL, \
             failing_since BIGINT NULL, \
             created_at BIGINT NOT NULL)"
        );
        let messages = format!(
            "CREATE TABLE webhook_messages ({id}, \
             webhook_id VARCHAR(40) NOT NULL UNIQUE, \
             event VARCHAR(40) NOT NULL, \
             body TEXT NOT NULL, \
             created_at BIGINT NOT NULL)"
        );
        let deliveries = format!(
            "CREATE TABLE webhook_deliveries ({id}, \
             endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE, \
             message_id BIGINT NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE, \
             state VARCHAR(16) NOT NULL, \
             created_at BIGINT NOT NULL)"
        );
        let attempts = format!(
            "CREATE TABLE webhook_attempts ({id}, \
             delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE, \
             endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE, \
             attempted_at BIGINT NOT NULL, \
             status INTEGER NULL, \
             duration_ms BIGINT NOT NULL, \
             answer TEXT NOT NULL, \
             error TEXT NULL)"
        );
        run(
            manager,
            &[
                &endpoints,
                &messages,
                &deliveries,
                &attempts,
                "CREATE INDEX idx_webhook_deliveries_message_id ON webhook_deliveries (message_id)",
                "CREATE INDEX idx_webhook_deliveries_endpoint_id ON webhook_deliveries (endpoint_id, id)",
                "CREATE INDEX idx_webhook_attempts_delivery_id ON webhook_attempts (delivery_id)",
                "CREATE INDEX idx_webhook_attempts_endpoint_id ON webhook_attempts (endpoint_id, id)",
                "CREATE INDEX idx_webhook_messages_created_at ON webhook_messages (created_at)",
                "ALTER TABLE assets ADD COLUMN announced_published BOOLEAN NULL",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "ALTER TABLE assets DROP COLUMN announced_published",
                "DROP TABLE webhook_attempts",
                "DROP TABLE webhook_deliveries",
                "DROP TABLE webhook_messages",
                "DROP TABLE webhook_endpoints",
            ],
        )
        .await
    }
}
