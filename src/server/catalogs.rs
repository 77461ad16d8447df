//! The catalogs' use cases: trees of categories as a PIM keeps them, and the categories assets
//! are in.

use super::{
    db::{self, catalogs::CategoryContents, category_links::Member},
    errors::ServiceError,
    links,
    state::AppState,
};
use crate::domain::{
    AppError, AssetId, CatalogFields, CatalogId, CatalogTree, CategoryFields, CategoryId, CategoryPath, CategoryPlace,
    LinkChanges, Product, ProductId,
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
    let id = match db::catalogs::save_catalog(&state.db, id, fields).await {
        Ok(saved) => saved.ok_or(AppError::NotFound)?,
        Err(error) if db::is_unique_violation(&error) => {
            return Err(AppError::Conflict(format!(
                "Another catalog has the code \u{201c}{}\u{201d}.",
                fields.code
            )));
        }
        Err(error) => return Err(error.into()),
    };
    tree(state, id).await
}

async fn tree(state: &AppState, id: CatalogId) -> Result<CatalogTree, AppError> {
    db::catalogs::tree(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// Adds a category to a catalog, or renames one and moves it within its catalog; returns the tree.
/// A category never changes catalog, numbers are unique across catalogs, and a category never
/// goes under itself (`CatalogTree::position_for`).
///
/// # Errors
/// `Validation`, `Conflict`, `NotFound`; database failures.
pub async fn save_category(
    state: &AppState,
    id: Option<CategoryId>,
    place: CategoryPlace,
    fields: &CategoryFields,
) -> Result<CatalogTree, AppError> {
    db::retried(&state.db, |txn| {
        let fields = fields.clone();
        Box::pin(async move {
            let tree = db::catalogs::tree(txn, place.catalog)
                .await?
                .ok_or_else(|| AppError::Validation("There is no such catalog.".into()))?;
            if db::catalogs::numbered(txn, &fields.number)
                .await?
                .is_some_and(|other| Some(other) != id)
            {
                return Err(AppError::Conflict(format!(
                    "Another category has the number \u{201c}{}\u{201d}.",
                    fields.number
                ))
                .into());
            }
            if let Some(id) = id
                && tree.category(id).is_none()
                && db::catalogs::catalog_of(txn, id).await?.is_some()
            {
                return Err(AppError::Validation("A category never moves to another catalog.".into()).into());
            }
            let position = tree.position_for(id, place.parent)?;
            Ok::<_, ServiceError>(db::catalogs::save_category(txn, id, place, position, &fields).await?)
        })
    })
    .await?;
    tree(state, place.catalog).await
}

/// One place up or down among its siblings.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn reorder_category(state: &AppState, id: CategoryId, up: bool) -> Result<(), AppError> {
    db::retried(&state.db, |txn| {
        Box::pin(async move {
            let catalog = db::catalogs::catalog_of(txn, id).await?.ok_or(AppError::NotFound)?;
            let tree = db::catalogs::tree(txn, catalog).await?.ok_or(AppError::NotFound)?;
            if let Some(order) = tree.reordered(id, up) {
                db::catalogs::set_positions(txn, &order).await?;
            }
            Ok::<_, ServiceError>(())
        })
    })
    .await?;
    Ok(())
}

/// Deletes a category nothing is in: no product, no asset, no subcategory.
///
/// # Errors
/// `Conflict` saying how many products, assets and subcategories are in it; `NotFound`.
pub async fn delete_category(state: &AppState, id: CategoryId) -> Result<(), AppError> {
    db::retried(&state.db, |txn| {
        Box::pin(async move {
            let contents = db::catalogs::contents(txn, id).await?.ok_or(AppError::NotFound)?;
            if let Some(refusal) = in_use(&contents) {
                return Err(refusal.into());
            }
            Ok::<_, ServiceError>(db::catalogs::delete_category(txn, id).await?)
        })
    })
    .await?;
    Ok(())
}

/// Why a category with these in it may not be deleted, if it may not.
fn in_use(contents: &CategoryContents) -> Option<AppError> {
    let count = |n: u64, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let parts: Vec<String> = [
        count(contents.products, "product", "products"),
        count(contents.assets, "asset", "assets"),
        count(contents.subcategories, "subcategory", "subcategories"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| {
        AppError::Conflict(format!(
            "\u{201c}{}\u{201d} cannot be deleted: it has {}.",
            contents.name,
            parts.join(" and ")
        ))
    })
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
    put_in_categories(state, Member::Asset(asset), changes).await?;
    Ok(db::category_links::paths(&state.db, Member::Asset(asset)).await?)
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
    put_in_categories(state, Member::Product(product), changes).await?;
    db::products::load(&state.db, product).await?.ok_or(AppError::NotFound)
}

/// One Save of a member's categories, as one unit of work.
async fn put_in_categories(
    state: &AppState,
    member: Member,
    changes: &LinkChanges<CategoryId>,
) -> Result<(), AppError> {
    db::retried(&state.db, |txn| {
        let changes = changes.clone();
        Box::pin(async move { links::put_in_categories(txn, member, &changes).await })
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{CategoryContents, in_use};

    #[test]
    fn a_category_in_use_says_how_many_are_in_it() {
        let contents = |products, assets, subcategories| CategoryContents {
            name: "Trail".into(),
            products,
            assets,
            subcategories,
        };
        assert!(in_use(&contents(0, 0, 0)).is_none());
        let refusal = in_use(&contents(3, 1, 0)).unwrap().to_string();
        assert!(refusal.contains("it has 3 products and 1 asset"), "{refusal}");
    }
}
