//! CSV imports of products and categories: the file is read as it arrives, a record at a time,
//! and applied in batches, so memory stays bounded whatever its size.

use csv_async::{AsyncReaderBuilder, StringRecord};
use std::{future::Future, sync::Arc};
use tokio_util::io::StreamReader;

mod categories;
mod products;

use super::{db, state::AppState, storage::ByteStream};
use crate::domain::{AppError, CategoryRow, Columns, ImportReport, ProductRow};

/// What one batch did: counts, and the refused rows' lines and reasons.
#[derive(Debug, Default)]
struct BatchOutcome {
    created: u64,
    updated: u64,
    unchanged: u64,
    refused: Vec<(u64, String)>,
}

/// Rows per transaction.
const BATCH: usize = 500;

/// Upserts products by number from `number,name,description,status,categories`.
///
/// # Errors
/// `Validation` when the first line does not name the columns; database failures.
pub async fn products(state: &AppState, body: ByteStream) -> Result<ImportReport, AppError> {
    let report = import(body, &ProductRow::COLUMNS, ProductRow::parse, |rows| {
        products::apply(&state.db, rows)
    })
    .await?;
    // An import can grow the table tenfold: the planner's statistics follow now rather than
    // within the hour.
    db::keep_statistics(&state.db).await?;
    Ok(report)
}

/// Upserts categories by number from `catalog,number,name,parent`.
///
/// # Errors
/// `Validation` when the first line does not name the columns; database failures.
pub async fn categories(state: &AppState, body: ByteStream) -> Result<ImportReport, AppError> {
    let report = import(body, &CategoryRow::COLUMNS, CategoryRow::parse, |rows| {
        categories::apply(&state.db, rows)
    })
    .await?;
    db::keep_statistics(&state.db).await?;
    Ok(report)
}

async fn import<Row, Parse, Apply, Applied>(
    body: ByteStream,
    wanted: &[&str],
    parse: Parse,
    apply: Apply,
) -> Result<ImportReport, AppError>
where
    Parse: Fn(&Columns, &[&str]) -> Result<Row, String>,
    Apply: Fn(Arc<[(u64, Row)]>) -> Applied,
    Applied: Future<Output = Result<BatchOutcome, AppError>>,
{
    let mut reader = AsyncReaderBuilder::new()
        .flexible(true)
        .create_reader(StreamReader::new(body));
    let header = reader
        .headers()
        .await
        .map_err(|e| AppError::Validation(format!("The file is not CSV: {e}")))?
        .clone();
    let columns = Columns::find(header.iter(), wanted).map_err(AppError::Validation)?;
    let mut report = ImportReport::default();
    let mut batch: Vec<(u64, Row)> = Vec::with_capacity(BATCH);
    let mut record = StringRecord::new();
    loop {
        let line = record.position().map_or(1, |p| p.line()) + 1;
        match reader.read_record(&mut record).await {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, csv_async::Position::line);
                let fields: Vec<&str> = record.iter().collect();
                if fields.iter().all(|field| field.trim().is_empty()) {
                    continue;
                }
                match parse(&columns, &fields) {
                    Ok(row) => batch.push((line, row)),
                    Err(reason) => report.refuse(line, reason),
                }
            }
            // A line that is not text: refuse it, read on.
            Err(error) if matches!(error.kind(), csv_async::ErrorKind::Utf8 { .. }) => {
                let line = error.position().map_or(line, csv_async::Position::line);
                report.refuse(line, "The line is not UTF-8 text.");
            }
            Err(error) => {
                flush(&apply, &mut batch, &mut report).await?;
                report.stopped = Some(format!(
                    "The file could not be read on from line {line} ({error}); the rows before it were imported."
                ));
                report.refused.sort_by_key(|row| row.line);
                return Ok(report);
            }
        }
        if batch.len() == BATCH {
            flush(&apply, &mut batch, &mut report).await?;
        }
    }
    flush(&apply, &mut batch, &mut report).await?;
    report.refused.sort_by_key(|row| row.line);
    Ok(report)
}

async fn flush<Row, Apply, Applied>(
    apply: &Apply,
    batch: &mut Vec<(u64, Row)>,
    report: &mut ImportReport,
) -> Result<(), AppError>
where
    Apply: Fn(Arc<[(u64, Row)]>) -> Applied,
    Applied: Future<Output = Result<BatchOutcome, AppError>>,
{
    if batch.is_empty() {
        return Ok(());
    }
    let rows: Arc<[(u64, Row)]> = std::mem::take(batch).into();
    let outcome = apply(rows).await?;
    report.created += outcome.created;
    report.updated += outcome.updated;
    report.unchanged += outcome.unchanged;
    for (line, reason) in outcome.refused {
        report.refuse(line, reason);
    }
    Ok(())
}
