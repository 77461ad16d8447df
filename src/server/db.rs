//! The database: connecting, migrating, and one narrow query module per area.

pub mod asset_list;
pub mod assets;
pub mod clones;
pub mod deletion;
pub mod entities;
pub mod jobs;
pub mod links;
pub mod publication;
pub mod renditions;
pub mod sessions;
pub mod sign_in_failures;
pub mod users;
pub mod versions;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqlErr, TransactionTrait,
};
use std::{future::Future, pin::Pin, time::Duration};

/// Connects to `url` (SQLite or PostgreSQL) and brings the schema up to date.
///
/// # Errors
/// The database cannot be reached or a migration fails.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
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
/// value first (a code, a version number) or SQLite held its write lock.
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
        let txn = db.begin().await?;
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

fn is_contention(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
        || error.to_string().contains("database is locked")
}
