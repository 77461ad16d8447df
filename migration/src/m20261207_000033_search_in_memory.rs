use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The grid's pages, counts and search moved into the server's search index: what the database
/// kept for them goes (the facet keys and their kept counts, the search text and its index, the
/// file type copied onto the asset, and the indexes that served each filter and order), and with it
/// the writes every change of an asset paid for them.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let mut statements: Vec<String> = Vec::new();
        if postgres {
            statements.extend(
                [
                    "DROP TRIGGER IF EXISTS asset_key_counts_insert_delete ON assets",
                    "DROP TRIGGER IF EXISTS asset_key_counts_update ON assets",
                    "DROP TRIGGER IF EXISTS label_key_counts_insert_delete ON asset_labels",
                    "DROP TRIGGER IF EXISTS label_key_counts_update ON asset_labels",
                    "DROP FUNCTION IF EXISTS asset_key_counts_change()",
                    "DROP FUNCTION IF EXISTS label_key_counts_change()",
                ]
                .map(str::to_owned),
            );
        } else {
            for trigger in [
                "asset_search_insert",
                "asset_search_delete",
                "asset_search_update",
                "asset_key_counts_insert",
                "asset_key_counts_delete",
                "asset_key_counts_update",
                "label_key_counts_insert",
                "label_key_counts_delete",
                "label_key_counts_update",
            ] {
                statements.push(format!("DROP TRIGGER IF EXISTS {trigger}"));
            }
            statements.push("DROP TABLE IF EXISTS asset_search".to_owned());
        }
        statements.extend(
            [
                "DROP TABLE IF EXISTS asset_key_counts",
                "DROP TABLE IF EXISTS label_key_counts",
            ]
            .map(str::to_owned),
        );
        for index in [
            "idx_assets_search",
            "idx_assets_file_type",
            "idx_assets_availability",
            "idx_assets_facet_key",
            "idx_assets_created_at_facet_key",
            "idx_asset_labels_label_facet_key",
            "idx_assets_key_id",
            "idx_assets_key_name",
            "idx_assets_key_size",
            "idx_assets_key_updated",
            "idx_assets_added_key",
            "idx_assets_key_added",
            "idx_assets_key_added_id",
            "idx_assets_key_added_sorts",
            "idx_assets_added_updated",
            "idx_assets_added_name",
            "idx_assets_added_size",
            "idx_assets_updated_added",
            "idx_assets_updated_later",
            "idx_assets_day_name",
            "idx_assets_day_size",
            "idx_assets_day_updated",
        ] {
            statements.push(format!("DROP INDEX IF EXISTS {index}"));
        }
        // The labels' own index, for the Labels group's suggestions and the bulk label changes.
        statements.push("CREATE INDEX IF NOT EXISTS idx_asset_labels_label ON asset_labels (label)".to_owned());
        for (table, column) in [
            ("assets", "added_day"),
            ("assets", "facet_key"),
            ("assets", "search_text"),
            ("assets", "file_type"),
            ("asset_labels", "facet_key"),
        ] {
            statements.push(format!("ALTER TABLE {table} DROP COLUMN {column}"));
        }
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        run(manager, &statements).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "the grid's derived columns are not rebuilt: restore a backup taken before this version".to_owned(),
        ))
    }
}
