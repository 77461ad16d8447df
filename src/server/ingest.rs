//! A file arrives: stored by content, inspected, and recorded as a new asset or a new version of
//! the asset whose code is the file's name without extension.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

use super::{
    db::{self, assets, renditions, uploads, versions},
    errors::internal,
    media::{self, HEAD_BYTES, MediaInfo, inspect},
    state::AppState,
    storage::{ByteStream, Staged, Storage, StorageError, StoredObject, read_to_vec},
};
use crate::domain::{
    AppError, Asset, AssetId, FileName, ImportOutcome, Imported, Known, Locale, NameParts, Placement, UploadId, User,
    place,
};

/// Which asset a file is for.
#[derive(Clone, Debug)]
pub enum Target {
    /// The asset whose code is the file name without extension, new if there is none.
    ByCode,
    /// A new version of this asset, whatever the file is called.
    Asset(AssetId),
    /// A new version of this localizable asset's file for this locale, whatever it is called.
    AssetLocale(AssetId, Locale),
    /// Where a mass upload's file goes by its name, given the locales in use (`domain::place`).
    ByName { locales: Vec<Locale> },
}

fn not_localizable() -> AppError {
    AppError::Validation("This asset is not localizable: tick Localizable in its Details first.".into())
}

/// What recording a file did.
#[derive(Clone, Copy, Debug)]
pub struct Recorded {
    pub asset_id: AssetId,
    pub outcome: ImportOutcome,
}

impl Target {
    /// Refuses an asset that is not there, before a byte is stored for it.
    ///
    /// # Errors
    /// `NotFound`, database failures.
    pub async fn check(&self, db: &DatabaseConnection) -> Result<(), AppError> {
        match self {
            Target::Asset(id) => {
                assets::current_file(db, *id).await?;
            }
            // Refused before its bytes are kept: a refusal after keeping would cost an S3 upload
            // its completed blob.
            Target::AssetLocale(id, _) if !assets::is_localizable(db, *id).await?.ok_or(AppError::NotFound)? => {
                return Err(not_localizable());
            }
            Target::AssetLocale(..) | Target::ByCode | Target::ByName { .. } => {}
        }
        Ok(())
    }
}

/// Stores `body` (of `length` bytes, when the sender said) as the file `file_name` uploaded by
/// `user`. On any failure nothing of it remains:
/// no row, and no stored file unless another version already used the same content.
///
/// # Errors
/// `PayloadTooLarge` past the upload limit, `Validation` when the upload broke off, and
/// storage or database failures.
pub async fn ingest(
    state: &AppState,
    user: &User,
    file_name: FileName,
    target: Target,
    body: ByteStream,
    length: Option<u64>,
) -> Result<Asset, AppError> {
    target.check(&state.db).await?;
    let limit = state.config.max_upload_bytes;
    let staged = state
        .storage
        .stage(body, limit, length)
        .await
        .map_err(|error| match error {
            StorageError::TooLarge { limit } => AppError::file_too_large(file_name.as_str(), None, limit),
            other => other.into(),
        })?;
    let recorded = ingest_staged(state, user, &file_name, &target, staged, None).await?;
    assets::load(&state.db, recorded.asset_id).await
}

/// Keeps content already staged (`stage`d from a body, or a resumable upload's) and records it
/// as `ingest` does, with the same promise: on failure no row, and no file nothing else uses.
/// With `import`, the upload is marked imported in the same transaction, once.
///
/// # Errors
/// `Validation` when the name places the file nowhere, `Conflict` when the upload was imported
/// already, storage or database failures.
pub async fn ingest_staged(
    state: &AppState,
    user: &User,
    file_name: &FileName,
    target: &Target,
    staged: Staged,
    import: Option<&UploadId>,
) -> Result<Recorded, AppError> {
    // Held from keeping the file until it is recorded, so deleting another asset with the same
    // content cannot remove the file in between.
    let held = state.file_locks.lock([&staged.key]).await?;
    let upload = staged.upload.clone();
    let stored = state.storage.keep(staged).await?;
    let recorded = async {
        let info = inspect_stored(state.storage.as_ref(), &stored).await?;
        record(&state.db, user, file_name, target, &stored, &info, import).await
    }
    .await;
    if recorded.is_err()
        && !assets::content_in_use(&state.db, stored.key.as_str())
            .await
            .unwrap_or(true)
        && let Err(error) = state.storage.unkeep(&stored.key, upload.as_ref()).await
    {
        tracing::warn!("could not remove unrecorded upload {}: {error}", stored.key);
    }
    drop(held);
    if recorded.is_ok() {
        state.jobs.notify();
    }
    recorded
}

async fn inspect_stored(storage: &dyn Storage, stored: &StoredObject) -> Result<MediaInfo, AppError> {
    let head_len = stored.size.min(HEAD_BYTES);
    let head_stream = storage.get(&stored.key, Some(0..head_len)).await?;
    let head = read_to_vec(head_stream, head_len as usize)
        .await
        .map_err(|e| internal("storage", e))?;
    tokio::task::spawn_blocking(move || inspect(&head))
        .await
        .map_err(|e| internal("inspect", e))
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
            Write::NewAsset { .. } => ImportOutcome::NewAsset,
        }
    }
}

/// Where the file goes, by what the database holds now (`domain::place` decides), and how the
/// import's report says it.
async fn decide(
    txn: &impl ConnectionTrait,
    target: &Target,
    file_name: &FileName,
) -> Result<Result<(Write, String), AppError>, DbErr> {
    let locales = match target {
        Target::Asset(id) => return Ok(Ok((Write::Version(*id), "New version".to_owned()))),
        Target::AssetLocale(id, locale) => {
            return Ok(match assets::is_localizable(txn, *id).await? {
                Some(true) => Ok((Write::LocaleFile(*id, locale.clone()), format!("File for {locale}"))),
                Some(false) => Err(not_localizable()),
                None => Err(AppError::NotFound),
            });
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
    }))
}

/// One transaction: decide where the file goes, then add the asset if new, and the version, and
/// make it current; with `import`, mark that upload imported, unless an earlier run did. Retried
/// when a concurrent upload took the code or the version number first, or held the write lock.
async fn record(
    db: &DatabaseConnection,
    user: &User,
    file_name: &FileName,
    target: &Target,
    stored: &StoredObject,
    info: &MediaInfo,
    import: Option<&UploadId>,
) -> Result<Recorded, AppError> {
    let file = versions::VersionFile::uploaded(file_name, stored, info);
    let (user_id, renders) = (user.id, media::renders(&info.mime));
    db::retried(db, |txn| {
        let (file, target, file_name, import) = (file.clone(), target.clone(), file_name.clone(), import.cloned());
        Box::pin(async move {
            let (write, detail) = match decide(txn, &target, &file_name).await? {
                Ok(decided) => decided,
                Err(refused) => return Ok(Err(refused)),
            };
            if let Some(upload) = &import
                && !uploads::begin_import(txn, upload).await?
            {
                return Ok(Err(AppError::Conflict("This file was imported already.".into())));
            }
            let outcome = write.outcome();
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
            if let Some(upload) = &import {
                let imported = Imported {
                    outcome,
                    detail,
                    asset_id: Some(asset_id),
                };
                uploads::mark_imported(txn, upload, &imported).await?;
            }
            Ok(Ok(Recorded { asset_id, outcome }))
        })
    })
    .await?
}
