//! The Upload assets page (`/api/manage`): the user's uploads, their import and its report. The
//! bytes themselves go through the resumable upload protocol (`server::routes::uploads`).

mod import_uploads;
mod my_uploads;
mod plan_uploads;
mod remove_uploads;
mod retry_failed_uploads;
mod upload_import_report;

pub use import_uploads::{ImportUploads, import_uploads};
pub use my_uploads::{MyUploads, my_uploads};
pub use plan_uploads::{PlanUploads, plan_uploads};
pub use remove_uploads::{RemoveUploads, remove_uploads};
pub use retry_failed_uploads::{RetryFailedUploads, retry_failed_uploads};
pub use upload_import_report::{UploadImportReport, upload_import_report};
