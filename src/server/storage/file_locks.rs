//! Stored files are shared by content, so "nobody uses this file, remove it" and "this file is
//! stored, record a use of it" must not interleave: the first could remove what the second just
//! recorded. Both hold the file's lock while they decide and act.
//!
//! The lock serialises within one instance, which is what the embedded setup runs. Instances that
//! share a database need a lock that database holds (a PostgreSQL advisory lock) in its place.

use tokio::sync::{Mutex, MutexGuard};

use super::ContentKey;

/// Keys share a fixed set of locks; two keys on one lock only wait for each other a little.
const STRIPES: usize = 64;

#[derive(Debug)]
pub struct FileLocks {
    stripes: Vec<Mutex<()>>,
}

/// The locks of some files, held until dropped.
#[must_use = "the files are locked only while this is held"]
pub struct HeldFiles<'a> {
    _guards: Vec<MutexGuard<'a, ()>>,
}

impl Default for FileLocks {
    fn default() -> Self {
        FileLocks {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
        }
    }
}

impl FileLocks {
    /// Waits until every one of `keys` is free, then holds them all. Locks are always taken in
    /// the same order, so two callers never wait for each other in a circle.
    pub async fn lock<'k>(&self, keys: impl IntoIterator<Item = &'k ContentKey>) -> HeldFiles<'_> {
        let mut stripes: Vec<usize> = keys.into_iter().map(stripe).collect();
        stripes.sort_unstable();
        stripes.dedup();
        let mut guards = Vec::with_capacity(stripes.len());
        for index in stripes {
            guards.push(self.stripes[index].lock().await);
        }
        HeldFiles { _guards: guards }
    }
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

    #[tokio::test]
    async fn a_locked_file_waits_until_it_is_released_and_others_do_not() {
        let locks = FileLocks::default();
        let (busy, other) = (key("a1"), key("b2"));
        let held = locks.lock([&busy]).await;
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
