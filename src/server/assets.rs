//! The Assets page's use cases, between the server functions and `db`: each takes the app's
//! state and the checked user, asks the rules in `domain`, and returns domain types.

use super::{context, db, state::AppState};
use crate::domain::{
    AppError, Asset, AssetCard, AssetChanges, AssetFacets, AssetFilter, AssetId, AssetOverview, AssetPage,
    AssetVersion, Cursor, ShareLinks, User,
};

/// Cards per page of the grid: a few screens' worth.
const PAGE_SIZE: u64 = 48;
/// Cards the grid may refresh in one call.
const MAX_CARDS: usize = 200;

/// One page of the grid: the assets `filter` matches in its order, after the cursor `after` (from
/// the previous page).
///
/// # Errors
/// `Validation` for a damaged cursor; database failures.
pub async fn page(state: &AppState, filter: &AssetFilter, after: Option<&str>) -> Result<AssetPage, AppError> {
    let after = after.filter(|raw| !raw.is_empty()).map(Cursor::decode).transpose()?;
    db::asset_list::page(&state.db, filter, after, PAGE_SIZE).await
}

/// The Filters panel's counts for `filter`, and how many assets it matches.
///
/// # Errors
/// Database failures.
pub async fn facets(state: &AppState, filter: &AssetFilter) -> Result<AssetFacets, AppError> {
    db::asset_facets::facets(&state.db, filter).await
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
    db::asset_list::cards(&state.db, ids).await
}

/// One asset with its current file.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get(state: &AppState, id: AssetId) -> Result<Asset, AppError> {
    db::assets::load(&state.db, id).await
}

/// Every version of an asset, newest first.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn versions(state: &AppState, id: AssetId) -> Result<Vec<AssetVersion>, AppError> {
    db::versions::list(&state.db, id, None).await
}

/// An asset, all its versions (newest first), its products and its categories.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn details(state: &AppState, id: AssetId) -> Result<AssetOverview, AppError> {
    Ok(AssetOverview {
        asset: db::assets::load(&state.db, id).await?,
        versions: db::versions::list(&state.db, id, None).await?,
        products: db::products::linked_to(&state.db, id).await?,
        categories: db::category_links::paths(&state.db, db::category_links::Member::Asset(id)).await?,
    })
}

/// Saves a manager's changes, unless someone saved since `revision`.
///
/// # Errors
/// `Validation`, `Conflict`, `NotFound`; database failures.
pub async fn update(state: &AppState, id: AssetId, revision: i64, changes: &AssetChanges) -> Result<Asset, AppError> {
    db::assets::update(&state.db, id, revision, changes).await?;
    db::assets::load(&state.db, id).await
}

/// A copy of the asset named "… (Cloned)", sharing its current file, added by `user` now.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn clone(state: &AppState, id: AssetId, user: &User) -> Result<Asset, AppError> {
    let clone = db::clones::clone(&state.db, id, user.id).await?;
    db::assets::load(&state.db, clone).await
}

/// Copies version `number` into a new current version added by `user`.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn restore(state: &AppState, id: AssetId, number: u32, user: &User) -> Result<Asset, AppError> {
    db::versions::restore(&state.db, id, None, number, user.id).await?;
    db::assets::load(&state.db, id).await
}

/// The public link (this version, for ever) and the static link (always the current version)
/// of a published asset.
///
/// # Errors
/// `Conflict` when the asset is not published; `NotFound`; database failures.
pub async fn share_links(state: &AppState, id: AssetId) -> Result<ShareLinks, AppError> {
    let asset = db::assets::load(&state.db, id).await?;
    if !asset.publication.is_published() {
        return Err(AppError::Conflict(format!(
            "Only published assets have links that work without signing in; this one is {}.",
            asset.publication
        )));
    }
    let (pinned, current) = db::links::tokens(&state.db, id).await?;
    let name: String = form_urlencoded::byte_serialize(asset.current.file_name.as_str().as_bytes()).collect();
    let base = match &state.config.public_url {
        Some(url) => url.clone(),
        None => format!("http://{}", context::host().await?),
    };
    Ok(ShareLinks {
        public: format!("{base}/public/{pinned}/{name}"),
        static_link: format!("{base}/static/{current}/{name}"),
    })
}
