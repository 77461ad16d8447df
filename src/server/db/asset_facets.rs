//! The Filters panel's counts: for each group, the assets matching every other group, counted by
//! this group's values. Groups that an asset's facts decide (`facet_key`) are counted from the
//! cells of one grouped pass; the others (labels and products by name, categories, dates) with
//! a query each, driven by their own index.

use sea_orm::{
    Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, Func, Query, SelectStatement},
};
use std::collections::HashMap;

use super::{
    asset_filter,
    entities::asset,
    facet_counts,
    facet_key::{self, Ask, Fact, Split},
};
use crate::domain::{
    AppError, AssetFacets, AssetFilter, Availability, Facet, FacetValue, FileType, FilterGroup, RecentDays, UserId,
};

/// Labels and users listed beside the chosen ones: the most used.
const TOP: usize = 20;

/// Asset counts by facet key.
type Cells = Vec<(i64, u64)>;

/// # Errors
/// Database failures.
pub async fn facets(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<AssetFacets, AppError> {
    let split = Split::of(filter);
    // The cells without a group that needs SQL, for its values that are facts ("No labels",
    // "Not linked"): the same cells when it has none.
    let split_ref = &split;
    let without = |group| {
        let rest = split_ref.rest.without_group(group);
        async move {
            if facet_key::needs_sql(&split_ref.rest, group) {
                cells(db, &rest).await.map(Some)
            } else {
                Ok(None)
            }
        }
    };
    let (base, labelless, productless, labels) = tokio::try_join!(
        cells(db, &split.rest),
        without(FilterGroup::Labels),
        without(FilterGroup::Products),
        label_counts(db, &split, filter),
    )?;
    let labelless = labelless.as_ref().unwrap_or(&base);
    let productless = productless.as_ref().unwrap_or(&base);
    let total = by_fact(&base, &split.asks, Fact::Linked).values().sum();
    let groups = vec![
        file_types(&base, &split, filter),
        availabilities(&base, &split, filter),
        published(&base, &split, filter),
        labels_facet(labelless, &split, filter, labels),
        products(db, productless, &split, filter).await?,
        categories(db, &split, filter).await?,
        added(db, &split, filter).await?,
        added_by(db, &base, &split, filter).await?,
    ];
    Ok(AssetFacets { total, groups })
}

/// The assets `filter` keeps, counted by facet key: the kept counts when it asks nothing of SQL,
/// else one pass over the key's index.
async fn cells(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Cells, DbErr> {
    if !filter.is_filtered() {
        return facet_counts::by_key(db).await;
    }
    let rows: Vec<(i64, i64)> = asset::Entity::find()
        .select_only()
        .column(asset::Column::FacetKey)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(asset_filter::condition(db, filter).await?)
        .group_by(asset::Column::FacetKey)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(key, n)| (key, n.unsigned_abs())).collect())
}

/// The cells that meet `asks`, summed by the value of `fact`.
fn by_fact(cells: &Cells, asks: &[Ask], fact: Fact) -> HashMap<i64, u64> {
    let mut counts = HashMap::new();
    for &(key, n) in cells {
        if facet_key::keeps(asks, key) {
            *counts.entry(fact.of(key)).or_default() += n;
        }
    }
    counts
}

/// The assets that `filter` (its SQL part) and `asks` keep.
async fn count(db: &impl ConnectionTrait, filter: &AssetFilter, asks: &[Ask]) -> Result<u64, DbErr> {
    asset::Entity::find()
        .filter(
            Condition::all()
                .add(asset_filter::condition(db, filter).await?)
                .add(facet_key::condition(asks, "assets.facet_key")),
        )
        .count(db)
        .await
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

fn file_types(base: &Cells, split: &Split, filter: &AssetFilter) -> Facet {
    let counts = by_fact(base, &split.asks_except(FilterGroup::FileType), Fact::FileType);
    Facet {
        group: FilterGroup::FileType,
        values: FileType::ALL
            .into_iter()
            .map(|t| {
                let n = counts.get(&facet_key::file_type_value(t)).copied().unwrap_or(0);
                value(
                    "type",
                    t.code().to_owned(),
                    t.to_string(),
                    n,
                    filter.file_types.contains(&t),
                )
            })
            .collect(),
    }
}

fn availabilities(base: &Cells, split: &Split, filter: &AssetFilter) -> Facet {
    let counts = by_fact(base, &split.asks_except(FilterGroup::Availability), Fact::Availability);
    Facet {
        group: FilterGroup::Availability,
        values: Availability::ALL
            .into_iter()
            .map(|a| {
                let n = counts.get(&facet_key::availability_value(a)).copied().unwrap_or(0);
                let chosen = filter.availabilities.contains(&a);
                value("availability", a.code().to_owned(), a.to_string(), n, chosen)
            })
            .collect(),
    }
}

/// "yes" and "no" values from a flag's counts.
fn yes_no(counts: &HashMap<i64, u64>, key: &str, labels: [&str; 2], chosen: &[bool]) -> Vec<FacetValue> {
    [(true, "yes", labels[0]), (false, "no", labels[1])]
        .into_iter()
        .map(|(flag, code, label)| {
            let n = counts.get(&i64::from(flag)).copied().unwrap_or(0);
            value(key, code.into(), label.into(), n, chosen.contains(&flag))
        })
        .collect()
}

fn published(base: &Cells, split: &Split, filter: &AssetFilter) -> Facet {
    let counts = by_fact(base, &split.asks_except(FilterGroup::Published), Fact::Published);
    Facet {
        group: FilterGroup::Published,
        values: yes_no(&counts, "published", ["Published", "Not published"], &filter.published),
    }
}

/// The most used labels of the assets the other groups keep, and the chosen ones, with their
/// counts: the kept counts by label and key, or, when the other groups have SQL criteria, one
/// pass over the labels of their assets; the facts' criteria on the key either way.
async fn label_counts(
    db: &impl ConnectionTrait,
    split: &Split,
    filter: &AssetFilter,
) -> Result<Vec<(String, u64)>, DbErr> {
    let rest = split.rest.without_group(FilterGroup::Labels);
    let asks = facet_key::condition(&split.asks_except(FilterGroup::Labels), "l.facet_key");
    // The kept counts by label and key, unless the other groups ask SQL for their assets.
    let (mut query, count) = if facet_key::only_facts(&rest) {
        (facet_counts::by_label(), facet_counts::count_of_labels())
    } else {
        let ids = asset::Entity::find()
            .select_only()
            .column(asset::Column::Id)
            .filter(asset_filter::condition(db, &rest).await?)
            .into_query();
        let query = Query::select()
            .expr(Expr::cust("l.label"))
            .expr(Expr::cust("COUNT(*)"))
            .from_as(Alias::new("asset_labels"), Alias::new("l"))
            .and_where(Expr::col((Alias::new("l"), Alias::new("asset_id"))).in_subquery(ids))
            .group_by_col((Alias::new("l"), Alias::new("label")))
            .to_owned();
        (query, "COUNT(*)")
    };
    query.and_where(asks);
    let mut top = query.clone();
    top.order_by_expr(Expr::cust(count), sea_orm::sea_query::Order::Desc)
        .limit(TOP as u64);
    let mut rows = tuples(db, &top).await?;
    if !filter.labels.is_empty() {
        query.and_where(Expr::col((Alias::new("l"), Alias::new("label"))).is_in(filter.labels.iter().cloned()));
        for (label, n) in tuples(db, &query).await? {
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
    Ok(rows)
}

async fn tuples(db: &impl ConnectionTrait, query: &SelectStatement) -> Result<Vec<(String, u64)>, DbErr> {
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

fn labels_facet(labelless: &Cells, split: &Split, filter: &AssetFilter, labels: Vec<(String, u64)>) -> Facet {
    let labelled = by_fact(labelless, &split.asks_except(FilterGroup::Labels), Fact::Labelled);
    let mut values: Vec<FacetValue> = labels
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
        labelled.get(&0).copied().unwrap_or(0),
        filter.no_labels,
    ));
    Facet {
        group: FilterGroup::Labels,
        values,
    }
}

async fn products(
    db: &impl ConnectionTrait,
    productless: &Cells,
    split: &Split,
    filter: &AssetFilter,
) -> Result<Facet, AppError> {
    let asks = split.asks_except(FilterGroup::Products);
    let linked = by_fact(productless, &asks, Fact::Linked);
    let mut values = yes_no(&linked, "linked", ["Linked to a product", "Not linked"], &filter.linked);
    let rest = split.rest.without_group(FilterGroup::Products);
    for number in &filter.products {
        let one = AssetFilter {
            products: vec![number.clone()],
            ..rest.clone()
        };
        let n = count(db, &one, &asks).await?;
        let label = format!("Product \u{201c}{number}\u{201d}");
        values.push(value("product", number.clone(), label, n, true));
    }
    Ok(Facet {
        group: FilterGroup::Products,
        values,
    })
}

/// Every category with the assets the other groups keep in it or in its subcategories (each
/// asset once, however many of them it is in), and the chosen ones, labelled with their paths.
async fn categories(db: &impl ConnectionTrait, split: &Split, filter: &AssetFilter) -> Result<Facet, AppError> {
    let rest = split.rest.without_group(FilterGroup::Categories);
    let kept = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset_filter::condition(db, &rest).await?)
        .filter(facet_key::condition(&split.asks, "assets.facet_key"))
        .into_query();
    let backend = db.get_database_backend();
    let kept = backend.build(&kept);
    let sql = format!(
        "WITH RECURSIVE up(category_id, ancestor_id) AS ( \
           SELECT id, id FROM categories \
           UNION ALL \
           SELECT up.category_id, c.parent_id FROM up JOIN categories c ON c.id = up.ancestor_id \
           WHERE c.parent_id IS NOT NULL) \
         SELECT up.ancestor_id, COUNT(DISTINCT ac.asset_id) \
         FROM asset_categories ac JOIN up ON up.category_id = ac.category_id \
         WHERE ac.asset_id IN ({}) \
         GROUP BY up.ancestor_id",
        kept.sql
    );
    let statement = match kept.values {
        Some(values) => sea_orm::Statement::from_sql_and_values(backend, sql, values),
        None => sea_orm::Statement::from_string(backend, sql),
    };
    let rows = db.query_all(statement).await?;
    let mut counts = HashMap::new();
    for row in rows {
        let (id, n): (i64, i64) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
        counts.insert(id, n.unsigned_abs());
    }
    let mut values = Vec::new();
    for &category in &filter.categories {
        let label = super::catalogs::path_of(db, category)
            .await?
            .unwrap_or_else(|| format!("Category {}", category.0));
        let n = counts.remove(&category.0).unwrap_or(0);
        values.push(value("category", category.0.to_string(), label, n, true));
    }
    let mut others: Vec<(i64, u64)> = counts.into_iter().collect();
    others.sort_unstable();
    values.extend(
        others
            .into_iter()
            .map(|(id, n)| value("category", id.to_string(), String::new(), n, false)),
    );
    Ok(Facet {
        group: FilterGroup::Categories,
        values,
    })
}

/// The Added presets' counts, in one pass over the assets of the longest: each preset's first
/// instant counted in a sum of its own (a million assets, 30 days of them: one pass over those
/// rather than one for each preset).
async fn added(db: &impl ConnectionTrait, split: &Split, filter: &AssetFilter) -> Result<Facet, AppError> {
    let rest = split.rest.without_group(FilterGroup::Added);
    let starts: Vec<(RecentDays, time::OffsetDateTime)> = RecentDays::ALL
        .into_iter()
        .filter_map(|recent| {
            let one = AssetFilter {
                added_within: Some(recent),
                ..rest.clone()
            };
            Some((recent, asset_filter::days(&one)?.start?))
        })
        .collect();
    let added = || Expr::col((asset::Entity, asset::Column::CreatedAt));
    let mut query = Query::select()
        .from(asset::Entity)
        .cond_where(asset_filter::condition(db, &rest).await?)
        .cond_where(facet_key::condition(&split.asks, "assets.facet_key"))
        .to_owned();
    if let Some(earliest) = starts.iter().map(|(_, start)| *start).min() {
        query.and_where(added().gte(earliest));
    }
    for (_, start) in &starts {
        query.expr(Func::sum(Expr::case(added().gte(*start), 1).finally(0)));
    }
    let row = db.query_one(db.get_database_backend().build(&query)).await?;
    let mut values = Vec::new();
    for (i, (recent, _)) in starts.into_iter().enumerate() {
        let n = match &row {
            Some(row) => row.try_get_by_index::<Option<i64>>(i)?.unwrap_or(0),
            None => 0,
        };
        let chosen = filter.added_within == Some(recent);
        values.push(value(
            "added",
            recent.code().to_owned(),
            recent.to_string(),
            n.unsigned_abs(),
            chosen,
        ));
    }
    Ok(Facet {
        group: FilterGroup::Added,
        values,
    })
}

async fn added_by(
    db: &impl ConnectionTrait,
    base: &Cells,
    split: &Split,
    filter: &AssetFilter,
) -> Result<Facet, AppError> {
    let counts = by_fact(base, &split.asks_except(FilterGroup::AddedBy), Fact::AddedBy);
    let mut rows: Vec<(i64, u64)> = counts.iter().map(|(&id, &n)| (id, n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.truncate(TOP);
    for user in &filter.added_by {
        if !rows.iter().any(|(id, _)| *id == user.0) {
            rows.push((user.0, counts.get(&user.0).copied().unwrap_or(0)));
        }
    }
    let names = super::assets::name_of(db, rows.iter().map(|(id, _)| *id)).await?;
    let mut values: Vec<FacetValue> = rows
        .into_iter()
        .map(|(id, n)| {
            let label = names.get(&id).cloned().unwrap_or_else(|| format!("User {id}"));
            value("by", id.to_string(), label, n, filter.added_by.contains(&UserId(id)))
        })
        .collect();
    values.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(Facet {
        group: FilterGroup::AddedBy,
        values,
    })
}
