//! Products: created and edited by number, searched by number prefix or name substring, paged by
//! number (keyset, no OFFSET).

use super::unreadable;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query},
};

use std::collections::HashMap;

use super::entities::{category, product, product_asset, product_category};
use crate::domain::{
    AssetId, LinkFilter, Product, ProductFields, ProductId, ProductPage, ProductSearch, ProductStatus,
};

/// Adds a product.
///
/// # Errors
/// Database failures, a unique violation when the number is taken.
pub async fn insert(
    db: &impl ConnectionTrait,
    fields: &ProductFields,
    status: ProductStatus,
) -> Result<ProductId, DbErr> {
    let now = time::OffsetDateTime::now_utc();
    let model = product::ActiveModel {
        number: Set(fields.number.clone()),
        name: Set(fields.name.clone()),
        name_search: Set(fields.name.to_lowercase()),
        description: Set(fields.description.clone()),
        status: Set(status.code().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(ProductId(model.insert(db).await?.id))
}

/// Changes a product's number, name and description; whether there was such a product.
///
/// # Errors
/// Database failures, a unique violation when the new number is another product's.
pub async fn update(db: &impl ConnectionTrait, id: ProductId, fields: &ProductFields) -> Result<bool, DbErr> {
    let updated = product::Entity::update_many()
        .col_expr(product::Column::Number, Expr::value(fields.number.clone()))
        .col_expr(product::Column::Name, Expr::value(fields.name.clone()))
        .col_expr(product::Column::NameSearch, Expr::value(fields.name.to_lowercase()))
        .col_expr(product::Column::Description, Expr::value(fields.description.clone()))
        .col_expr(product::Column::UpdatedAt, Expr::value(time::OffsetDateTime::now_utc()))
        .filter(product::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(updated.rows_affected > 0)
}

/// Publishes, unpublishes (back to Draft) or archives a product; false when there is none.
///
/// # Errors
/// Database failures.
pub async fn set_status(db: &impl ConnectionTrait, id: ProductId, status: ProductStatus) -> Result<bool, DbErr> {
    let updated = product::Entity::update_many()
        .col_expr(product::Column::Status, status.code().into())
        .col_expr(product::Column::UpdatedAt, time::OffsetDateTime::now_utc().into())
        .filter(product::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Ok(false);
    }
    // Whether its assets are published may have changed.
    super::search_facts::log_linked_to(db, &[id.0]).await?;
    Ok(true)
}

/// # Errors
/// Database failures.
pub async fn load(db: &impl ConnectionTrait, id: ProductId) -> Result<Option<Product>, DbErr> {
    let Some(model) = product::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    Ok(to_products(db, vec![model]).await?.pop())
}

/// The id of the product with this number.
///
/// # Errors
/// Database failures.
pub async fn numbered(db: &impl ConnectionTrait, number: &str) -> Result<Option<ProductId>, DbErr> {
    Ok(product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::Number.eq(number))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .map(ProductId))
}

/// Up to `limit` products matching `search`, by number, after the number `after`; `asset` is the
/// one whose links `search.linked` is about.
///
/// # Errors
/// Database failures.
pub async fn page(
    db: &impl ConnectionTrait,
    search: &ProductSearch,
    asset: Option<AssetId>,
    after: Option<&str>,
    limit: u64,
) -> Result<ProductPage, DbErr> {
    let mut query = matching(search, asset);
    if let Some(after) = after {
        query = query.filter(product::Column::Number.gt(after));
    }
    let mut rows = query.limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next = rows.last().filter(|_| more).map(|last| last.number.clone());
    Ok(ProductPage {
        products: to_products(db, rows).await?,
        next,
    })
}

/// Every product `search` matches, by number: at most `limit`, or `None` when more match.
///
/// # Errors
/// Database failures.
pub async fn all_matching(
    db: &impl ConnectionTrait,
    search: &ProductSearch,
    asset: Option<AssetId>,
    limit: u64,
) -> Result<Option<Vec<Product>>, DbErr> {
    let rows = matching(search, asset).limit(limit + 1).all(db).await?;
    if rows.len() as u64 > limit {
        return Ok(None);
    }
    to_products(db, rows).await.map(Some)
}

/// The query for `search`, by number.
fn matching(search: &ProductSearch, asset: Option<AssetId>) -> sea_orm::Select<product::Entity> {
    let mut query = product::Entity::find().order_by_asc(product::Column::Number);
    let text = search.text.trim();
    if !text.is_empty() {
        query = query.filter(
            Condition::any()
                .add(product::Column::Number.starts_with(text))
                .add(product::Column::NameSearch.contains(text.to_lowercase())),
        );
    }
    if let Some(status) = search.status {
        query = query.filter(product::Column::Status.eq(status.code()));
    }
    if !search.categories.is_empty() {
        let within = Query::select()
            .column(product_category::Column::ProductId)
            .from(product_category::Entity)
            .and_where(product_category::Column::CategoryId.is_in(search.categories.iter().map(|id| id.0)))
            .to_owned();
        query = query.filter(product::Column::Id.in_subquery(within));
    }
    if let (Some(filter), Some(asset)) = (search.linked, asset) {
        let linked = Query::select()
            .column(product_asset::Column::ProductId)
            .from(product_asset::Entity)
            .and_where(product_asset::Column::AssetId.eq(asset.0))
            .to_owned();
        query = query.filter(match filter {
            LinkFilter::Linked => product::Column::Id.in_subquery(linked),
            LinkFilter::NotLinked => product::Column::Id.not_in_subquery(linked),
        });
    }
    query
}

/// The products an asset is linked to, by number.
///
/// # Errors
/// Database failures.
pub async fn linked_to(db: &impl ConnectionTrait, asset: AssetId) -> Result<Vec<Product>, DbErr> {
    let ids: Vec<i64> = product_asset::Entity::find()
        .select_only()
        .column(product_asset::Column::ProductId)
        .filter(product_asset::Column::AssetId.eq(asset.0))
        .into_tuple()
        .all(db)
        .await?;
    let rows = product::Entity::find()
        .filter(product::Column::Id.is_in(ids))
        .order_by_asc(product::Column::Number)
        .all(db)
        .await?;
    to_products(db, rows).await
}

/// The products of these rows, each with the names of its categories (one query for them all).
async fn to_products(db: &impl ConnectionTrait, rows: Vec<product::Model>) -> Result<Vec<Product>, DbErr> {
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    if !rows.is_empty() {
        let links: Vec<(i64, String)> = product_category::Entity::find()
            .select_only()
            .column(product_category::Column::ProductId)
            .column(category::Column::Name)
            .join(
                JoinType::InnerJoin,
                product_category::Entity::belongs_to(category::Entity)
                    .from(product_category::Column::CategoryId)
                    .to(category::Column::Id)
                    .into(),
            )
            .filter(product_category::Column::ProductId.is_in(rows.iter().map(|row| row.id)))
            .order_by_asc(category::Column::Name)
            .into_tuple()
            .all(db)
            .await?;
        for (product, name) in links {
            names.entry(product).or_default().push(name);
        }
    }
    rows.into_iter()
        .map(|model| {
            Ok(Product {
                id: ProductId(model.id),
                status: model.status.parse().map_err(unreadable)?,
                categories: names.remove(&model.id).unwrap_or_default(),
                number: model.number,
                name: model.name,
                description: model.description,
                created_at: model.created_at,
                updated_at: model.updated_at,
            })
        })
        .collect()
}

/// The products a filter's product text names: the one with that number, and those whose name
/// holds the text (any case).
///
/// # Errors
/// Database failures.
pub async fn ids_named(db: &impl ConnectionTrait, text: &str) -> Result<Vec<i64>, sea_orm::DbErr> {
    product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(
            Condition::any()
                .add(product::Column::Number.eq(text))
                .add(product::Column::NameSearch.contains(text.to_lowercase())),
        )
        .into_tuple()
        .all(db)
        .await
}
