//! A file arrives: stored by content, inspected, and recorded as a new asset or a new version of
//! the asset whose code is the file's name without extension.

use futures_util::{StreamExt, stream};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use super::{
    db::{self, assets, renditions, upload_imports, versions},
    errors::{ServiceError, internal},
    media::{self, HEAD_BYTES, MediaInfo, inspect_head},
    state::AppState,
    storage::{Staged, Storage, StoredObject, UploadHandle, read_to_vec},
};
use crate::domain::{
    AppError, AssetId, FileName, ImportOutcome, Imported, Known, Locale, NameParts, Placement, UploadId, User, UserId,
    WebhookEvent, place,
};

mod target;

pub use target::Target;
use target::not_localizable;

/// What recording a file did.
#[derive(Clone, Copy, Debug)]
pub struct Recorded {
    pub asset_id: AssetId,
    pub outcome: ImportOutcome,
}

/// A staged file to record: its name, where it goes, the upload it came from for an import, and
/// what its head showed when that was looked at already.
pub struct Arrival {
    pub file_name: FileName,
    pub target: Target,
    pub staged: Staged,
    pub import: Option<UploadId>,
    pub media: Option<MediaInfo>,
}

/// Keeps content already staged (a resumable upload's) and records it: on failure no row, and no
/// file nothing else uses.
/// With `import`, the upload is marked imported in the same transaction, once.
///
/// # Errors
/// `Validation` when the name places the file nowhere, `Conflict` when the upload was imported
/// already, storage or database failures.
pub async fn ingest_staged(state: &AppState, user: &User, arrival: Arrival) -> Result<Recorded, ServiceError> {
    ingest_all(state, user, vec![arrival])
        .await
        .pop()
        .unwrap_or_else(|| Err(internal("ingest", "a file went unrecorded").into()))
}

/// Files kept at once while a batch is prepared.
const KEPT_AT_ONCE: usize = 4;

/// `ingest_staged` for several files: kept and inspected side by side, then recorded in one
/// transaction where each file is all or nothing on its own (a savepoint each), so a batch of
/// files costs one commit. Each file's outcome, in the order given; a database failure is every
/// file's (transient when another try may succeed).
pub async fn ingest_all(state: &AppState, user: &User, arrivals: Vec<Arrival>) -> Vec<Result<Recorded, ServiceError>> {
    // Held from keeping the files until they are recorded, so deleting another asset with the
    // same content cannot remove a file in between.
    let held = match state
        .file_locks
        .lock(arrivals.iter().map(|arrival| &arrival.staged.key))
        .await
    {
        Ok(held) => held,
        Err(error) => {
            let error = AppError::from(error);
            return arrivals.iter().map(|_| Err(error.clone().into())).collect();
        }
    };
    let kept: Vec<Result<Kept, AppError>> = stream::iter(arrivals)
        .map(|arrival| keep(state, arrival))
        .buffered(KEPT_AT_ONCE)
        .collect()
        .await;
    let ready: Vec<&Kept> = kept.iter().filter_map(|kept| kept.as_ref().ok()).collect();
    let mut recorded = match record(&state.db, user, &ready).await {
        Ok(recorded) => recorded
            .into_iter()
            .map(|outcome| outcome.map_err(ServiceError::Refused))
            .collect(),
        Err(failure) => every_files(failure, ready.len()),
    }
    .into_iter();
    let mut outcomes = Vec::with_capacity(kept.len());
    for kept in kept {
        let kept = match kept {
            Ok(kept) => kept,
            Err(error) => {
                outcomes.push(Err(error.into()));
                continue;
            }
        };
        let outcome = recorded
            .next()
            .unwrap_or_else(|| Err(internal("ingest", "a file went unrecorded").into()));
        if outcome.is_err() {
            unkeep(state, &kept.stored, kept.upload.as_ref()).await;
        }
        outcomes.push(outcome);
    }
    drop(held);
    if outcomes.iter().any(Result::is_ok) {
        state.jobs.notify();
    }
    outcomes
}

/// A failure of the whole batch, as each file's outcome. A refusal or a fault is the same error
/// for each; a transient failure is each file's to try again.
fn every_files(failure: ServiceError, files: usize) -> Vec<Result<Recorded, ServiceError>> {
    (0..files)
        .map(|_| {
            Err(match &failure {
                ServiceError::Refused(error) => ServiceError::Refused(error.clone()),
                ServiceError::Fault(error) => ServiceError::Fault(error.clone()),
                ServiceError::Transient(error) => ServiceError::Transient(sea_orm::DbErr::Custom(error.to_string())),
            })
        })
        .collect()
}

/// A file kept under its key, and what inspecting it found.
struct Kept {
    file_name: FileName,
    target: Target,
    import: Option<UploadId>,
    stored: StoredObject,
    upload: Option<UploadHandle>,
    info: MediaInfo,
}

async fn keep(state: &AppState, arrival: Arrival) -> Result<Kept, AppError> {
    let Arrival {
        file_name,
        target,
        staged,
        import,
        media,
    } = arrival;
    let upload = staged.upload.clone();
    let stored = state.storage.keep(staged).await?;
    let info = match media {
        Some(media) => media,
        None => match inspect_stored(state.storage.as_ref(), &stored).await {
            Ok(info) => info,
            Err(error) => {
                unkeep(state, &stored, upload.as_ref()).await;
                return Err(error);
            }
        },
    };
    Ok(Kept {
        file_name,
        target,
        import,
        stored,
        upload,
        info,
    })
}

/// Takes back a file kept for nothing: unless another asset uses the same content, it goes (an
/// upload's bytes stay the upload's, for another try).
async fn unkeep(state: &AppState, stored: &StoredObject, upload: Option<&UploadHandle>) {
    let key = &stored.key;
    if !assets::content_in_use(&state.db, key.as_str()).await.unwrap_or(true)
        && let Err(error) = state.storage.unkeep(key, upload).await
    {
        tracing::warn!("could not remove unrecorded upload {key}: {error}");
    }
}

async fn inspect_stored(storage: &dyn Storage, stored: &StoredObject) -> Result<MediaInfo, AppError> {
    let head_len = stored.size.min(HEAD_BYTES);
    let head_stream = storage.get(&stored.key, Some(0..head_len)).await?;
    let head = read_to_vec(head_stream, head_len as usize)
        .await
        .map_err(|e| internal("storage", e))?;
    inspect_head(head.into()).await
}

/// What recording a file wrote.
enum Write {
    /// A new version of this asset's main file.
    Version(AssetId),
    /// The file for this locale of this localizable asset.
    LocaleFile(AssetId, Locale),
    /// A new asset with this code; localizable, with the file for `locale` too, when given.
    NewAsset { code: String, locale: Option<Locale> },
}

impl Write {
    fn outcome(&self) -> ImportOutcome {
        match self {
            Write::Version(_) => ImportOutcome::NewVersion,
            Write::LocaleFile(..) => ImportOutcome::LocaleFile,
            Write::NewAsset { locale: None, .. } => ImportOutcome::NewAsset,
            Write::NewAsset { locale: Some(_), .. } => ImportOutcome::NewLocalizableAsset,
        }
    }
}

/// Where the file goes, by what the database holds now (`domain::place` decides), and how the
/// import's report says it.
async fn decide(
    txn: &impl ConnectionTrait,
    target: &Target,
    file_name: &FileName,
) -> Result<(Write, String), ServiceError> {
    let locales = match target {
        Target::Asset(id) => return Ok((Write::Version(*id), "New version".to_owned())),
        Target::AssetLocale(id, locale) => {
            return match assets::is_localizable(txn, *id).await? {
                Some(true) => Ok((Write::LocaleFile(*id, locale.clone()), format!("File for {locale}"))),
                Some(false) => Err(not_localizable().into()),
                None => Err(AppError::NotFound.into()),
            };
        }
        Target::ByCode => &[][..],
        Target::ByName { locales } => locales.as_slice(),
    };
    let parts = NameParts::of(file_name, locales);
    let mut codes = vec![parts.whole_code.as_str()];
    codes.extend(parts.localized.as_ref().map(|(code, _)| code.as_str()));
    let known = assets::known_codes(txn, &codes).await?;
    let placed = place(file_name, locales, |code| {
        known.get(code).map(|&(_, localizable)| Known { localizable })
    });
    let id_of = |code: &str| known.get(code).map(|&(id, _)| id);
    Ok(placed.and_then(|placement| {
        let detail = placement.to_string();
        let write = match placement {
            Placement::NewAsset { code } => Write::NewAsset { code, locale: None },
            Placement::NewLocalizableAsset { code, locale } => Write::NewAsset {
                code,
                locale: Some(locale),
            },
            Placement::NewVersion { code } => Write::Version(id_of(&code).ok_or(AppError::NotFound)?),
            Placement::LocaleFile { code, locale } => {
                Write::LocaleFile(id_of(&code).ok_or(AppError::NotFound)?, locale)
            }
        };
        Ok((write, detail))
    })?)
}

/// One transaction for all the files, a savepoint each: decide where the file goes, then add the
/// asset if new, and the version, and make it current; with `import`, mark that upload imported,
/// unless an earlier run did. A file refused rolls back its own savepoint only. Retried whole when
/// a concurrent upload took a code or a version number first, or held the write lock.
async fn record(
    db: &DatabaseConnection,
    user: &User,
    files: &[&Kept],
) -> Result<Vec<Result<Recorded, AppError>>, ServiceError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let items: Vec<Item> = files
        .iter()
        .map(|kept| Item {
            file: versions::VersionFile::uploaded(
                &kept.file_name,
                kept.stored.key.as_str(),
                kept.stored.size,
                &kept.info,
            ),
            renders: media::renders(&kept.info.mime),
            file_name: kept.file_name.clone(),
            target: kept.target.clone(),
            import: kept.import.clone(),
        })
        .collect();
    let user_id = user.id;
    db::retried(db, |txn| {
        let items = items.clone();
        Box::pin(async move {
            let mut recorded = Vec::with_capacity(items.len());
            for item in items {
                let savepoint = txn.begin().await?;
                match record_one(&savepoint, user_id, item).await {
                    Ok(done) => {
                        savepoint.commit().await?;
                        recorded.push(Ok(done));
                    }
                    Err(ServiceError::Refused(refusal)) => {
                        savepoint.rollback().await?;
                        recorded.push(Err(refusal));
                    }
                    Err(failure) => return Err(failure),
                }
            }
            Ok(recorded)
        })
    })
    .await
}

/// What recording one file needs, owned, for each try of the transaction.
#[derive(Clone)]
struct Item {
    file: versions::VersionFile,
    renders: bool,
    file_name: FileName,
    target: Target,
    import: Option<UploadId>,
}

async fn record_one(txn: &impl ConnectionTrait, user_id: UserId, item: Item) -> Result<Recorded, ServiceError> {
    let Item {
        file,
        renders,
        file_name,
        target,
        import,
    } = item;
    let (write, detail) = decide(txn, &target, &file_name).await?;
    if let Some(upload) = &import
        && !upload_imports::begin_import(txn, upload).await?
    {
        return Err(AppError::Conflict("This file was imported already.".into()).into());
    }
    let outcome = write.outcome();
    let is_new = matches!(write, Write::NewAsset { .. });
    let asset_id = match write {
        Write::Version(id) => {
            versions::add_current_version(txn, id, None, &file, user_id).await?;
            id
        }
        Write::LocaleFile(id, locale) => {
            versions::add_current_version(txn, id, Some(&locale), &file, user_id).await?;
            id
        }
        Write::NewAsset { code, locale } => {
            let new = assets::NewAsset {
                localizable: locale.is_some(),
                ..assets::NewAsset::uploaded(&code)
            };
            let id = assets::insert(txn, new, user_id).await?;
            versions::add_current_version(txn, id, None, &file, user_id).await?;
            if let Some(locale) = locale {
                versions::add_current_version(txn, id, Some(&locale), &file, user_id).await?;
            }
            id
        }
    };
    if renders {
        renditions::enqueue(txn, &file.content_key, &file.mime).await?;
    }
    let event = if is_new {
        WebhookEvent::AssetCreated
    } else {
        WebhookEvent::AssetVersionAdded
    };
    super::webhooks::announce_assets(txn, event, &[asset_id]).await?;
    if let Some(upload) = &import {
        let imported = Imported {
            outcome,
            detail,
            asset_id: Some(asset_id),
        };
        upload_imports::mark_imported(txn, upload, &imported).await?;
    }
    Ok(Recorded { asset_id, outcome })
}
