//! Connecting to the database and bringing its schema up to date (the `migration` crate), once
//! per start, before anything is served.

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait,
};
use std::time::Duration;

use super::db::keep_statistics;

/// Connects to `url` (SQLite or PostgreSQL) and brings the schema up to date.
///
/// # Errors
/// The database cannot be reached or a migration fails.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    // Instances on one SQLite file take turns at start: opening it in WAL mode, and migrating it,
    // while another does so fails at once with "database is locked".
    let sqlite = sqlite_path(url);
    let _turn = match sqlite {
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
    if sqlite.is_some() {
        // Migrated through one connection, so that each step surely sees the schema the step
        // before left: a start once failed dropping a column an earlier migration had added, as
        // if the pooled connection that ran it saw an older schema.
        let mut one = options.clone();
        one.max_connections(1).min_connections(0);
        let migrator = Database::connect(one).await?;
        migrate(&migrator).await?;
        migrator.close().await?;
    }
    let db = Database::connect(options).await?;
    if sqlite.is_none() {
        migrate(&db).await?;
    }
    keep_statistics(&db).await?;
    Ok(db)
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
