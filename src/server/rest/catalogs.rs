//! Catalogs and their category trees, and which categories an asset is in.

use axum::{
    Json,
    extract::{Path, State},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::problem::{ApiError, NotThere, Refused, Unreadable};
use crate::domain::{AssetId, CatalogTree, CategoryId, CategoryPath, LinkChanges, Scope, paths};
use crate::server::{api_tokens::Caller, catalogs, state::AppState};

/// A catalog and its categories in tree order: each parent before its children.
#[derive(Serialize, ToSchema)]
pub struct CatalogOut {
    pub code: String,
    pub name: String,
    pub categories: Vec<CategoryOut>,
}

/// A category in its tree.
#[derive(Serialize, ToSchema)]
pub struct CategoryOut {
    pub id: i64,
    /// Unique across catalogs.
    pub number: String,
    pub name: String,
    /// Absent at the top of its catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<i64>,
    /// 0 at the top.
    pub depth: usize,
}

/// A category something is in, with its path from the catalog (`Web › Shoes › Boots`).
#[derive(Serialize, ToSchema)]
pub struct CategoryOf {
    pub id: i64,
    pub path: String,
}

/// Categories to put something in and to take it out of, by id; its others stay.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryChanges {
    #[serde(default)]
    assign: Vec<i64>,
    #[serde(default)]
    unassign: Vec<i64>,
}

/// Lists the catalogs with their category trees.
#[utoipa::path(
    get,
    path = paths::api_v1::CATALOGS,
    tag = "catalogs",
    responses((status = 200, description = "Every catalog", body = Vec<CatalogOut>), Refused)
)]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<CatalogOut>>, ApiError> {
    caller.require(Scope::CatalogRead)?;
    let trees = catalogs::trees(&state).await?;
    Ok(Json(trees.into_iter().map(CatalogOut::from).collect()))
}

/// Puts an asset in categories and takes it out of others.
#[utoipa::path(
    patch,
    path = paths::api_v1::ASSET_CATEGORIES,
    tag = "catalogs",
    params(("id" = i64, Path, description = "The asset's id")),
    request_body = CategoryChanges,
    responses(
        (status = 200, description = "The asset's categories after the change", body = Vec<CategoryOf>),
        Refused,
        NotThere,
        Unreadable,
    )
)]
pub async fn change_asset_categories(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Json(body): Json<CategoryChanges>,
) -> Result<Json<Vec<CategoryOf>>, ApiError> {
    caller.require(Scope::AssetsWrite)?;
    let paths = catalogs::change_asset_categories(&state, AssetId(id), &body.into()).await?;
    Ok(Json(paths.into_iter().map(CategoryOf::from).collect()))
}

impl From<CategoryChanges> for LinkChanges<CategoryId> {
    fn from(changes: CategoryChanges) -> Self {
        LinkChanges {
            assign: changes.assign.into_iter().map(CategoryId).collect(),
            unassign: changes.unassign.into_iter().map(CategoryId).collect(),
        }
    }
}

impl From<CategoryPath> for CategoryOf {
    fn from(path: CategoryPath) -> Self {
        CategoryOf {
            id: path.id.0,
            path: path.path,
        }
    }
}

impl From<CatalogTree> for CatalogOut {
    fn from(tree: CatalogTree) -> Self {
        CatalogOut {
            code: tree.catalog.code,
            name: tree.catalog.name,
            categories: tree
                .categories
                .into_iter()
                .map(|placed| CategoryOut {
                    id: placed.category.id.0,
                    number: placed.category.number,
                    name: placed.category.name,
                    parent: placed.category.parent.map(|parent| parent.0),
                    depth: placed.depth,
                })
                .collect(),
        }
    }
}
