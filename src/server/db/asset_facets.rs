//! The Filters panel's counts: for each group, the assets matching every other group, counted by
//! this group's values.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
    sea_query::{Alias, Expr, Query},
};
use std::collections::HashMap;

use super::{asset_filter, entities::asset};
use crate::domain::{
    AppError, AssetFacets, AssetFilter, Availability, Facet, FacetValue, FileType, FilterGroup, RecentDays, UserId,
};

/// Labels and users listed beside the chosen ones: the most used.
const TOP: u64 = 20;

/// # Errors
/// Database failures.
pub async fn facets(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<AssetFacets, AppError> {
    let total = count(db, asset_filter::condition(db, filter).await?).await?;
    let groups = vec![
        file_types(db, filter).await?,
        availabilities(db, filter).await?,
        published(db, filter).await?,
        labels(db, filter).await?,
        products(db, filter).await?,
        categories(db, filter).await?,
        added(db, filter).await?,
        added_by(db, filter).await?,
    ];
    Ok(AssetFacets { total, groups })
}

async fn without(db: &impl ConnectionTrait, filter: &AssetFilter, group: FilterGroup) -> Result<Condition, DbErr> {
    asset_filter::condition(db, &filter.without_group(group)).await
}

async fn count(db: &impl ConnectionTrait, condition: Condition) -> Result<u64, DbErr> {
    asset::Entity::find().filter(condition).count(db).await
}

fn value(key: &str, value: String, label: String, count: u64, chosen: bool) -> FacetValue {
    FacetValue {
        key: key.to_owned(),
        value,
        label,
        count,
        chosen,
    }
}

/// Counts by a column of `assets`.
async fn by_column(
    db: &impl ConnectionTrait,
    condition: Condition,
    column: asset::Column,
) -> Result<HashMap<String, u64>, DbErr> {
    let rows: Vec<(String, i64)> = asset::Entity::find()
        .select_only()
        .column(column)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(condition)
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(v, n)| (v, n.unsigned_abs())).collect())
}

async fn file_types(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let values = FileType::ALL.map(|t| (t.code(), t.to_string(), filter.file_types.contains(&t)));
    column_facet(
        db,
        filter,
        FilterGroup::FileType,
        asset::Column::FileType,
        "type",
        values,
    )
    .await
}

async fn availabilities(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let values = Availability::ALL.map(|a| (a.code(), a.to_string(), filter.availabilities.contains(&a)));
    column_facet(
        db,
        filter,
        FilterGroup::Availability,
        asset::Column::Availability,
        "availability",
        values,
    )
    .await
}

/// A group whose values are the codes stored in one column of `assets`: `(code, label, chosen)`
/// each, counted in one grouped query.
async fn column_facet(
    db: &impl ConnectionTrait,
    filter: &AssetFilter,
    group: FilterGroup,
    column: asset::Column,
    key: &str,
    values: impl IntoIterator<Item = (&'static str, String, bool)>,
) -> Result<Facet, AppError> {
    let counts = by_column(db, without(db, filter, group).await?, column).await?;
    let values = values
        .into_iter()
        .map(|(code, label, chosen)| {
            let n = counts.get(code).copied().unwrap_or(0);
            value(key, code.to_owned(), label, n, chosen)
        })
        .collect();
    Ok(Facet { group, values })
}

async fn published(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let condition = without(db, filter, FilterGroup::Published).await?;
    let all = count(db, condition.clone()).await?;
    let yes = count(db, condition.add(asset_filter::published())).await?;
    Ok(Facet {
        group: FilterGroup::Published,
        values: vec![
            value(
                "published",
                "yes".into(),
                "Published".into(),
                yes,
                filter.published.contains(&true),
            ),
            value(
                "published",
                "no".into(),
                "Not published".into(),
                all - yes,
                filter.published.contains(&false),
            ),
        ],
    })
}

async fn labels(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let condition = without(db, filter, FilterGroup::Labels).await?;
    let ids = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(condition.clone())
        .into_query();
    let counted = |chosen_only: bool| {
        let mut query = Query::select();
        query
            .expr(Expr::cust("l.label"))
            .expr(Expr::cust("COUNT(*)"))
            .from_as(Alias::new("asset_labels"), Alias::new("l"))
            .and_where(Expr::col((Alias::new("l"), Alias::new("asset_id"))).in_subquery(ids.clone()))
            .group_by_col((Alias::new("l"), Alias::new("label")));
        if chosen_only {
            query.and_where(Expr::col((Alias::new("l"), Alias::new("label"))).is_in(filter.labels.iter().cloned()));
        } else {
            query
                .order_by_expr(Expr::cust("COUNT(*)"), sea_orm::sea_query::Order::Desc)
                .limit(TOP);
        }
        query
    };
    let mut rows = tuples(db, &counted(false)).await?;
    if !filter.labels.is_empty() {
        for (label, n) in tuples(db, &counted(true)).await? {
            if !rows.iter().any(|(l, _)| *l == label) {
                rows.push((label, n));
            }
        }
        for label in &filter.labels {
            if !rows.iter().any(|(l, _)| l == label) {
                rows.push((label.clone(), 0));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let none = count(
        db,
        condition.add(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM asset_labels l WHERE l.asset_id = assets.id)",
        )),
    )
    .await?;
    let mut values: Vec<FacetValue> = rows
        .into_iter()
        .map(|(label, n)| {
            let chosen = filter.labels.contains(&label);
            value("label", label.clone(), label, n, chosen)
        })
        .collect();
    values.push(value(
        "no_label",
        "1".into(),
        "No labels".into(),
        none,
        filter.no_labels,
    ));
    Ok(Facet {
        group: FilterGroup::Labels,
        values,
    })
}

async fn tuples(
    db: &impl ConnectionTrait,
    query: &sea_orm::sea_query::SelectStatement,
) -> Result<Vec<(String, u64)>, DbErr> {
    let rows = db.query_all(db.get_database_backend().build(query)).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get_by_index::<String>(0)?,
                row.try_get_by_index::<i64>(1)?.unsigned_abs(),
            ))
        })
        .collect()
}

async fn products(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let condition = without(db, filter, FilterGroup::Products).await?;
    let all = count(db, condition.clone()).await?;
    let linked = count(
        db,
        condition.clone().add(Expr::cust(
            "EXISTS (SELECT 1 FROM product_assets pa WHERE pa.asset_id = assets.id)",
        )),
    )
    .await?;
    let mut values = vec![
        value(
            "linked",
            "yes".into(),
            "Linked to a product".into(),
            linked,
            filter.linked.contains(&true),
        ),
        value(
            "linked",
            "no".into(),
            "Not linked".into(),
            all - linked,
            filter.linked.contains(&false),
        ),
    ];
    for number in &filter.products {
        let one = AssetFilter {
            products: vec![number.clone()],
            ..AssetFilter::default()
        };
        let n = count(db, condition.clone().add(asset_filter::condition(db, &one).await?)).await?;
        values.push(value("product", number.clone(), format!("Product {number}"), n, true));
    }
    Ok(Facet {
        group: FilterGroup::Products,
        values,
    })
}

async fn categories(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let condition = without(db, filter, FilterGroup::Categories).await?;
    let mut values = Vec::new();
    for &category in &filter.categories {
        let one = AssetFilter {
            categories: vec![category],
            ..AssetFilter::default()
        };
        let n = count(db, condition.clone().add(asset_filter::condition(db, &one).await?)).await?;
        let label = super::catalogs::path_of(db, category)
            .await?
            .unwrap_or_else(|| format!("Category {}", category.0));
        values.push(value("category", category.0.to_string(), label, n, true));
    }
    Ok(Facet {
        group: FilterGroup::Categories,
        values,
    })
}

async fn added(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let condition = without(db, filter, FilterGroup::Added).await?;
    let mut values = Vec::new();
    for recent in RecentDays::ALL {
        let one = AssetFilter {
            added_within: Some(recent),
            ..AssetFilter::default()
        };
        let n = count(db, condition.clone().add(asset_filter::condition(db, &one).await?)).await?;
        let chosen = filter.added_within == Some(recent);
        values.push(value("added", recent.code().to_owned(), recent.to_string(), n, chosen));
    }
    Ok(Facet {
        group: FilterGroup::Added,
        values,
    })
}

async fn added_by(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Facet, AppError> {
    let condition = without(db, filter, FilterGroup::AddedBy).await?;
    let mut rows: Vec<(i64, i64)> = asset::Entity::find()
        .select_only()
        .column(asset::Column::CreatedBy)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(condition.clone())
        .group_by(asset::Column::CreatedBy)
        .order_by(Expr::cust("COUNT(*)"), sea_orm::Order::Desc)
        .limit(TOP)
        .into_tuple()
        .all(db)
        .await?;
    for user in &filter.added_by {
        if !rows.iter().any(|(id, _)| *id == user.0) {
            let n = count(db, condition.clone().add(asset::Column::CreatedBy.eq(user.0))).await?;
            rows.push((user.0, i64::try_from(n).unwrap_or(i64::MAX)));
        }
    }
    let names = super::assets::name_of(db, rows.iter().map(|(id, _)| *id)).await?;
    let mut values: Vec<FacetValue> = rows
        .into_iter()
        .map(|(id, n)| {
            let label = names.get(&id).cloned().unwrap_or_else(|| format!("User {id}"));
            value(
                "by",
                id.to_string(),
                label,
                n.unsigned_abs(),
                filter.added_by.contains(&UserId(id)),
            )
        })
        .collect();
    values.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(Facet {
        group: FilterGroup::AddedBy,
        values,
    })
}
