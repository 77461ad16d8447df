//! The products' use cases, between the server functions and `db`: products as a PIM keeps them,
//! and the links that make assets illustrate them.

use super::{
    db,
    errors::{ServiceError, taken_or_failed},
    links,
    state::AppState,
    webhooks,
};
use crate::domain::{
    AppError, AssetId, Lines, LinkChanges, MAX_LINK_CHANGES, Product, ProductFields, ProductId, ProductOverview,
    ProductPage, ProductSearch, ProductStatus, check_typed,
};

/// Products per page of a list.
const PAGE_SIZE: u64 = 50;

/// One page of the products `search` matches, by number, after the number `after`; `asset` is
/// the one Select products opened from, whose links `search.linked` is about.
///
/// # Errors
/// Database failures.
pub async fn page(
    state: &AppState,
    search: &ProductSearch,
    asset: Option<AssetId>,
    after: Option<&str>,
) -> Result<ProductPage, AppError> {
    let after = after.filter(|after| !after.is_empty());
    if let Some(after) = after {
        check_typed("A page link", after, Lines::One)?;
    }
    let search = with_subcategories(state, search).await?;
    Ok(db::products::page(&state.db, &search, asset, after, PAGE_SIZE).await?)
}

/// The search with its categories' subcategories added: a category includes them.
async fn with_subcategories(state: &AppState, search: &ProductSearch) -> Result<ProductSearch, AppError> {
    let mut search = search.clone();
    let below = db::catalogs::with_descendants(&state.db, &search.categories).await?;
    // Unknown categories stay as they are: they match no product, rather than dropping the filter.
    if !below.is_empty() {
        search.categories = below;
    }
    Ok(search)
}

/// Every product `search` matches, for Select all matching: at most as many as one Save may
/// change.
///
/// # Errors
/// `Validation` when more match; database failures.
pub async fn all_matching(
    state: &AppState,
    search: &ProductSearch,
    asset: Option<AssetId>,
) -> Result<Vec<Product>, AppError> {
    let limit = MAX_LINK_CHANGES as u64;
    let search = with_subcategories(state, search).await?;
    db::products::all_matching(&state.db, &search, asset, limit)
        .await?
        .ok_or_else(|| {
            AppError::Validation(format!(
                "More than {limit} products match; narrow the search to select them all."
            ))
        })
}

/// Creates a product (`id` none) or changes one; new products start as Draft.
///
/// # Errors
/// `Conflict` for a number that is taken, `NotFound`; database failures.
pub async fn save(state: &AppState, id: Option<ProductId>, fields: &ProductFields) -> Result<Product, AppError> {
    let number_taken = || {
        AppError::Conflict(format!(
            "Another product has the number \u{201c}{}\u{201d}.",
            fields.number
        ))
    };
    let id = match id {
        Some(id) => {
            let found = db::products::update(&state.db, id, fields)
                .await
                .map_err(|error| taken_or_failed(error, number_taken))?;
            if !found {
                return Err(AppError::NotFound);
            }
            id
        }
        None => db::products::insert(&state.db, fields, ProductStatus::Draft)
            .await
            .map_err(|error| taken_or_failed(error, number_taken))?,
    };
    db::products::load(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// The product with this number.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn numbered(state: &AppState, number: &str) -> Result<ProductId, AppError> {
    db::products::numbered(&state.db, number)
        .await?
        .ok_or(AppError::NotFound)
}

/// Creates the product with `fields.number`, or changes the one that has it, as a PIM's import
/// does. The product, and whether it is new.
///
/// # Errors
/// As `save`.
pub async fn save_by_number(state: &AppState, fields: &ProductFields) -> Result<(Product, bool), AppError> {
    let id = db::products::numbered(&state.db, &fields.number).await?;
    Ok((save(state, id, fields).await?, id.is_none()))
}

/// Links these assets to the product (each at the end of its assets) and unlinks those, in one
/// unit of work: all of it or, on a refusal, none.
///
/// # Errors
/// `NotFound`, `Validation` past `MAX_LINK_CHANGES`; database failures.
pub async fn change_assets(
    state: &AppState,
    id: ProductId,
    changes: &LinkChanges<AssetId>,
) -> Result<ProductOverview, AppError> {
    let count = changes.assign.len() + changes.unassign.len();
    if count > MAX_LINK_CHANGES {
        return Err(AppError::Validation(format!(
            "At most {MAX_LINK_CHANGES} links change at once, not {count}."
        )));
    }
    db::retried(&state.db, |txn| {
        let changes = changes.clone();
        Box::pin(async move {
            if db::product_links::first_unknown(txn, &[id]).await?.is_some() {
                return Err(AppError::NotFound.into());
            }
            let link = |assign: bool| LinkChanges {
                assign: if assign { vec![id] } else { Vec::new() },
                unassign: if assign { Vec::new() } else { vec![id] },
            };
            for asset in &changes.assign {
                links::relink(txn, *asset, &link(true)).await?;
            }
            for asset in &changes.unassign {
                links::relink(txn, *asset, &link(false)).await?;
            }
            webhooks::announce_products(txn, &[id]).await?;
            Ok::<_, ServiceError>(())
        })
    })
    .await?;
    state.jobs.notify();
    overview(state, id).await
}

/// Puts the product's assets in this order (the first is the main image).
///
/// # Errors
/// `NotFound`; `Validation` unless `order` names each of its assets once; database failures.
pub async fn reorder_assets(state: &AppState, id: ProductId, order: &[AssetId]) -> Result<ProductOverview, AppError> {
    db::retried(&state.db, |txn| {
        let order = order.to_vec();
        Box::pin(async move {
            if db::product_links::first_unknown(txn, &[id]).await?.is_some() {
                return Err(AppError::NotFound.into());
            }
            let (mut now, mut wanted) = (db::product_links::assets_of(txn, id).await?, order.clone());
            now.sort_unstable();
            wanted.sort_unstable();
            if now != wanted {
                return Err(AppError::Validation(format!(
                    "The order names each of the product's {} assets once; it names {} assets.",
                    now.len(),
                    order.len()
                ))
                .into());
            }
            db::product_links::set_positions(txn, id, &order).await?;
            webhooks::announce_products(txn, &[id]).await?;
            Ok::<_, ServiceError>(())
        })
    })
    .await?;
    state.jobs.notify();
    overview(state, id).await
}

/// Publish, Unpublish (back to Draft) or Archive: the product's Automatic assets are published, or
/// not, from the next request on.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn set_status(state: &AppState, id: ProductId, status: ProductStatus) -> Result<Product, AppError> {
    if !db::products::set_status(&state.db, id, status).await? {
        return Err(AppError::NotFound);
    }
    state.jobs.notify();
    db::products::load(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// The products an asset illustrates, by number.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn of_asset(state: &AppState, asset: AssetId) -> Result<Vec<Product>, AppError> {
    db::assets::current_file(&state.db, asset)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(db::products::linked_to(&state.db, asset).await?)
}

/// Applies a Save of the Select products page and returns the asset's products after it.
///
/// # Errors
/// `NotFound`, `Validation` for unknown products; database failures.
pub async fn change_links(
    state: &AppState,
    asset: AssetId,
    changes: &LinkChanges<ProductId>,
) -> Result<Vec<Product>, AppError> {
    db::retried(&state.db, |txn| {
        let changes = changes.clone();
        Box::pin(async move { links::link_to_products(txn, asset, &changes).await })
    })
    .await?;
    Ok(db::products::linked_to(&state.db, asset).await?)
}

/// A product and its assets in link order.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn overview(state: &AppState, id: ProductId) -> Result<ProductOverview, AppError> {
    let product = db::products::load(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let order = db::product_links::assets_of(&state.db, id).await?;
    Ok(ProductOverview {
        product,
        categories: db::category_links::paths(&state.db, db::category_links::Member::Product(id)).await?,
        assets: db::asset_cards::cards(&state.db, &order).await?,
    })
}

/// One place earlier or later among the product's assets.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn move_asset(
    state: &AppState,
    id: ProductId,
    asset: AssetId,
    earlier: bool,
) -> Result<ProductOverview, AppError> {
    db::retried(&state.db, |txn| Box::pin(links::move_asset(txn, id, asset, earlier))).await?;
    overview(state, id).await
}
