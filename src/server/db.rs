//! The database: one narrow query module per area, and the unit of work that runs them.

pub mod api_tokens;
pub mod asset_cards;
pub mod asset_labels;
pub mod asset_selection;
pub mod assets;
pub mod bulk_changes;
pub mod bulk_reports;
pub mod catalogs;
pub mod category_import;
pub mod category_links;
pub mod deletion;
pub mod entities;
pub mod idempotent_requests;
pub mod jobs;
pub mod links;
pub mod locales;
pub mod product_import;
pub mod product_links;
pub mod products;
pub mod publication;
pub mod renditions;
pub mod saved_views;
pub mod search_facts;
pub mod sessions;
pub mod sign_in_failures;
pub mod upload_imports;
pub mod uploads;
pub mod users;
pub mod versions;
pub mod webhook_outbox;
pub mod webhooks;

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, TransactionTrait};
use std::{future::Future, pin::Pin, time::Duration};

pub use super::errors::is_unique_violation;
use super::errors::{ServiceError, is_transient};

/// Brings the query planner's statistics up to date where they are missing or stale: at start,
/// every hour, and after an import. PostgreSQL's autovacuum keeps its own. SQLite gathers none
/// unless asked, and without them picks slow plans at scale (the grid's page for "images with a
/// label, published" took 40–49 ms at a million assets rather than 6–12). `PRAGMA optimize`
/// analyses each table whose indexes lack statistics or whose size changed tenfold since, reading
/// a sample of each index so that it takes milliseconds at any size (0x10012: every table, not
/// only those this connection used, and the sample). The connection that ran it plans with the
/// new figures at once; others load them when they are next opened (the pool replaces each
/// within half an hour).
///
/// # Errors
/// Database failures.
pub async fn keep_statistics(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA optimize = 0x10012").await?;
    }
    Ok(())
}

/// Whether the database answers a trivial query.
pub async fn is_reachable(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

/// A stored value this damson cannot read (written by another version, or damaged): a database
/// error like any other, so the use case answers it as a fault.
pub fn unreadable(what: impl std::fmt::Display) -> DbErr {
    DbErr::Type(what.to_string())
}

/// An instant in Unix milliseconds: how rows that expire store time.
pub fn millis_of(at: time::OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// Now, in Unix milliseconds.
pub fn now_millis() -> i64 {
    millis_of(time::OffsetDateTime::now_utc())
}

/// The instant a row keeps in Unix milliseconds.
///
/// # Errors
/// `DbErr::Type` for one out of time's range.
pub fn instant_of(millis: i64) -> Result<time::OffsetDateTime, DbErr> {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000).map_err(unreadable)
}

/// A failure a unit of work may meet, asked whether another try could succeed.
pub trait MayPass: From<DbErr> {
    fn may_pass(&self) -> bool;
}

impl MayPass for DbErr {
    fn may_pass(&self) -> bool {
        is_transient(self)
    }
}

impl MayPass for ServiceError {
    fn may_pass(&self) -> bool {
        self.is_transient()
    }
}

/// Runs `work` as one unit of work: in a transaction, committed when it succeeds and rolled back
/// when it fails or refuses; again (up to 5 times) when the failure may pass (`is_transient`).
///
/// # Errors
/// The last failure.
pub async fn retried<T, E, F>(db: &DatabaseConnection, work: F) -> Result<T, E>
where
    E: MayPass,
    F: for<'c> Fn(&'c DatabaseTransaction) -> Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'c>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let outcome = match begin_write(db).await {
            Ok(txn) => match work(&txn).await {
                Ok(value) => txn.commit().await.map(|()| value).map_err(E::from),
                Err(error) => Err(error),
            },
            Err(error) => Err(E::from(error)),
        };
        match outcome {
            Err(error) if attempt < 5 && error.may_pass() => {
                tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
            }
            other => return other,
        }
    }
}

/// Begins a transaction that will write. On SQLite it takes the write lock first, waiting for it
/// as long as the busy timeout allows (what `BEGIN IMMEDIATE` does): a transaction that read
/// first and then found another writer had committed meanwhile would fail at once with
/// "database is locked", which no wait can cure.
///
/// # Errors
/// Database failures, including the lock not coming within the busy timeout.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Sqlite {
        // A write that changes nothing, to take the lock.
        txn.execute_unprepared("DELETE FROM seaql_migrations WHERE 0").await?;
    }
    Ok(txn)
}

#[cfg(test)]
mod layers {
    use std::{fs, path::Path};

    /// `db` stores and loads domain types: it never reaches up into the use cases, the jobs, the
    /// media work, the storage, the search engine or the schema's migrations, and leaves units of
    /// work and refusals to the use cases. Its repositories answer database errors only (a stored
    /// value they cannot read is one); the server's source of randomness is the only server
    /// module they use.
    #[test]
    fn the_database_layer_imports_nothing_above_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server");
        let mut files = vec![root.join("db.rs")];
        let mut folders = vec![root.join("db")];
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "the db layer's files: {}", files.len());
        for file in files {
            let whole = fs::read_to_string(&file).unwrap();
            // What the module's tests use is theirs.
            let source = whole.split("\n#[cfg(test)]").next().unwrap_or_default();
            let uses: Vec<&str> = source
                .match_indices("crate::server::")
                .map(|(at, _)| {
                    source[at + "crate::server::".len()..]
                        .split(['{', ':', ';', ',', ')'])
                        .next()
                        .unwrap_or("")
                })
                .filter(|module| *module != "random")
                .collect();
            assert!(uses.is_empty(), "{} uses crate::server::{uses:?}", file.display());
            for above in ["super::super::", "migration::", "use migration"] {
                assert!(!source.contains(above), "{} uses {above}", file.display());
            }
            if file.ends_with("db.rs") {
                // db.rs itself holds the unit of work the use cases call (`retried`).
                continue;
            }
            // The use cases own the units of work and the refusals a user reads; a repository says
            // whether there was a row (`Option`), and the use case whether that is NotFound.
            for rule in [
                "retried(",
                ".begin()",
                "ServiceError",
                "AppError::Conflict(",
                "AppError::Validation(",
                "AppError::NotFound",
                ", AppError>",
                "internal(",
            ] {
                assert!(!source.contains(rule), "{} uses {rule}", file.display());
            }
        }
    }
}
