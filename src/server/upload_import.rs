//! Importing a user's uploads, as a job: each file is placed by its name (`domain::place`),
//! checked against the rest of the batch and against the current files, then recorded all or
//! nothing (`ingest`), and the upload marked with what became of it in the same transaction,
//! so a job resumed after a crash does nothing twice. The marks are the report.

use std::collections::HashMap;

use super::{
    db::{self, uploads::StoredUpload},
    ingest::{self, Target},
    jobs::JobKind,
    state::AppState,
    uploads,
};
use crate::domain::{
    AppError, AssetId, FileName, ImportOutcome, Imported, Known, Locale, NameParts, Placement, UploadId, UploadImport,
    User, place,
};

/// Starts importing these uploads of the user's, or all theirs that are waiting when `only` is
/// empty. The import's id.
///
/// # Errors
/// `Validation` when no upload with every byte in is waiting; database failures.
pub async fn start(state: &AppState, user: &User, only: &[UploadId]) -> Result<i64, AppError> {
    let only = (!only.is_empty()).then_some(only);
    let Some(id) = db::uploads::start_import(&state.db, user.id, only).await? else {
        return Err(AppError::Validation(
            "No uploaded file is waiting to be imported: upload some first.".into(),
        ));
    };
    queue(state, id).await?;
    Ok(id)
}

/// Tries the import's failed files again, as they are named now.
///
/// # Errors
/// `NotFound` unless the user has this import; `Validation` when none failed.
pub async fn retry_failed(state: &AppState, user: &User, id: i64) -> Result<UploadImport, AppError> {
    report(state, user, id).await?;
    if db::uploads::reset_failed(&state.db, id).await? == 0 {
        return Err(AppError::Validation("No file of this import failed.".into()));
    }
    db::uploads::set_import_finished(&state.db, id, false).await?;
    queue(state, id).await?;
    report(state, user, id).await
}

async fn queue(state: &AppState, id: i64) -> Result<(), AppError> {
    db::jobs::enqueue(&state.db, &JobKind::UploadImport { import_id: id }, db::now_millis()).await?;
    state.jobs.notify();
    Ok(())
}

/// Where the user's import stands, file by file.
///
/// # Errors
/// `NotFound` unless the user has this import.
pub async fn report(state: &AppState, user: &User, id: i64) -> Result<UploadImport, AppError> {
    let (_, finished, files) = db::uploads::import_of(&state.db, Some(user.id), id)
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
    let Some((user_id, _, files)) = db::uploads::import_of(&state.db, None, id).await? else {
        return Ok(());
    };
    let Some(user) = db::users::find(&state.db, user_id).await? else {
        return Ok(());
    };
    let locales = db::locales::all(&state.db).await?;
    let plan = Plan::of(&state.db, &files, &locales).await?;
    for file in files.iter().filter(|file| file.upload.imported.is_none()) {
        let outcome = match plan.check(&state.db, file).await? {
            Ok(()) => import_one(state, &user, file, &locales).await?,
            Err(refused) => Some(refused),
        };
        if let Some(imported) = outcome {
            db::uploads::mark_imported(&state.db, &file.upload.id, &imported).await?;
        }
    }
    db::uploads::set_import_finished(&state.db, id, true).await?;
    Ok(())
}

/// Records one file; `None` when it was (the outcome was marked in the same transaction), else
/// why it failed.
async fn import_one(
    state: &AppState,
    user: &User,
    file: &StoredUpload,
    locales: &[Locale],
) -> Result<Option<Imported>, AppError> {
    let recorded = async {
        let name = FileName::parse(&file.upload.file_name)?;
        let staged = uploads::staged(state, file).await?;
        let target = Target::ByName {
            locales: locales.to_vec(),
        };
        ingest::ingest_staged(state, user, &name, &target, staged, Some(&file.upload.id)).await
    }
    .await;
    match recorded {
        Ok(_) => {
            if let Err(error) = state.storage.remove_upload(&file.handle).await {
                tracing::warn!("could not remove the imported upload {}: {error}", file.upload.id.0);
            }
            Ok(None)
        }
        // The database is away: the job tries again later, from this file on.
        Err(AppError::Internal { code }) if code == "database" => Err(AppError::Internal { code }),
        Err(error) => Ok(Some(failed(error.to_string()))),
    }
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
    /// The file names of each code and locale that more than one file is for.
    clashes: HashMap<(String, Option<Locale>), Vec<String>>,
    ids: HashMap<String, AssetId>,
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
        let mut codes: Vec<String> = Vec::new();
        for name in names.iter().filter_map(|(_, name)| name.as_ref().ok()) {
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
        let mut targets: HashMap<(String, Option<Locale>), Vec<String>> = HashMap::new();
        for file in files {
            if let Some(Ok(placement)) = placed.get(&file.upload.id) {
                let (code, locale) = placement.target();
                targets
                    .entry((code.to_owned(), locale.cloned()))
                    .or_default()
                    .push(file.upload.file_name.clone());
            }
        }
        targets.retain(|_, names| names.len() > 1);
        Ok(Plan {
            placed,
            clashes: targets,
            ids: known.into_iter().map(|(code, (id, _))| (code, id)).collect(),
        })
    }

    /// Whether the file may be recorded: its name places it, no other file of the batch is for
    /// the same code and locale, and its bytes differ from the current file's.
    async fn check(
        &self,
        db: &sea_orm::DatabaseConnection,
        file: &StoredUpload,
    ) -> Result<Result<(), Imported>, AppError> {
        let placement = match self.placed.get(&file.upload.id) {
            Some(Ok(placement)) => placement,
            Some(Err(error)) => return Ok(Err(failed(error.to_string()))),
            None => return Ok(Err(failed("The file was not part of the import.".into()))),
        };
        let (code, locale) = placement.target();
        if let Some(names) = self.clashes.get(&(code.to_owned(), locale.cloned())) {
            let others: Vec<&str> = names
                .iter()
                .map(String::as_str)
                .filter(|name| *name != file.upload.file_name)
                .collect();
            let what = locale.map_or_else(
                || format!("\u{ab}{code}\u{bb}"),
                |l| format!("{l} of \u{ab}{code}\u{bb}"),
            );
            return Ok(Err(failed(format!(
                "{} and {} are both for {what}: keep one of them.",
                file.upload.file_name,
                others.join(", ")
            ))));
        }
        let existing = match placement {
            Placement::NewVersion { code } | Placement::LocaleFile { code, .. } => self.ids.get(code).copied(),
            Placement::NewAsset { .. } | Placement::NewLocalizableAsset { .. } => None,
        };
        if let Some(asset_id) = existing {
            let current = db::versions::current_key(db, asset_id, locale).await?;
            if current.is_some() && current == file.content_key {
                return Ok(Err(Imported {
                    outcome: ImportOutcome::Skipped,
                    detail: "Identical to the current version.".into(),
                    asset_id: Some(asset_id),
                }));
            }
        }
        Ok(Ok(()))
    }
}
