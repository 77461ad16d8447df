use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The Filters panel's counts kept as they change, so that the unfiltered grid's (and one
/// filtered by facts alone) need no pass over a million rows: assets with a current version by
/// facet key, and label rows by label and key. Triggers add a row of +1 or -1 per change (only
/// inserts: concurrent writers never wait on one another); the server sums the rows, and from
/// time to time replaces them with their sums.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let mut statements = vec![
            "CREATE TABLE asset_key_counts (facet_key BIGINT NOT NULL, n BIGINT NOT NULL)".to_owned(),
            "CREATE TABLE label_key_counts (label TEXT NOT NULL, facet_key BIGINT NOT NULL, n BIGINT NOT NULL)"
                .to_owned(),
            "INSERT INTO asset_key_counts (facet_key, n) SELECT facet_key, COUNT(*) FROM assets \
             WHERE current_version_id IS NOT NULL GROUP BY facet_key"
                .to_owned(),
            "INSERT INTO label_key_counts (label, facet_key, n) SELECT label, facet_key, COUNT(*) \
             FROM asset_labels GROUP BY label, facet_key"
                .to_owned(),
        ];
        let asset_changed = "OLD.facet_key <> NEW.facet_key \
                             OR (OLD.current_version_id IS NULL) <> (NEW.current_version_id IS NULL)";
        let label_changed = "OLD.facet_key <> NEW.facet_key OR OLD.label <> NEW.label";
        if manager.get_database_backend() == DbBackend::Postgres {
            statements.extend([
                "CREATE FUNCTION asset_key_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                   IF TG_OP <> 'INSERT' THEN IF OLD.current_version_id IS NOT NULL THEN \
                     INSERT INTO asset_key_counts (facet_key, n) VALUES (OLD.facet_key, -1); END IF; END IF; \
                   IF TG_OP <> 'DELETE' THEN IF NEW.current_version_id IS NOT NULL THEN \
                     INSERT INTO asset_key_counts (facet_key, n) VALUES (NEW.facet_key, 1); END IF; END IF; \
                   RETURN NULL; END $$"
                    .to_owned(),
                "CREATE TRIGGER asset_key_counts_insert_delete AFTER INSERT OR DELETE ON assets \
                 FOR EACH ROW EXECUTE FUNCTION asset_key_counts_change()"
                    .to_owned(),
                format!(
                    "CREATE TRIGGER asset_key_counts_update AFTER UPDATE OF facet_key, current_version_id \
                     ON assets FOR EACH ROW WHEN ({asset_changed}) EXECUTE FUNCTION asset_key_counts_change()"
                ),
                "CREATE FUNCTION label_key_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                   IF TG_OP <> 'INSERT' THEN \
                     INSERT INTO label_key_counts (label, facet_key, n) VALUES (OLD.label, OLD.facet_key, -1); END IF; \
                   IF TG_OP <> 'DELETE' THEN \
                     INSERT INTO label_key_counts (label, facet_key, n) VALUES (NEW.label, NEW.facet_key, 1); END IF; \
                   RETURN NULL; END $$"
                    .to_owned(),
                "CREATE TRIGGER label_key_counts_insert_delete AFTER INSERT OR DELETE ON asset_labels \
                 FOR EACH ROW EXECUTE FUNCTION label_key_counts_change()"
                    .to_owned(),
                format!(
                    "CREATE TRIGGER label_key_counts_update AFTER UPDATE OF facet_key, label \
                     ON asset_labels FOR EACH ROW WHEN ({label_changed}) EXECUTE FUNCTION label_key_counts_change()"
                ),
            ]);
        } else {
            let gone = "INSERT INTO asset_key_counts (facet_key, n) \
                        SELECT OLD.facet_key, -1 WHERE OLD.current_version_id IS NOT NULL;";
            let came = "INSERT INTO asset_key_counts (facet_key, n) \
                        SELECT NEW.facet_key, 1 WHERE NEW.current_version_id IS NOT NULL;";
            let label_gone =
                "INSERT INTO label_key_counts (label, facet_key, n) VALUES (OLD.label, OLD.facet_key, -1);";
            let label_came = "INSERT INTO label_key_counts (label, facet_key, n) VALUES (NEW.label, NEW.facet_key, 1);";
            statements.extend([
                format!("CREATE TRIGGER asset_key_counts_insert AFTER INSERT ON assets BEGIN {came} END"),
                format!("CREATE TRIGGER asset_key_counts_delete AFTER DELETE ON assets BEGIN {gone} END"),
                format!(
                    "CREATE TRIGGER asset_key_counts_update AFTER UPDATE OF facet_key, current_version_id ON assets \
                     WHEN {asset_changed} BEGIN {gone} {came} END"
                ),
                format!("CREATE TRIGGER label_key_counts_insert AFTER INSERT ON asset_labels BEGIN {label_came} END"),
                format!("CREATE TRIGGER label_key_counts_delete AFTER DELETE ON asset_labels BEGIN {label_gone} END"),
                format!(
                    "CREATE TRIGGER label_key_counts_update AFTER UPDATE OF facet_key, label ON asset_labels \
                     WHEN {label_changed} BEGIN {label_gone} {label_came} END"
                ),
            ]);
        }
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let mut statements = vec![];
        for (table, triggers) in [
            (
                "assets",
                [
                    "asset_key_counts_insert",
                    "asset_key_counts_delete",
                    "asset_key_counts_update",
                ],
            ),
            (
                "asset_labels",
                [
                    "label_key_counts_insert",
                    "label_key_counts_delete",
                    "label_key_counts_update",
                ],
            ),
        ] {
            for trigger in triggers {
                statements.push(if postgres {
                    format!("DROP TRIGGER IF EXISTS {trigger} ON {table}")
                } else {
                    format!("DROP TRIGGER IF EXISTS {trigger}")
                });
            }
        }
        if postgres {
            for statement in [
                "DROP TRIGGER IF EXISTS asset_key_counts_insert_delete ON assets",
                "DROP TRIGGER IF EXISTS label_key_counts_insert_delete ON asset_labels",
                "DROP FUNCTION IF EXISTS asset_key_counts_change()",
                "DROP FUNCTION IF EXISTS label_key_counts_change()",
            ] {
                statements.push(statement.to_owned());
            }
        }
        statements.push("DROP TABLE label_key_counts".to_owned());
        statements.push("DROP TABLE asset_key_counts".to_owned());
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }
}
