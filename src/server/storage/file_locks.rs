//! Stored files are shared by content, so "nobody uses this file, remove it" and "this file is
//! stored, record a use of it" must not interleave: the first could remove what the second just
//! recorded. Both hold the file's lock while they decide and act.
//!
//! Within one instance a striped mutex serialises them. On PostgreSQL, where several instances may
//! share the database and the stored files, the lock is also held in the database: a transaction
//! of the lock's own takes `pg_advisory_xact_lock` on each file, and ends when the lock is dropped.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};
use tokio::sync::{Mutex, MutexGuard};

use super::ContentKey;

/// Keys share a fixed set of locks; two keys on one lock only wait for each other a little.
const STRIPES: usize = 64;

#[derive(Debug)]
pub struct FileLocks {
    stripes: Vec<Mutex<()>>,
    /// The shared PostgreSQL database, when there is one.
    shared: Option<DatabaseConnection>,
}

/// The locks of some files, held until dropped.
#[must_use = "the files are locked only while this is held"]
pub struct HeldFiles<'a> {
    _guards: Vec<MutexGuard<'a, ()>>,
    /// Holds the database's locks; dropped, it ends and they are released.
    _in_database: Option<DatabaseTransaction>,
}

impl Default for FileLocks {
    fn default() -> Self {
        FileLocks {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            shared: None,
        }
    }
}

impl FileLocks {
    /// Locks for an instance on `db`: held in the database too when it is PostgreSQL.
    pub fn for_database(db: &DatabaseConnection) -> Self {
        FileLocks {
            shared: (db.get_database_backend() == DbBackend::Postgres).then(|| db.clone()),
            ..FileLocks::default()
        }
    }

    /// Waits until every one of `keys` is free, then holds them all. Locks are always taken in
    /// the same order, so two callers never wait for each other in a circle.
    ///
    /// # Errors
    /// The database cannot take its locks.
    pub async fn lock<'k>(&self, keys: impl IntoIterator<Item = &'k ContentKey>) -> Result<HeldFiles<'_>, DbErr> {
        let mut keys: Vec<&ContentKey> = keys.into_iter().collect();
        keys.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        keys.dedup();
        let mut stripes: Vec<usize> = keys.iter().map(|key| stripe(key)).collect();
        stripes.sort_unstable();
        stripes.dedup();
        let mut guards = Vec::with_capacity(stripes.len());
        for index in stripes {
            guards.push(self.stripes[index].lock().await);
        }
        let in_database = match &self.shared {
            Some(db) => {
                let turn = db.begin().await?;
                for key in keys {
                    turn.execute(Statement::from_sql_and_values(
                        DbBackend::Postgres,
                        "SELECT pg_advisory_xact_lock($1)",
                        [advisory_key(key).into()],
                    ))
                    .await?;
                }
                Some(turn)
            }
            None => None,
        };
        Ok(HeldFiles {
            _guards: guards,
            _in_database: in_database,
        })
    }
}

/// A file's advisory lock number: the first 64 bits of its SHA-256.
fn advisory_key(key: &ContentKey) -> i64 {
    u64::from_str_radix(&key.as_str()[..16], 16).map_or(0, |bits| bits as i64)
}

/// Content keys are SHA-256 in hex, evenly spread: their first two digits pick the lock.
fn stripe(key: &ContentKey) -> usize {
    usize::from_str_radix(&key.as_str()[..2], 16).unwrap_or(0) % STRIPES
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn key(first: &str) -> ContentKey {
        ContentKey::parse(&format!("{first}{}", "0".repeat(64 - first.len()))).unwrap()
    }

    async fn is_free(locks: &FileLocks, key: &ContentKey) -> bool {
        tokio::time::timeout(Duration::from_millis(50), locks.lock([key]))
            .await
            .is_ok()
    }

    #[test]
    fn advisory_keys_come_from_the_content_hash() {
        assert_eq!(advisory_key(&key("00000000000000ff")), 255);
        assert_eq!(advisory_key(&key("ffffffffffffffff")), -1);
    }

    #[tokio::test]
    async fn a_locked_file_waits_until_it_is_released_and_others_do_not() {
        let locks = FileLocks::default();
        let (busy, other) = (key("a1"), key("b2"));
        let held = locks.lock([&busy]).await.unwrap();
        assert!(!is_free(&locks, &busy).await);
        assert!(is_free(&locks, &other).await);
        drop(held);
        assert!(is_free(&locks, &busy).await);
    }

    #[tokio::test]
    async fn keys_on_one_lock_or_given_twice_do_not_wait_for_themselves() {
        let locks = FileLocks::default();
        let (first, same_stripe) = (key("01"), key("41"));
        assert_eq!(stripe(&first), stripe(&same_stripe));
        let both = tokio::time::timeout(Duration::from_secs(1), locks.lock([&first, &same_stripe, &first])).await;
        assert!(both.is_ok());
    }
}
