//! The Assets page's use cases, between the server functions and `db`: each takes the app's
//! state and the checked user, asks the rules in `domain`, and returns domain types.

use super::{db, db::assets::Revised, errors::ServiceError, state::AppState, webhooks};
use crate::domain::{
    AppError, Asset, AssetCard, AssetChanges, AssetFacets, AssetFilter, AssetId, AssetOverview, AssetPage,
    AssetSelection, AssetVersion, Cursor, Locale, ShareLinks, User, WebhookEvent, clone_codes, cloned_name, paths,
};

/// Why a save was refused because someone else saved first.
const STALE: &str =
    "This asset was changed by someone else since you opened it. Reload to see their changes, then save again.";
/// Why an asset with files for some locales may not stop being localizable.
const KEEPS_LOCALE_FILES: &str = "This asset has files of its own for some locales, so it stays localizable.";

/// Cards per page of the grid: a few screens' worth.
pub const GRID_PAGE_SIZE: usize = 48;
/// Cards the grid may refresh in one call.
const MAX_CARDS: usize = 200;

/// One page of at most `size` assets: those `filter` matches in its order, after the cursor
/// `after` (from the previous page). The grid's pages and the API's lists are these.
///
/// # Errors
/// `Validation` for a damaged cursor; database failures.
pub async fn page(
    state: &AppState,
    filter: &AssetFilter,
    after: Option<&str>,
    size: usize,
) -> Result<AssetPage, AppError> {
    let after = after.filter(|raw| !raw.is_empty()).map(Cursor::decode).transpose()?;
    let page = state.search.page(&state.db, filter, after.as_ref(), size).await?;
    Ok(AssetPage {
        cards: db::asset_cards::cards(&state.db, &page.ids).await?,
        next: page.next.map(|cursor| cursor.encode()),
    })
}

/// The Filters panel's counts for `filter`, and how many assets it matches.
///
/// # Errors
/// Database failures.
pub async fn facets(state: &AppState, filter: &AssetFilter) -> Result<AssetFacets, AppError> {
    state.search.counts(&state.db, filter).await
}

/// The assets a selection names, in the order of their ids: those ticked, or every asset its
/// filter matches.
///
/// # Errors
/// Database failures.
pub async fn selected(state: &AppState, selection: &AssetSelection) -> Result<Vec<AssetId>, AppError> {
    match selection {
        AssetSelection::Picked(ids) => {
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            Ok(ids)
        }
        AssetSelection::Matching(filter) => state.search.ids(&state.db, filter).await,
    }
}

/// The current cards of these assets.
///
/// # Errors
/// `Validation` for too many at once; database failures.
pub async fn cards(state: &AppState, ids: &[AssetId]) -> Result<Vec<AssetCard>, AppError> {
    if ids.len() > MAX_CARDS {
        return Err(AppError::Validation(format!(
            "Ask for at most {MAX_CARDS} cards at a time."
        )));
    }
    Ok(db::asset_cards::cards(&state.db, ids).await?)
}

/// One asset with its current file for `locale` (its own, or else the main file).
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get(state: &AppState, id: AssetId, locale: Option<&Locale>) -> Result<Asset, AppError> {
    db::assets::load_for(&state.db, id, locale)
        .await?
        .ok_or(AppError::NotFound)
}

/// The asset whose code is `code`.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn by_code(state: &AppState, code: &str) -> Result<Asset, AppError> {
    let known = db::assets::known_codes(&state.db, &[code]).await?;
    let (id, _) = known.get(code).ok_or(AppError::NotFound)?;
    get(state, *id, None).await
}

/// The ids of the assets with these codes, in their order.
///
/// # Errors
/// `Validation` naming a code no asset has; database failures.
pub async fn ids_of(state: &AppState, codes: &[String]) -> Result<Vec<AssetId>, AppError> {
    let wanted: Vec<&str> = codes.iter().map(String::as_str).collect();
    let known = db::assets::known_codes(&state.db, &wanted).await?;
    codes
        .iter()
        .map(|code| {
            known
                .get(code.as_str())
                .map(|(id, _)| *id)
                .ok_or_else(|| AppError::Validation(format!("No asset has the code \u{201c}{code}\u{201d}.")))
        })
        .collect()
}

/// Every version of an asset's main file, or of its own file for `locale`, newest first.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn versions(state: &AppState, id: AssetId, locale: Option<&Locale>) -> Result<Vec<AssetVersion>, AppError> {
    versions_of(state, id, locale).await
}

/// The versions of a locale's own file: none when it has none yet (the main file stands in).
/// An asset's main file always has one, so none there is no such asset.
async fn versions_of(state: &AppState, id: AssetId, locale: Option<&Locale>) -> Result<Vec<AssetVersion>, AppError> {
    let versions = db::versions::list(&state.db, id, locale).await?;
    if versions.is_empty() {
        if locale.is_none() {
            return Err(AppError::NotFound);
        }
        db::assets::current_file(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    Ok(versions)
}

/// An asset with its file for `locale`, that file's versions (newest first), its products and
/// its categories.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn details(state: &AppState, id: AssetId, locale: Option<&Locale>) -> Result<AssetOverview, AppError> {
    let asset = db::assets::load_for(&state.db, id, locale)
        .await?
        .ok_or(AppError::NotFound)?;
    let locales = if asset.localizable {
        db::locales::all(&state.db).await?
    } else {
        Vec::new()
    };
    Ok(AssetOverview {
        locales,
        asset,
        versions: versions_of(state, id, locale).await?,
        products: db::products::linked_to(&state.db, id).await?,
        categories: db::category_links::paths(&state.db, db::category_links::Member::Asset(id)).await?,
    })
}

/// Saves a manager's changes, unless someone saved since `revision`.
///
/// # Errors
/// `Validation`, `Conflict`, `NotFound`; database failures.
pub async fn update(state: &AppState, id: AssetId, revision: i64, changes: &AssetChanges) -> Result<Asset, AppError> {
    db::retried(&state.db, |txn| {
        let changes = changes.clone();
        Box::pin(async move {
            match db::assets::update(txn, id, revision, &changes).await? {
                Revised::Saved => {}
                Revised::Stale => return Err(AppError::Stale(STALE.into()).into()),
                Revised::Missing => return Err(AppError::NotFound.into()),
            }
            if !changes.localizable && !db::assets::locale_files_of(txn, id).await?.is_empty() {
                return Err(AppError::Conflict(KEEPS_LOCALE_FILES.into()).into());
            }
            webhooks::announce_assets(txn, WebhookEvent::AssetUpdated, &[id]).await?;
            Ok::<_, ServiceError>(())
        })
    })
    .await?;
    state.jobs.notify();
    db::assets::load(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// A copy of the asset: the same current file (stored once), description, labels and
/// availability, named "… (Cloned)" under the first free code after the original's, added by
/// `user` now. No links come along.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn clone(state: &AppState, id: AssetId, user: &User) -> Result<Asset, AppError> {
    let original = db::assets::load(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let file = db::assets::current_file(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let added_by = user.id;
    let clone = db::retried(&state.db, |txn| {
        let (original, file) = (original.clone(), file.clone());
        Box::pin(async move {
            let mut codes = clone_codes(&original.code);
            let code = loop {
                let candidate = codes.next().expect("clone codes never run out");
                if db::assets::find_id_by_code(txn, &candidate).await?.is_none() {
                    break candidate;
                }
            };
            let copy = db::assets::NewAsset {
                code,
                name: cloned_name(&original.name),
                description: original.description,
                availability: original.availability,
                localizable: original.localizable,
            };
            let clone = db::assets::insert(txn, copy, added_by).await?;
            db::asset_labels::add_labels(txn, clone, &original.labels).await?;
            db::versions::add_current_version(txn, clone, None, &file, added_by).await?;
            webhooks::announce_assets(txn, WebhookEvent::AssetCreated, &[clone]).await?;
            Ok::<_, sea_orm::DbErr>(clone)
        })
    })
    .await?;
    state.jobs.notify();
    db::assets::load(&state.db, clone).await?.ok_or(AppError::NotFound)
}

/// Copies version `number` of the main file, or of the file for `locale`, into a new current
/// version of that file, added by `user`.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn restore(
    state: &AppState,
    id: AssetId,
    locale: Option<&Locale>,
    number: u32,
    user: &User,
) -> Result<Asset, AppError> {
    // The stored file is shared; only the number is new, so another version taking it meanwhile
    // makes the unit of work try again.
    let file = db::versions::file(&state.db, id, locale, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let added_by = user.id;
    db::retried(&state.db, |txn| {
        let (file, locale) = (file.clone(), locale.cloned());
        Box::pin(async move {
            db::versions::add_current_version(txn, id, locale.as_ref(), &file, added_by).await?;
            webhooks::announce_assets(txn, WebhookEvent::AssetVersionAdded, &[id]).await
        })
    })
    .await?;
    state.jobs.notify();
    db::assets::load_for(&state.db, id, locale)
        .await?
        .ok_or(AppError::NotFound)
}

/// The public link (this version, for ever) and the static link (always the current version)
/// of a published asset, on the configured public URL or else on `host`, the one the request
/// named.
///
/// # Errors
/// `Conflict` when the asset is not published; `Validation` with neither a public URL nor a host;
/// `NotFound`; database failures.
pub async fn share_links(
    state: &AppState,
    id: AssetId,
    locale: Option<&Locale>,
    host: Option<String>,
) -> Result<ShareLinks, AppError> {
    let asset = db::assets::load_for(&state.db, id, locale)
        .await?
        .ok_or(AppError::NotFound)?;
    if !asset.publication.is_published() {
        return Err(AppError::Conflict(format!(
            "Only published assets have links that work without signing in; this one is {}.",
            asset.publication
        )));
    }
    let (pinned, current) = db::links::tokens(&state.db, id, locale)
        .await?
        .ok_or(AppError::NotFound)?;
    let name: String = form_urlencoded::byte_serialize(asset.current.file_name.as_str().as_bytes()).collect();
    let base = match &state.config.public_url {
        Some(url) => url.clone(),
        None => format!(
            "http://{}",
            host.ok_or_else(|| AppError::Validation("The request names no host; set public-url.".into()))?
        ),
    };
    Ok(ShareLinks {
        public: paths::public_link(&base, &pinned, &name),
        static_link: paths::static_link(&base, &current, &name, locale.map(Locale::as_str)),
    })
}
