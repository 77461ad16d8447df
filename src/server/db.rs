//! The database: connecting, migrating, and one narrow query module per area.

pub mod asset_cards;
pub mod asset_selection;
pub mod asset_views;
pub mod assets;
pub mod bulk_changes;
pub mod catalogs;
pub mod category_import;
pub mod category_links;
pub mod clones;
pub mod deletion;
pub mod entities;
pub mod jobs;
pub mod links;
pub mod locales;
pub mod product_import;
pub mod product_links;
pub mod product_views;
pub mod products;
pub mod publication;
pub mod renditions;
pub mod search_facts;
pub mod sessions;
pub mod sign_in_failures;
pub mod uploads;
pub mod users;
pub mod versions;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqlErr,
    Statement, TransactionTrait,
};
use std::{future::Future, pin::Pin, time::Duration};

/// Connects to `url` (SQLite or PostgreSQL) and brings the schema up to date.
///
/// # Errors
/// The database cannot be reached or a migration fails.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    // Instances on one SQLite file take turns at start: opening it in WAL mode, and migrating it,
    // while another does so fails at once with "database is locked".
    let _turn = match sqlite_path(url) {
        Some(path) => Some(
            startup_turn(format!("{path}.startup-lock"))
                .await
                .map_err(|e| DbErr::Custom(format!("cannot take the startup lock beside {path}: {e}")))?,
        ),
        None => None,
    };
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        // An upload holds two at once on PostgreSQL (its file's lock, and recording it).
        .max_connections(32)
        .acquire_timeout(Duration::from_secs(10))
        // Each connection loads SQLite's statistics when it opens (`keep_statistics`).
        .max_lifetime(Duration::from_secs(30 * 60))
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        })
        // sqlx prepares every statement once per connection, and PostgreSQL then settles on a
        // generic plan: one chosen while a table was small (an import's first batches) kept
        // scanning it whole as it grew (100,000 products took 56 s to import instead of 5 s).
        // A plan for the values at hand costs well under a millisecond each time.
        .map_sqlx_postgres_opts(|postgres| postgres.options([("plan_cache_mode", "force_custom_plan")]));
    let db = Database::connect(options).await?;
    migrate(&db).await?;
    keep_statistics(&db).await?;
    Ok(db)
}

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

/// The file of a `sqlite://PATH?…` URL, unless the database lives in memory.
fn sqlite_path(url: &str) -> Option<&str> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

/// An exclusive lock on the file `path` (created if needed), held until dropped.
async fn startup_turn(path: String) -> std::io::Result<std::fs::File> {
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: flock only takes the descriptor of a file this function owns and keeps open.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(file)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Any number, as long as it is damson's: the advisory lock several instances starting at once
/// take turns on.
const MIGRATION_LOCK: i64 = 0x6461_6d73_6f6e;

/// Brings the schema up to date. On PostgreSQL, instances that start at once take turns under an
/// advisory lock held by a transaction of their own, so no two run the same migration.
async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    let turn = db.begin().await?;
    turn.execute(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1)",
        [MIGRATION_LOCK.into()],
    ))
    .await?;
    let migrated = Migrator::up(db, None).await;
    turn.commit().await?;
    migrated
}

/// Whether the database answers a trivial query.
pub async fn is_reachable(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

/// Now, in Unix milliseconds: how rows that expire store time.
pub fn now_millis() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp_nanos() as i64 / 1_000_000
}

/// Runs `work` in a transaction, and again (up to 5 times) when a concurrent writer took a unique
/// value first (a code, a version number), SQLite held its write lock, or PostgreSQL found a
/// deadlock or a serialization failure.
///
/// # Errors
/// The last database error.
pub async fn retried<T, F>(db: &DatabaseConnection, work: F) -> Result<T, DbErr>
where
    F: for<'c> Fn(&'c DatabaseTransaction) -> Pin<Box<dyn Future<Output = Result<T, DbErr>> + Send + 'c>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let txn = begin_write(db).await?;
        let outcome = match work(&txn).await {
            Ok(value) => txn.commit().await.map(|()| value),
            Err(error) => Err(error),
        };
        match outcome {
            Err(error) if attempt < 5 && is_contention(&error) => {
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

/// Whether a write failed because another row holds the same unique value.
pub fn is_unique_violation(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

fn is_contention(error: &DbErr) -> bool {
    let text = error.to_string();
    is_unique_violation(error)
        || text.contains("database is locked")
        // PostgreSQL's 40P01 and 40001.
        || text.contains("deadlock detected")
        || text.contains("could not serialize access")
}
