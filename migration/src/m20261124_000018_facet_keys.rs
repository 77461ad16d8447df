use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each asset's facts for the Filters panel in one integer (`facet_key`), on its row and on its
/// label rows, so that the panel's counts are one grouped pass over an index. The server computes
/// the keys: -1 marks one not computed yet, and the server fills those in at start, before it serves.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["assets", "asset_labels"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(
                            ColumnDef::new(Alias::new("facet_key"))
                                .big_integer()
                                .not_null()
                                .default(-1),
                        )
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        for statement in [
            // The counts of every group: assets with a current version, by key.
            "CREATE INDEX idx_assets_facet_key ON assets (facet_key) WHERE current_version_id IS NOT NULL",
            // The Added group's counts: the last days' assets, by key.
            "CREATE INDEX idx_assets_created_at_facet_key ON assets (created_at, facet_key) \
             WHERE current_version_id IS NOT NULL",
            // The Labels group's counts: each label's assets, by key (the index on the label alone
            // is then of no more use).
            "CREATE INDEX idx_asset_labels_label_facet_key ON asset_labels (label, facet_key)",
            "DROP INDEX idx_asset_labels_label",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in [
            "CREATE INDEX idx_asset_labels_label ON asset_labels (label)",
            "DROP INDEX idx_asset_labels_label_facet_key",
            "DROP INDEX idx_assets_created_at_facet_key",
            "DROP INDEX idx_assets_facet_key",
        ] {
            db.execute_unprepared(statement).await?;
        }
        for table in ["assets", "asset_labels"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new("facet_key"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
