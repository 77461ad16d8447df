//! Changing many assets at once (`/api/manage`: DAM read users may select and download only).

mod bulk_change_report;
mod start_bulk_change;

pub use bulk_change_report::{BulkChangeReport, bulk_change_report};
pub use start_bulk_change::{StartBulkChange, start_bulk_change};
