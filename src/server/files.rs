//! The files people fetch, each found for whoever may have it: an asset's current file or one of
//! its versions (signed in), a rendition, what a published link opens (anyone, while the asset is
//! published), and the selected assets' files for a ZIP.

use super::{
    db::{self, versions::VersionFile},
    state::AppState,
};

pub use super::db::asset_selection::SelectedFile;
use crate::domain::{AppError, AssetId, Locale, RenditionKind};

/// A stored file and the name it goes out under.
pub struct FileToSend {
    pub key: String,
    pub file_name: String,
    pub mime: String,
    pub size: u64,
}

impl From<VersionFile> for FileToSend {
    /// A version's file, under the name it was uploaded with.
    fn from(version: VersionFile) -> Self {
        FileToSend {
            key: version.content_key,
            file_name: version.file_name,
            mime: version.mime,
            size: version.size as u64,
        }
    }
}

/// The asset's current file for `locale`: its own, or else the main file.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn current(state: &AppState, asset: AssetId, locale: Option<&Locale>) -> Result<FileToSend, AppError> {
    Ok(db::assets::current_file_for(&state.db, asset, locale)
        .await?
        .ok_or(AppError::NotFound)?
        .into())
}

/// Version `number` of the asset's file for `locale`.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn version(
    state: &AppState,
    asset: AssetId,
    locale: Option<&Locale>,
    number: u32,
) -> Result<FileToSend, AppError> {
    Ok(db::versions::file(&state.db, asset, locale, number)
        .await?
        .ok_or(AppError::NotFound)?
        .into())
}

/// The stored rendition of a file, named `<stem>-<kind>.jpg`, or `<kind>.jpg` without a stem.
///
/// # Errors
/// `NotFound` when it was not made (yet); database failures.
pub async fn rendition(
    state: &AppState,
    content_key: &str,
    kind: RenditionKind,
    stem: Option<&str>,
) -> Result<FileToSend, AppError> {
    let (key, size) = db::renditions::find(&state.db, content_key, kind)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(FileToSend {
        key,
        file_name: stem.map_or_else(|| format!("{kind}.jpg"), |stem| format!("{stem}-{kind}.jpg")),
        mime: "image/jpeg".to_owned(),
        size: size as u64,
    })
}

/// The rendition of the asset's current file for `locale`, named after that file.
///
/// # Errors
/// `NotFound` when there is no such asset or the rendition was not made (yet); database failures.
pub async fn current_rendition(
    state: &AppState,
    asset: AssetId,
    locale: Option<&Locale>,
    kind: RenditionKind,
) -> Result<FileToSend, AppError> {
    let file = current(state, asset, locale).await?;
    rendition_named_after(state, &file.key, &file.file_name, kind).await
}

/// The rendition of a stored file, named after `file_name` without its extension.
async fn rendition_named_after(
    state: &AppState,
    content_key: &str,
    file_name: &str,
    kind: RenditionKind,
) -> Result<FileToSend, AppError> {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem);
    rendition(state, content_key, kind, Some(stem)).await
}

/// The two kinds of link that work without signing in.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    /// A public link: the version that was current when it was copied, for ever.
    Pinned,
    /// A static link: whatever version is current now.
    Following,
}

/// What a link opens while its asset is published: the version's file, or its `rendition`
/// (named after the file). Anything else is `NotFound`, so a link says nothing about assets that
/// are not published.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn published(
    state: &AppState,
    link: Link,
    token: &str,
    locale: Option<&Locale>,
    rendition: Option<RenditionKind>,
) -> Result<FileToSend, AppError> {
    let published = match link {
        Link::Pinned => db::links::pinned(&state.db, token).await?,
        Link::Following => db::links::current(&state.db, token, locale).await?,
    };
    let version = published.ok_or(AppError::NotFound)?.file;
    match rendition {
        None => Ok(version.into()),
        Some(kind) => rendition_named_after(state, &version.content_key, &version.file_name, kind).await,
    }
}

/// The current files of these assets, those that have one.
///
/// # Errors
/// Database failures.
pub async fn of_assets(state: &AppState, assets: &[AssetId]) -> Result<Vec<SelectedFile>, AppError> {
    Ok(db::asset_selection::files(&state.db, assets).await?)
}
