//! How many chunks this instance holds in memory at once. A chunk is read whole before it is
//! stored (an S3 part is sent with its length), so without a bound 200 chunks sent at once took
//! the server to 1.1 GB. The rest wait for a turn, and past a wait are told to come back.

use std::{sync::Arc, time::Duration};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::domain::AppError;

/// Chunks in memory at once: 16 of 8 MiB, 128 MiB in all.
pub const CHUNKS_AT_ONCE: usize = 16;
/// How long a chunk waits for its turn before its sender is told to come back.
const LONGEST_WAIT: Duration = Duration::from_secs(20);
/// When to come back.
const COME_BACK_AFTER_SECS: u64 = 2;

/// The turns of this instance, shared by its requests.
#[derive(Clone, Debug)]
pub struct ChunkTurns(Arc<Semaphore>);

impl Default for ChunkTurns {
    fn default() -> Self {
        ChunkTurns(Arc::new(Semaphore::new(CHUNKS_AT_ONCE)))
    }
}

impl ChunkTurns {
    /// Waits for a turn, held until the returned permit is dropped.
    ///
    /// # Errors
    /// `Overloaded`, with when to come back, after waiting `LONGEST_WAIT`.
    pub async fn take(&self) -> Result<OwnedSemaphorePermit, AppError> {
        match tokio::time::timeout(LONGEST_WAIT, Arc::clone(&self.0).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Overloaded {
                retry_after_secs: COME_BACK_AFTER_SECS,
            }),
        }
    }
}
