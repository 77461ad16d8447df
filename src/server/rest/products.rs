//! Products as a PIM keeps them, by number: listed and searched, created or changed, published
//! (their Automatic assets with them, as on the Products page), and the assets that illustrate
//! them linked, unlinked and ordered.

use axum::{
    Json,
    extract::{Path, RawQuery, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    catalogs::{CategoryChanges, CategoryOf},
    problem::{ApiError, NotThere, Refused, Unreadable},
    wire::{AssetSummary, rfc3339},
};
use crate::domain::{LinkChanges, Product, ProductFields, ProductOverview, ProductSearch, ProductStatus, Scope, paths};
use crate::server::{api_tokens::Caller, assets, catalogs, products, state::AppState};

/// A product.
#[derive(Serialize, ToSchema)]
pub struct ProductSummary {
    /// Unique: how the PIM names it.
    pub number: String,
    pub name: String,
    pub description: String,
    /// `draft`, `published` or `archived`: a published product publishes its Automatic assets.
    pub status: String,
    /// The names of its categories, A to Z.
    pub categories: Vec<String>,
    /// RFC 3339.
    pub updated_at: String,
}

/// One page of products, by number.
#[derive(Serialize, ToSchema)]
pub struct ProductList {
    pub items: Vec<ProductSummary>,
    /// Pass it as `next` for the following page; absent on the last one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// A product with its categories and the assets that illustrate it, in order (the first is its
/// main image).
#[derive(Serialize, ToSchema)]
pub struct ProductDetail {
    #[serde(flatten)]
    pub product: ProductSummary,
    pub category_paths: Vec<CategoryOf>,
    pub assets: Vec<AssetSummary>,
}

/// A product's name and description; its number is in the address.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductBody {
    name: String,
    #[serde(default)]
    description: String,
}

/// A status to set.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// `draft`, `published` or `archived`.
    status: String,
}

/// Assets to link and to unlink, by code; the product's other links stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetLinkChanges {
    #[serde(default)]
    assign: Vec<String>,
    #[serde(default)]
    unassign: Vec<String>,
}

/// Every asset of the product, by code, in the order wanted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetOrder {
    assets: Vec<String>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "describes the query for the document; ProductSearch reads it")]
struct ProductQuery {
    /// Words of the number or name.
    search: Option<String>,
    /// `draft`, `published` or `archived`.
    status: Option<String>,
    /// A category's id (its subcategories included); repeat for several.
    category: Option<Vec<i64>>,
    /// The `next` of the previous page.
    next: Option<String>,
}

/// Lists products by number, with the Products page's search.
#[utoipa::path(
    get,
    path = paths::api_v1::PRODUCTS,
    tag = "products",
    params(ProductQuery),
    responses((status = 200, description = "One page of products", body = ProductList), Refused, Unreadable)
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Json<ProductList>, ApiError> {
    caller.require(Scope::CatalogRead)?;
    let query = query.unwrap_or_default();
    let search = ProductSearch::from_query(&query)?;
    let next = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "next")
        .map(|(_, value)| value.into_owned());
    let page = products::page(&state, &search, None, next.as_deref()).await?;
    Ok(Json(ProductList {
        items: page.products.into_iter().map(ProductSummary::from).collect(),
        next: page.next,
    }))
}

/// Reads a product.
#[utoipa::path(
    get,
    path = paths::api_v1::PRODUCT,
    tag = "products",
    params(("number" = String, Path, description = "The product's number")),
    responses((status = 200, description = "The product", body = ProductDetail), Refused, NotThere, Unreadable)
)]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
) -> Result<Json<ProductDetail>, ApiError> {
    caller.require(Scope::CatalogRead)?;
    let id = products::numbered(&state, &number).await?;
    Ok(Json(products::overview(&state, id).await?.into()))
}

/// Creates the product with this number (201), or changes its name and description (200).
#[utoipa::path(
    put,
    path = paths::api_v1::PRODUCT,
    tag = "products",
    params(("number" = String, Path, description = "The product's number")),
    request_body = ProductBody,
    responses(
        (status = 201, description = "A new product, in Draft", body = ProductSummary),
        (status = 200, description = "The product as changed", body = ProductSummary),
        Refused,
        Unreadable,
    )
)]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    Json(body): Json<ProductBody>,
) -> Result<(StatusCode, Json<ProductSummary>), ApiError> {
    caller.require(Scope::CatalogWrite)?;
    let fields = ProductFields::parse(&number, &body.name, &body.description)?;
    let (product, created) = products::save_by_number(&state, &fields).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(product.into())))
}

/// Publishes a product (its Automatic assets are published with it), unpublishes it (back to
/// Draft) or archives it.
#[utoipa::path(
    put,
    path = paths::api_v1::PRODUCT_STATUS,
    tag = "products",
    params(("number" = String, Path, description = "The product's number")),
    request_body = StatusBody,
    responses((status = 200, description = "The product", body = ProductSummary), Refused, NotThere, Unreadable)
)]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    Json(body): Json<StatusBody>,
) -> Result<Json<ProductSummary>, ApiError> {
    caller.require(Scope::CatalogWrite)?;
    let status: ProductStatus = body.status.parse()?;
    let id = products::numbered(&state, &number).await?;
    Ok(Json(products::set_status(&state, id, status).await?.into()))
}

/// Links assets to the product and unlinks others, by code, all or nothing; new links go at the
/// end.
#[utoipa::path(
    patch,
    path = paths::api_v1::PRODUCT_ASSETS,
    tag = "products",
    params(("number" = String, Path, description = "The product's number")),
    request_body = AssetLinkChanges,
    responses((status = 200, description = "The product after the change", body = ProductDetail), Refused, NotThere, Unreadable)
)]
pub async fn change_assets(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    Json(body): Json<AssetLinkChanges>,
) -> Result<Json<ProductDetail>, ApiError> {
    caller.require(Scope::AssetsWrite)?;
    let id = products::numbered(&state, &number).await?;
    let changes = LinkChanges {
        assign: assets::ids_of(&state, &body.assign).await?,
        unassign: assets::ids_of(&state, &body.unassign).await?,
    };
    Ok(Json(products::change_assets(&state, id, &changes).await?.into()))
}

/// Orders the product's assets: name each of them once; the first is its main image.
#[utoipa::path(
    put,
    path = paths::api_v1::PRODUCT_ASSET_ORDER,
    tag = "products",
    params(("number" = String, Path, description = "The product's number")),
    request_body = AssetOrder,
    responses((status = 200, description = "The product in its new order", body = ProductDetail), Refused, NotThere, Unreadable)
)]
pub async fn reorder_assets(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    Json(body): Json<AssetOrder>,
) -> Result<Json<ProductDetail>, ApiError> {
    caller.require(Scope::AssetsWrite)?;
    let id = products::numbered(&state, &number).await?;
    let order = assets::ids_of(&state, &body.assets).await?;
    Ok(Json(products::reorder_assets(&state, id, &order).await?.into()))
}

/// Puts the product in categories and takes it out of others.
#[utoipa::path(
    patch,
    path = paths::api_v1::PRODUCT_CATEGORIES,
    tag = "products",
    params(("number" = String, Path, description = "The product's number")),
    request_body = CategoryChanges,
    responses((status = 200, description = "The product", body = ProductSummary), Refused, NotThere, Unreadable)
)]
pub async fn change_categories(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    Json(body): Json<CategoryChanges>,
) -> Result<Json<ProductSummary>, ApiError> {
    caller.require(Scope::CatalogWrite)?;
    let id = products::numbered(&state, &number).await?;
    let product = catalogs::change_product_categories(&state, id, &body.into()).await?;
    Ok(Json(product.into()))
}

impl From<Product> for ProductSummary {
    fn from(product: Product) -> Self {
        ProductSummary {
            number: product.number,
            name: product.name,
            description: product.description,
            status: product.status.code().to_owned(),
            categories: product.categories,
            updated_at: rfc3339(product.updated_at),
        }
    }
}

impl From<ProductOverview> for ProductDetail {
    fn from(overview: ProductOverview) -> Self {
        ProductDetail {
            product: overview.product.into(),
            category_paths: overview.categories.into_iter().map(CategoryOf::from).collect(),
            assets: overview.assets.into_iter().map(AssetSummary::from).collect(),
        }
    }
}
