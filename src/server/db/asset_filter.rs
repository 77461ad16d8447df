//! The grid's filter as SQL: one condition on `assets` per group of `AssetFilter`, each an index
//! lookup or an `EXISTS` on a link table driven by the asset's id.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr,
    sea_query::{Alias, Expr, IntoIden, Query, SelectStatement, SimpleExpr},
};

use super::entities::{asset, asset_category, asset_label, product, product_asset};
use crate::domain::{AssetFilter, Availability, ProductStatus};

/// Whether an asset is published, in SQL: the same rule as `Publication::of` (Public, or
/// Automatic with at least one Published product), for filtering and counting.
pub fn published() -> SimpleExpr {
    let published_product = linked_to(
        Query::select()
            .expr(Expr::val(1))
            .from(product_asset::Entity)
            .inner_join(
                product::Entity,
                Expr::col((product::Entity, product::Column::Id))
                    .equals((product_asset::Entity, product_asset::Column::ProductId)),
            )
            .and_where(Expr::col((product::Entity, product::Column::Status)).eq(ProductStatus::Published.code()))
            .to_owned(),
        (product_asset::Entity, product_asset::Column::AssetId),
    );
    let availability = || Expr::col((asset::Entity, asset::Column::Availability));
    availability()
        .eq(Availability::Public.code())
        .or(availability().eq(Availability::Automatic.code()).and(published_product))
}

/// `EXISTS (query AND <column> = assets.id)`: the query's rows about this asset.
fn linked_to(mut query: SelectStatement, column: (impl IntoIden + 'static, impl IntoIden + 'static)) -> SimpleExpr {
    query.and_where(Expr::col(column).equals((asset::Entity, asset::Column::Id)));
    Expr::exists(query)
}

/// The assets `filter` keeps (those with a current version). Categories are looked up with their
/// subcategories first.
///
/// # Errors
/// Database failures.
pub async fn condition(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Condition, DbErr> {
    condition_searching(db, filter, Searching::ByIndex).await
}

/// `condition`, with the search checked in each row's text rather than looked up in the text
/// index: for a few thousand rows already chosen, where the index would list every match.
///
/// # Errors
/// Database failures.
pub async fn row_condition(db: &impl ConnectionTrait, filter: &AssetFilter) -> Result<Condition, DbErr> {
    condition_searching(db, filter, Searching::RowByRow).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Searching {
    ByIndex,
    RowByRow,
}

async fn condition_searching(
    db: &impl ConnectionTrait,
    filter: &AssetFilter,
    searching: Searching,
) -> Result<Condition, DbErr> {
    let mut all = Condition::all().add(asset::Column::CurrentVersionId.is_not_null());
    if let Some(term) = filter.search_term() {
        all = all.add(match searching {
            Searching::ByIndex => search(db.get_database_backend(), &term),
            Searching::RowByRow => contains(db.get_database_backend(), &term),
        });
    }
    if !filter.file_types.is_empty() {
        all = all.add(asset::Column::FileType.is_in(filter.file_types.iter().map(|t| t.code())));
    }
    if !filter.availabilities.is_empty() {
        all = all.add(asset::Column::Availability.is_in(filter.availabilities.iter().map(|a| a.code())));
    }
    if let [yes] = filter.published[..] {
        all = all.add(if yes { published() } else { published().not() });
    }
    if !filter.labels.is_empty() || filter.no_labels {
        let mut any = Condition::any();
        if !filter.labels.is_empty() {
            any = any.add(in_link(
                asset_label::Entity,
                asset_label::Column::AssetId,
                asset_label::Column::Label,
                filter.labels.iter().cloned(),
            ));
        }
        if filter.no_labels {
            any = any.add(has_label().not());
        }
        all = all.add(any);
    }
    if !filter.linked.is_empty() || !filter.products.is_empty() {
        let mut any = Condition::any();
        if let [yes] = filter.linked[..] {
            any = any.add(if yes { has_product() } else { has_product().not() });
        } else if filter.linked.len() == 2 {
            any = any.add(Expr::val(true).eq(true));
        }
        if !filter.products.is_empty() {
            // A product by its number, or the products whose name holds the text (any case).
            let named = filter.products.iter().fold(Condition::any(), |any, text| {
                any.add(product::Column::Number.eq(text.as_str()))
                    .add(product::Column::NameSearch.contains(text.to_lowercase()))
            });
            let products = Query::select()
                .column(product::Column::Id)
                .from(product::Entity)
                .cond_where(named)
                .to_owned();
            any = any.add(
                Expr::col((asset::Entity, asset::Column::Id)).in_subquery(
                    Query::select()
                        .column(product_asset::Column::AssetId)
                        .from(product_asset::Entity)
                        .and_where(Expr::col(product_asset::Column::ProductId).in_subquery(products))
                        .to_owned(),
                ),
            );
        }
        all = all.add(any);
    }
    if !filter.categories.is_empty() {
        let within = super::catalogs::with_descendants(db, &filter.categories).await?;
        all = all.add(in_link(
            asset_category::Entity,
            asset_category::Column::AssetId,
            asset_category::Column::CategoryId,
            within.iter().map(|c| c.0),
        ));
    }
    if let Some(days) = added(filter) {
        all = all.add(days);
    }
    if !filter.added_by.is_empty() {
        all = all.add(asset::Column::CreatedBy.is_in(filter.added_by.iter().map(|u| u.0)));
    }
    Ok(all)
}

/// The filter's days added (a recent period, or from and to, the end day included; UTC), on
/// `assets.created_at`; `None` when it names none.
pub fn added(filter: &AssetFilter) -> Option<Condition> {
    let Days { start, end } = days(filter)?;
    let column = || Expr::col(asset::Column::CreatedAt);
    Some(
        Condition::all()
            .add_option(start.map(|start| column().gte(start)))
            .add_option(end.map(|end| column().lt(end))),
    )
}

/// The filter's days added as the instants they start and end at (UTC; the end day included, so
/// its end is the next midnight); `None` when it names no days.
pub fn days(filter: &AssetFilter) -> Option<Days> {
    let today = time::OffsetDateTime::now_utc().date();
    let recent = filter.added_within.map(|recent| recent.first_day(today));
    let start = recent.max(filter.added_from).map(|day| day.midnight().assume_utc());
    let end = filter.added_to.map(|to| {
        to.next_day()
            .map_or(time::OffsetDateTime::now_utc() + time::Duration::days(1), |day| {
                day.midnight().assume_utc()
            })
    });
    (start.is_some() || end.is_some()).then_some(Days { start, end })
}

/// A stretch of time added: from `start` (included) to `end` (excluded), either open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub start: Option<time::OffsetDateTime>,
    pub end: Option<time::OffsetDateTime>,
}

/// Whether the asset has any label.
pub fn has_label() -> SimpleExpr {
    has_any(asset_label::Entity, asset_label::Column::AssetId)
}

/// Whether the asset is linked to any product.
pub fn has_product() -> SimpleExpr {
    has_any(product_asset::Entity, product_asset::Column::AssetId)
}

/// A substring of the search text, through the database's own index. PostgreSQL: `LIKE` on the
/// `pg_trgm` GIN index (a backslash is its escape, so `%` and `_` in the term are literal). SQLite: a
/// phrase `MATCH` on the FTS5 trigram table, which is a substring search of 3 characters or more
/// (its `LIKE` with an `ESCAPE` would read the whole table); 2 characters are looked for with
/// `instr`, without the index.
fn search(backend: DbBackend, term: &str) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => {
            let escaped = term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            Expr::col((asset::Entity, asset::Column::SearchText)).like(format!("%{escaped}%"))
        }
        _ if term.chars().count() < 3 => contains(backend, term),
        _ => Expr::col((asset::Entity, asset::Column::Id)).in_subquery(
            Query::select()
                .expr(Expr::cust("rowid"))
                .from(Alias::new("asset_search"))
                .and_where(Expr::cust_with_values(
                    "asset_search MATCH ?",
                    [format!("\"{}\"", term.replace('"', "\"\""))],
                ))
                .to_owned(),
        ),
    }
}

/// Whether the asset's search text holds `term`, read in the row itself.
fn contains(backend: DbBackend, term: &str) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_values("strpos(assets.search_text, $1) > 0", [term]),
        _ => Expr::cust_with_values("instr(assets.search_text, ?) > 0", [term]),
    }
}

/// Whether the asset is among those with a row in a link table whose `column` is one of
/// `values`: driven from the link table's index on `column`, so a rare value costs what its rows do.
fn in_link<V: Into<sea_orm::Value>>(
    table: impl IntoIden + 'static,
    asset_column: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
    values: impl IntoIterator<Item = V>,
) -> SimpleExpr {
    Expr::col((asset::Entity, asset::Column::Id)).in_subquery(
        Query::select()
            .column(asset_column)
            .from(table)
            .and_where(Expr::col(column).is_in(values))
            .to_owned(),
    )
}

/// Whether the asset has any row in a link table.
fn has_any(table: impl IntoIden + 'static, asset_column: impl IntoIden + 'static) -> SimpleExpr {
    let table = table.into_iden();
    linked_to(
        Query::select().expr(Expr::val(1)).from(table.clone()).to_owned(),
        (table, asset_column),
    )
}
