//! The catalogs' use cases: trees of categories as a PIM keeps them, and the categories assets
//! are in.

use super::{
    db::{self, catalogs::Place, category_links::Member},
    state::AppState,
};
use crate::domain::{
    AppError, AssetId, CatalogFields, CatalogId, CatalogTree, CategoryFields, CategoryId, CategoryPath, LinkChanges,
    Product, ProductId,
};

/// Every catalog with its tree.
///
/// # Errors
/// Database failures.
pub async fn trees(state: &AppState) -> Result<Vec<CatalogTree>, AppError> {
    Ok(db::catalogs::trees(&state.db).await?)
}

/// Creates a catalog (`id` none) or renames one; returns its tree.
///
/// # Errors
/// `Conflict` for a code that is taken, `NotFound`; database failures.
pub async fn save_catalog(
    state: &AppState,
    id: Option<CatalogId>,
    fields: &CatalogFields,
) -> Result<CatalogTree, AppError> {
    let id = db::catalogs::save_catalog(&state.db, id, fields).await?;
    db::catalogs::tree(&state.db, id).await
}

/// Adds a category to a catalog, or renames one and moves it within its catalog; returns the tree.
///
/// # Errors
/// `Validation`, `Conflict`, `NotFound`; database failures.
pub async fn save_category(
    state: &AppState,
    id: Option<CategoryId>,
    place: Place,
    fields: &CategoryFields,
) -> Result<CatalogTree, AppError> {
    db::catalogs::save_category(&state.db, id, place, fields).await?;
    db::catalogs::tree(&state.db, place.catalog).await
}

/// One place up or down among its siblings.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn reorder_category(state: &AppState, id: CategoryId, up: bool) -> Result<(), AppError> {
    db::catalogs::reorder_category(&state.db, id, up).await
}

/// Deletes a category nothing is in.
///
/// # Errors
/// `Conflict` saying how many products, assets and subcategories are in it; `NotFound`.
pub async fn delete_category(state: &AppState, id: CategoryId) -> Result<(), AppError> {
    db::catalogs::delete_category(&state.db, id).await
}

/// Applies a Save of Add asset to categories; returns the asset's categories after it.
///
/// # Errors
/// `NotFound`, `Validation` for unknown categories; database failures.
pub async fn change_asset_categories(
    state: &AppState,
    asset: AssetId,
    changes: &LinkChanges<CategoryId>,
) -> Result<Vec<CategoryPath>, AppError> {
    db::category_links::change(&state.db, Member::Asset(asset), changes).await?;
    db::category_links::paths(&state.db, Member::Asset(asset)).await
}

/// Applies a Save of a product's categories; returns the product after it.
///
/// # Errors
/// `NotFound`, `Validation` for unknown categories; database failures.
pub async fn change_product_categories(
    state: &AppState,
    product: ProductId,
    changes: &LinkChanges<CategoryId>,
) -> Result<Product, AppError> {
    db::category_links::change(&state.db, Member::Product(product), changes).await?;
    db::products::load(&state.db, product).await
}
