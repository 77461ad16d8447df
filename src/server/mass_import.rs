//! Importing a user's uploads, as a job: each file is placed by its name (`domain::place`),
//! checked against the rest of the batch and against the current files, then recorded all or
//! nothing (`ingest`), and the upload marked with what became of it in the same transaction,
//! so a job resumed after a crash does nothing twice. The marks are the report.

use futures_util::{StreamExt, TryStreamExt, stream};
use std::collections::HashMap;

use super::{
    db::{self, uploads::StoredUpload},
    errors::ServiceError,
    ingest::{self, Target},
    jobs::JobKind,
    state::AppState,
    uploads,
};
use crate::domain::{
    self, Announcement, AppError, AssetId, FileName, FilePlan, ImportOutcome, Imported, Known, Locale, MAX_BATCH_FILES,
    NameParts, Placement, UploadId, UploadImport, User, place,
};

/// Files of an import recorded in one transaction.
const BATCH: usize = 16;
/// Batches on their way at once.
const BATCHES_AT_ONCE: usize = 2;

/// Starts importing these uploads of the user's, or all theirs that are waiting when `only` is
/// empty. The import's id.
///
/// # Errors
/// `Validation` when no upload with every byte in is waiting; database failures.
pub async fn start(state: &AppState, user: &User, only: &[UploadId]) -> Result<i64, AppError> {
    // An id damson never gives names none of the user's uploads.
    let only: Option<Vec<UploadId>> =
        (!only.is_empty()).then(|| only.iter().filter(|id| id.is_well_formed()).cloned().collect());
    // The import, its uploads and its job in one unit of work; none of them when nothing waits.
    let id = db::retried(&state.db, |txn| {
        let (only, user) = (only.clone(), user.id);
        Box::pin(async move {
            let none_named = only.as_ref().is_some_and(Vec::is_empty);
            let started = if none_named {
                None
            } else {
                db::upload_imports::start_import(txn, user, only.as_deref()).await?
            };
            let Some(id) = started else {
                return Err(ServiceError::Refused(AppError::Validation(
                    "No uploaded file is waiting to be imported: upload some first.".into(),
                )));
            };
            enqueue(txn, id).await?;
            Ok(id)
        })
    })
    .await?;
    state.jobs.notify();
    Ok(id)
}

/// Where each named file would go if imported now (`FilePlan`), for the page to show before any
/// byte is sent.
///
/// # Errors
/// `Validation` past `MAX_BATCH_FILES` names; database failures.
pub async fn plan(state: &AppState, names: &[String]) -> Result<Vec<FilePlan>, AppError> {
    if names.len() > MAX_BATCH_FILES {
        return Err(AppError::Validation(format!(
            "A batch has at most {MAX_BATCH_FILES} files; this one has {}.",
            names.len()
        )));
    }
    let locales = db::locales::all(&state.db).await?;
    let parsed: Vec<Result<FileName, AppError>> = names.iter().map(|name| FileName::parse(name)).collect();
    let known = known_codes(&state.db, parsed.iter().filter_map(|name| name.as_ref().ok()), &locales).await?;
    Ok(parsed
        .into_iter()
        .map(|name| match name {
            Ok(name) => FilePlan::of(&name, &locales, |code| {
                known.get(code).map(|&(_, localizable)| Known { localizable })
            }),
            Err(error) => FilePlan {
                code: String::new(),
                locale: None,
                placement: Err(error),
            },
        })
        .collect())
}

/// The assets whose codes these files' names may name: each one's id and whether it is
/// localizable.
async fn known_codes<'a>(
    db: &sea_orm::DatabaseConnection,
    names: impl Iterator<Item = &'a FileName>,
    locales: &[Locale],
) -> Result<HashMap<String, (AssetId, bool)>, AppError> {
    let mut codes: Vec<String> = Vec::new();
    for name in names {
        let parts = NameParts::of(name, locales);
        codes.extend(parts.localized.map(|(code, _)| code));
        codes.push(parts.whole_code);
    }
    codes.sort_unstable();
    codes.dedup();
    let mut known = HashMap::new();
    for page in codes.chunks(500) {
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        known.extend(db::assets::known_codes(db, &page).await?);
    }
    Ok(known)
}

/// Tries the import's failed files again, as they are named now.
///
/// # Errors
/// `NotFound` unless the user has this import; `Validation` when none failed.
pub async fn retry_failed(state: &AppState, user: &User, id: i64) -> Result<UploadImport, AppError> {
    report(state, user, id).await?;
    // The files waiting again and the job that imports them, in one unit of work.
    db::retried(&state.db, |txn| {
        Box::pin(async move {
            if db::upload_imports::reset_failed(txn, id).await? == 0 {
                return Err(ServiceError::Refused(AppError::Validation(
                    "No file of this import failed.".into(),
                )));
            }
            db::upload_imports::set_import_finished(txn, id, false).await?;
            enqueue(txn, id).await?;
            Ok(())
        })
    })
    .await?;
    state.jobs.notify();
    report(state, user, id).await
}

/// The job that imports the waiting files of import `id`.
async fn enqueue(txn: &impl sea_orm::ConnectionTrait, id: i64) -> Result<(), sea_orm::DbErr> {
    db::jobs::enqueue(txn, &JobKind::UploadImport { import_id: id }, db::now_millis()).await
}

/// Where the user's import stands, file by file.
///
/// # Errors
/// `NotFound` unless the user has this import.
pub async fn report(state: &AppState, user: &User, id: i64) -> Result<UploadImport, AppError> {
    let (_, finished, files) = db::upload_imports::import_of(&state.db, Some(user.id), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UploadImport {
        id,
        finished,
        files: files.into_iter().map(|file| file.upload).collect(),
    })
}

/// The job: gives each waiting file of the import its outcome, then marks the import finished.
///
/// # Errors
/// Database failures, for the job to try again; a file's own trouble is its outcome instead.
pub async fn run(state: &AppState, id: i64) -> Result<(), AppError> {
    let Some((user_id, _, files)) = db::upload_imports::import_of(&state.db, None, id).await? else {
        return Ok(());
    };
    let Some(user) = db::users::find(&state.db, user_id).await? else {
        return Ok(());
    };
    let locales = db::locales::all(&state.db).await?;
    let plan = Plan::of(&state.db, &files, &locales).await?;
    let waiting: Vec<&StoredUpload> = files.iter().filter(|file| file.upload.imported.is_none()).collect();
    // Files of a batch are for different codes and locales (clashes were refused above), so
    // batches go in side by side: one is kept while another is recorded.
    stream::iter(waiting.chunks(BATCH))
        .map(Ok)
        .try_for_each_concurrent(BATCHES_AT_ONCE, |batch| {
            import_batch(state, &user, &plan, &locales, batch)
        })
        .await?;
    // Finished and told in one unit of work: a job that stops in between does both again.
    db::retried(&state.db, |txn| {
        Box::pin(async move {
            db::upload_imports::set_import_finished(txn, id, true).await?;
            super::webhooks::announce(txn, &[Announcement::ImportFinished { import_id: id }]).await
        })
    })
    .await?;
    state.jobs.notify();
    // Thousands of new assets at once: the planner's statistics follow now.
    db::keep_statistics(&state.db).await?;
    Ok(())
}

/// Records the batch's files that may be (`ingest_all`, which marks each imported in the same
/// transaction), marks the others with why not, and removes the uploads recorded.
async fn import_batch(
    state: &AppState,
    user: &User,
    plan: &Plan,
    locales: &[Locale],
    batch: &[&StoredUpload],
) -> Result<(), AppError> {
    let mut arrivals = Vec::with_capacity(batch.len());
    let mut taken = Vec::with_capacity(batch.len());
    for &file in batch {
        let refused = match plan.check(file) {
            Ok(()) => match arrival(state, file, locales).await {
                Ok(arrival) => {
                    arrivals.push(arrival);
                    taken.push(file);
                    continue;
                }
                Err(error) => failed(error.to_string()),
            },
            Err(refused) => refused,
        };
        db::upload_imports::mark_imported(&state.db, &file.upload.id, &refused).await?;
    }
    let outcomes = ingest::ingest_all(state, user, arrivals).await;
    for (file, outcome) in taken.into_iter().zip(outcomes) {
        match outcome {
            Ok(_) => {
                if let Err(error) = state.storage.remove_upload(&file.handle).await {
                    tracing::warn!("could not remove the imported upload {}: {error}", file.upload.id.0);
                }
            }
            // The database busy or away: the job tries again later, from the files not yet marked.
            Err(failure) if failure.is_transient() => return Err(failure.into()),
            Err(failure) => {
                let reason = AppError::from(failure).to_string();
                db::upload_imports::mark_imported(&state.db, &file.upload.id, &failed(reason)).await?;
            }
        }
    }
    Ok(())
}

/// The upload's bytes, staged to be recorded where its name places it.
async fn arrival(state: &AppState, file: &StoredUpload, locales: &[Locale]) -> Result<ingest::Arrival, AppError> {
    Ok(ingest::Arrival {
        file_name: FileName::parse(&file.upload.file_name)?,
        target: Target::ByName {
            locales: locales.to_vec(),
        },
        staged: uploads::staged(state, file).await?,
        import: Some(file.upload.id.clone()),
        media: file.media.clone(),
    })
}

fn failed(detail: String) -> Imported {
    Imported {
        outcome: ImportOutcome::Failed,
        detail,
        asset_id: None,
    }
}

/// What the whole batch says of each file before any is recorded: where its name places it, and
/// which files clash by being for the same code and locale.
struct Plan {
    placed: HashMap<UploadId, Result<Placement, AppError>>,
    /// For the files that clash with others of the batch, what they are told.
    clashes: HashMap<UploadId, String>,
    /// The existing files the batch's files are for, each with its current content key.
    existing: HashMap<UploadId, (AssetId, Option<String>)>,
}

impl Plan {
    async fn of(
        db: &sea_orm::DatabaseConnection,
        files: &[StoredUpload],
        locales: &[Locale],
    ) -> Result<Plan, AppError> {
        let names: Vec<(UploadId, Result<FileName, AppError>)> = files
            .iter()
            .map(|file| (file.upload.id.clone(), FileName::parse(&file.upload.file_name)))
            .collect();
        let known = known_codes(db, names.iter().filter_map(|(_, name)| name.as_ref().ok()), locales).await?;
        let placed: HashMap<UploadId, Result<Placement, AppError>> = names
            .into_iter()
            .map(|(id, name)| {
                let placement = name.and_then(|name| {
                    place(&name, locales, |code| {
                        known.get(code).map(|&(_, localizable)| Known { localizable })
                    })
                });
                (id, placement)
            })
            .collect();
        let batch: Vec<(&str, Option<&Placement>)> = files
            .iter()
            .map(|file| {
                let placement = placed.get(&file.upload.id).and_then(|placed| placed.as_ref().ok());
                (file.upload.file_name.as_str(), placement)
            })
            .collect();
        let clashes = files
            .iter()
            .zip(&batch)
            .zip(domain::clashes(&batch))
            .filter_map(|((file, &(name, placement)), others)| {
                let placement = placement.filter(|_| !others.is_empty())?;
                Some((file.upload.id.clone(), domain::clash_message(name, placement, &others)))
            })
            .collect();
        let ids: HashMap<String, AssetId> = known.into_iter().map(|(code, (id, _))| (code, id)).collect();
        let targets: Vec<(UploadId, (AssetId, Option<Locale>))> = placed
            .iter()
            .filter_map(|(upload, placement)| {
                let (code, locale) = match placement.as_ref().ok()? {
                    Placement::NewVersion { code } => (code, None),
                    Placement::LocaleFile { code, locale } => (code, Some(locale.clone())),
                    Placement::NewAsset { .. } | Placement::NewLocalizableAsset { .. } => return None,
                };
                Some((upload.clone(), (*ids.get(code)?, locale)))
            })
            .collect();
        let wanted: Vec<(AssetId, Option<Locale>)> = targets.iter().map(|(_, file)| file.clone()).collect();
        let current = db::versions::current_keys(db, &wanted).await?;
        let existing = targets
            .into_iter()
            .map(|(upload, file)| {
                let key = current.get(&file).cloned();
                (upload, (file.0, key))
            })
            .collect();
        Ok(Plan {
            placed,
            clashes,
            existing,
        })
    }

    /// Whether the file may be recorded: its name places it, no other file of the batch is for
    /// the same code and locale, and its bytes differ from the current file's.
    fn check(&self, file: &StoredUpload) -> Result<(), Imported> {
        match self.placed.get(&file.upload.id) {
            Some(Ok(_)) => {}
            Some(Err(error)) => return Err(failed(error.to_string())),
            None => return Err(failed("The file was not part of the import.".into())),
        }
        if let Some(clash) = self.clashes.get(&file.upload.id) {
            return Err(failed(clash.clone()));
        }
        if let Some((asset_id, Some(current))) = self.existing.get(&file.upload.id)
            && file.content_key.as_ref() == Some(current)
        {
            return Err(Imported {
                outcome: ImportOutcome::Skipped,
                detail: "Identical to the current version.".into(),
                asset_id: Some(*asset_id),
            });
        }
        Ok(())
    }
}
