use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What the Filters panel filters and sorts by, on the asset's own row: the current version's
/// file type, when the asset last changed (edits, new versions, links), and one lowercase text of
/// its name, code, description, labels and file name, indexed for substring search (SQLite: an
/// FTS5 trigram table kept by triggers; PostgreSQL: a `pg_trgm` GIN index).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = |column: ColumnDef| Table::alter().table(Alias::new("assets")).add_column(column).to_owned();
        manager
            .alter_table(alter(
                ColumnDef::new(Alias::new("file_type"))
                    .string_len(16)
                    .not_null()
                    .default("")
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(alter(
                ColumnDef::new(Alias::new("updated_at"))
                    .timestamp_with_time_zone()
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(alter(
                ColumnDef::new(Alias::new("search_text"))
                    .text()
                    .not_null()
                    .default("")
                    .to_owned(),
            ))
            .await?;
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        let (labels, newline) = if postgres {
            ("string_agg(label, ' ')", "chr(10)")
        } else {
            ("group_concat(label, ' ')", "char(10)")
        };
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "UPDATE assets SET updated_at = created_at, \
             file_type = COALESCE((SELECT v.file_type FROM asset_versions v WHERE v.id = assets.current_version_id), ''), \
             search_text = lower(name || {newline} || code || {newline} || description || {newline} \
               || COALESCE((SELECT {labels} FROM asset_labels l WHERE l.asset_id = assets.id), '') || {newline} \
               || COALESCE((SELECT v.file_name FROM asset_versions v WHERE v.id = assets.current_version_id), ''))"
        ))
        .await?;
        for (name, columns) in [
            ("idx_assets_file_type", ["file_type", "id"]),
            ("idx_assets_availability", ["availability", "id"]),
            ("idx_assets_created_by", ["created_by", "id"]),
            ("idx_assets_updated_at", ["updated_at", "id"]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Alias::new("assets"));
            for column in columns {
                index.col(Alias::new(column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        let statements: &[&str] = if postgres {
            &[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX idx_assets_search ON assets USING gin (search_text gin_trgm_ops)",
            ]
        } else {
            &[
                "CREATE VIRTUAL TABLE asset_search USING fts5(search_text, content='assets', content_rowid='id', tokenize='trigram')",
                "CREATE TRIGGER asset_search_insert AFTER INSERT ON assets BEGIN \
                   INSERT INTO asset_search(rowid, search_text) VALUES (new.id, new.search_text); END",
                "CREATE TRIGGER asset_search_delete AFTER DELETE ON assets BEGIN \
                   INSERT INTO asset_search(asset_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
                "CREATE TRIGGER asset_search_update AFTER UPDATE OF search_text ON assets BEGIN \
                   INSERT INTO asset_search(asset_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
                   INSERT INTO asset_search(rowid, search_text) VALUES (new.id, new.search_text); END",
                "INSERT INTO asset_search(asset_search) VALUES ('rebuild')",
            ]
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared("DROP INDEX IF EXISTS idx_assets_search").await?;
        } else {
            for trigger in ["asset_search_insert", "asset_search_delete", "asset_search_update"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}"))
                    .await?;
            }
            db.execute_unprepared("DROP TABLE IF EXISTS asset_search").await?;
        }
        for name in [
            "idx_assets_file_type",
            "idx_assets_availability",
            "idx_assets_created_by",
            "idx_assets_updated_at",
        ] {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new("assets")).to_owned())
                .await?;
        }
        for column in ["search_text", "updated_at", "file_type"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("assets"))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
