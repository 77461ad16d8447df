//! Background work as the job queue keeps it: what a job does, and a job a worker holds.

use serde::{Deserialize, Serialize};

/// What a job does, with what it needs to know. Stored as JSON: add kinds, never change one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Make the thumbnail and preview of a stored picture.
    Rendition { content_key: String, mime: String },
    /// Remove a stored file, if nothing uses it by the time the job runs.
    RemoveIfUnused { content_key: String },
    /// Look through storage for files nothing uses (a crash left them) and queue their removal.
    SweepStorage,
    /// Give every waiting asset of a bulk change its turn.
    BulkChange { bulk_change_id: i64 },
    /// Give every waiting file of an import of uploads its outcome.
    UploadImport { import_id: i64 },
    /// Deliver a webhook message to an endpoint, or try again.
    WebhookDelivery { delivery_id: i64 },
    /// Read back from the queue but of no kind this damson knows (written by a newer one, or
    /// damaged): never stored, only failed by the worker that claimed it.
    #[serde(skip)]
    Unreadable { reason: String },
}

impl JobKind {
    /// What the job is about: one job per key is queued at a time.
    pub fn key(&self) -> Option<String> {
        Some(match self {
            JobKind::Rendition { content_key, .. } => rendition_key(content_key),
            JobKind::RemoveIfUnused { content_key } => format!("remove:{content_key}"),
            JobKind::SweepStorage => "sweep-storage".to_owned(),
            JobKind::BulkChange { bulk_change_id } => format!("bulk-change:{bulk_change_id}"),
            JobKind::UploadImport { import_id } => format!("upload-import:{import_id}"),
            JobKind::WebhookDelivery { delivery_id } => format!("webhook-delivery:{delivery_id}"),
            JobKind::Unreadable { .. } => return None,
        })
    }

    /// How many times the job is claimed before it ends as failed: a webhook delivery follows its
    /// own schedule of retries (`retry_after`), every other kind `usual` times.
    pub fn max_attempts(&self, usual: i32) -> i32 {
        match self {
            JobKind::WebhookDelivery { .. } => 100,
            _ => usual,
        }
    }

    /// Whether the job stays recorded once done: a rendition job's state is what a card shows.
    pub fn keeps_record(&self) -> bool {
        matches!(self, JobKind::Rendition { .. })
    }
}

/// The key of a stored file's rendition job.
pub fn rendition_key(content_key: &str) -> String {
    format!("rendition:{content_key}")
}

/// A job this worker holds.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    /// Including this one.
    pub attempts: i32,
    pub kind: JobKind,
}
