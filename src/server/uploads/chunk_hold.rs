//! A chunk's hold on its upload, so that two tries of the same chunk never write at once: taken
//! before the chunk's bytes are read, renewed by a heartbeat every third of the lease while they
//! come and while they are stored, let go when the try fails or its request is cancelled. A try
//! cut off without a word (a killed instance) holds it for one short lease at most, and not even
//! that once its own instance is started again (`release_holds_of_gone_processes`).

use sea_orm::DatabaseConnection;
use std::{sync::Arc, time::Duration};
use tokio::{sync::Mutex, task::JoinHandle};

use crate::domain::UploadId;
use crate::server::{db, process};

/// How long a hold lasts without its heartbeat.
pub const LEASE: Duration = Duration::from_secs(9);

/// The hold of one try of one chunk.
pub struct ChunkHold {
    db: DatabaseConnection,
    id: UploadId,
    /// When the hold ends now; `None` once another try took the upload over.
    until: Arc<Mutex<Option<i64>>>,
    heartbeat: JoinHandle<()>,
    /// Whether dropping the hold lets go of the upload (not once the chunk is recorded).
    armed: bool,
}

impl ChunkHold {
    /// Holds the upload for the chunk at `offset`, unless the upload has another offset or another
    /// try holds it.
    ///
    /// # Errors
    /// Database failures.
    pub async fn take(
        db: &DatabaseConnection,
        id: &UploadId,
        offset: u64,
    ) -> Result<Option<ChunkHold>, sea_orm::DbErr> {
        let until = lease_end();
        if !db::uploads::hold(db, id, offset, process::name(), None, until).await? {
            return Ok(None);
        }
        let until = Arc::new(Mutex::new(Some(until)));
        let heartbeat = tokio::spawn(beat(db.clone(), id.clone(), offset, Arc::clone(&until)));
        Ok(Some(ChunkHold {
            db: db.clone(),
            id: id.clone(),
            until,
            heartbeat,
            armed: true,
        }))
    }

    /// Stops the heartbeat and tells when the hold ends, for recording the chunk under it;
    /// `None` when another try took the upload over meanwhile.
    pub async fn stop(&mut self) -> Option<i64> {
        // The lock waits for a renewal under way, so the hold's end is the database's.
        let until = self.until.lock().await;
        self.heartbeat.abort();
        *until
    }

    /// The chunk is recorded, and the hold with it: nothing to let go.
    pub fn recorded(mut self) {
        self.armed = false;
    }
}

impl Drop for ChunkHold {
    fn drop(&mut self) {
        self.heartbeat.abort();
        if !self.armed {
            return;
        }
        let (db, id, until) = (self.db.clone(), self.id.clone(), Arc::clone(&self.until));
        tokio::spawn(async move {
            let Some(held) = *until.lock().await else { return };
            if let Err(error) = db::uploads::release(&db, &id, held).await {
                tracing::warn!("could not let go of upload {}: {error}", id.0);
            }
        });
    }
}

async fn beat(db: DatabaseConnection, id: UploadId, offset: u64, until: Arc<Mutex<Option<i64>>>) {
    loop {
        tokio::time::sleep(LEASE / 3).await;
        let mut held = until.lock().await;
        let Some(end) = *held else { return };
        let renewed = lease_end();
        match db::uploads::hold(&db, &id, offset, process::name(), Some(end), renewed).await {
            Ok(true) => *held = Some(renewed),
            Ok(false) => {
                *held = None;
                return;
            }
            Err(error) => tracing::warn!("could not renew the hold on upload {}: {error}", id.0),
        }
    }
}

fn lease_end() -> i64 {
    db::now_millis() + i64::try_from(LEASE.as_millis()).unwrap_or(i64::MAX)
}

/// Lets go of the uploads that processes of this machine which are gone held: an instance
/// killed while it received chunks, now started again. Called at start. How many it let go.
///
/// # Errors
/// Database failures.
pub async fn release_holds_of_gone_processes(db: &DatabaseConnection) -> Result<usize, sea_orm::DbErr> {
    let mut released = 0;
    for (id, holder) in db::uploads::holders_on(db, &process::host_prefix()).await? {
        if process::is_gone(&holder) && db::uploads::release_from(db, &id, &holder).await? {
            released += 1;
        }
    }
    Ok(released)
}
