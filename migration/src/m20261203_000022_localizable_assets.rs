use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Localizable assets and mass imports.
/// - `locales`: the locales in use, en_US from the start.
/// - `assets.localizable`; `asset_versions.locale`, empty for the main file, so that each
///   locale's file has versions numbered of its own; `asset_locale_files` names each locale's
///   current version, as `assets.current_version_id` does the main file's.
/// - `upload_imports`: an import of a user's uploads, run as a job; each upload keeps its
///   `outcome` (`new_asset`, `new_version`, `locale_file`, `skipped`, `failed`) and `detail`.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Locales::Table)
                    .col(string_len(Locales::Code, 5).primary_key())
                    .col(big_integer(Locales::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UploadImports::Table)
                    .col(big_integer(UploadImports::Id).auto_increment().primary_key())
                    .col(big_integer(UploadImports::UserId))
                    .col(big_integer(UploadImports::CreatedAt))
                    .col(big_integer_null(UploadImports::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UploadImports::Table, UploadImports::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in [
            "INSERT INTO locales (code, created_at) VALUES ('en_US', 0)",
            "ALTER TABLE assets ADD COLUMN localizable BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE asset_versions ADD COLUMN locale VARCHAR(5) NOT NULL DEFAULT ''",
            // A new name: a pooled SQLite connection may still know an index dropped on another.
            "CREATE UNIQUE INDEX idx_asset_versions_asset_locale_number ON asset_versions (asset_id, locale, number)",
            "DROP INDEX idx_asset_versions_asset_number",
            "CREATE TABLE asset_locale_files (\
                 asset_id BIGINT NOT NULL REFERENCES assets (id) ON DELETE CASCADE, \
                 locale VARCHAR(5) NOT NULL REFERENCES locales (code), \
                 current_version_id BIGINT NOT NULL, \
                 PRIMARY KEY (asset_id, locale))",
            "ALTER TABLE uploads ADD COLUMN import_id BIGINT NULL REFERENCES upload_imports (id) ON DELETE SET NULL",
            "ALTER TABLE uploads ADD COLUMN outcome VARCHAR(16) NULL",
            "ALTER TABLE uploads ADD COLUMN detail TEXT NULL",
            "ALTER TABLE uploads ADD COLUMN asset_id BIGINT NULL",
            "CREATE INDEX idx_uploads_import ON uploads (import_id)",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in [
            "DROP INDEX idx_uploads_import",
            "ALTER TABLE uploads DROP COLUMN asset_id",
            "ALTER TABLE uploads DROP COLUMN detail",
            "ALTER TABLE uploads DROP COLUMN outcome",
            "ALTER TABLE uploads DROP COLUMN import_id",
            "DROP TABLE asset_locale_files",
            "CREATE UNIQUE INDEX idx_asset_versions_asset_number ON asset_versions (asset_id, number)",
            "DROP INDEX idx_asset_versions_asset_locale_number",
            "ALTER TABLE asset_versions DROP COLUMN locale",
            "ALTER TABLE assets DROP COLUMN localizable",
            "DROP TABLE upload_imports",
            "DROP TABLE locales",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Locales {
    Table,
    Code,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UploadImports {
    Table,
    Id,
    UserId,
    CreatedAt,
    FinishedAt,
}
