//! Each asset's facts for the Filters panel, packed in one integer kept on its row and copied onto
//! its label rows (`facet_key`): who added it, its file type, its availability, and whether it is
//! published, labelled and linked to a product. The panel's counts are then sums over the cells of
//! one grouped pass on an index of that integer, however many assets there are.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Statement,
    sea_query::{CaseStatement, Expr, Query, SimpleExpr},
};

use super::{
    asset_filter,
    entities::{asset, asset_label, product_asset},
};
use crate::domain::{AssetFilter, AssetId, Availability, FileType, FilterGroup, ProductId};

/// The key of an asset whose facts are not computed yet.
pub const UNKNOWN: i64 = -1;

/// One fact in the key: `(key >> shift) & mask`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    Linked,
    Labelled,
    Published,
    /// The index in `Availability::ALL`.
    Availability,
    /// 0 without a current version, else 1 + the index in `FileType::ALL`.
    FileType,
    /// The user's id.
    AddedBy,
}

impl Fact {
    const fn shift(self) -> u32 {
        match self {
            Fact::Linked => 0,
            Fact::Labelled => 1,
            Fact::Published => 2,
            Fact::Availability => 3,
            Fact::FileType => 5,
            Fact::AddedBy => 8,
        }
    }

    const fn mask(self) -> i64 {
        match self {
            Fact::Linked | Fact::Labelled | Fact::Published => 1,
            Fact::Availability => 3,
            Fact::FileType => 7,
            Fact::AddedBy => i64::MAX >> 8,
        }
    }

    /// This fact's value in `key`.
    pub const fn of(self, key: i64) -> i64 {
        (key >> self.shift()) & self.mask()
    }

    /// This fact's value in the key column `column`, in SQL.
    fn sql(self, column: &str) -> String {
        format!("(({column} >> {}) & {})", self.shift(), self.mask())
    }
}

/// The value of `Fact::FileType` for a file type.
pub fn file_type_value(file_type: FileType) -> i64 {
    1 + index_of(&FileType::ALL, &file_type)
}

/// The value of `Fact::Availability` for an availability.
pub fn availability_value(availability: Availability) -> i64 {
    index_of(&Availability::ALL, &availability)
}

fn index_of<T: PartialEq>(all: &[T], one: &T) -> i64 {
    all.iter()
        .position(|x| x == one)
        .and_then(|i| i64::try_from(i).ok())
        .unwrap_or_default()
}

/// The keys of current assets that meet `asks`, when there are at most `most`, and the assets hold
/// at most `MOST_PRESENT` keys in all: read as a loose scan of the key's index (one seek per key
/// present, to the next larger one), however many assets share each.
///
/// # Errors
/// Database failures.
pub async fn present(db: &impl ConnectionTrait, asks: &[Ask], most: usize) -> Result<Option<Vec<i64>>, DbErr> {
    let sql = format!(
        "WITH RECURSIVE present(key, n) AS ( \
           SELECT MIN(facet_key), 1 FROM assets WHERE current_version_id IS NOT NULL \
           UNION ALL \
           SELECT (SELECT MIN(a.facet_key) FROM assets a \
                   WHERE a.current_version_id IS NOT NULL AND a.facet_key > present.key), n + 1 \
           FROM present WHERE present.key IS NOT NULL AND n <= {MOST_PRESENT}) \
         SELECT key FROM present WHERE key IS NOT NULL"
    );
    let rows = db
        .query_all(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    if rows.len() > MOST_PRESENT {
        return Ok(None);
    }
    let mut keys = Vec::new();
    for row in rows {
        let key: i64 = row.try_get_by_index(0)?;
        if keeps(asks, key) {
            keys.push(key);
        }
    }
    Ok((keys.len() <= most).then_some(keys))
}

/// Up to how many different keys `present` reads.
const MOST_PRESENT: usize = 1_000;

/// What a filter's group asks of an asset's facts: the values one fact may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    pub group: FilterGroup,
    pub fact: Fact,
    pub values: Vec<i64>,
}

/// What `group` of `filter` asks: `Ok(None)` nothing, `Ok(Some(ask))` facts only, `Err(())` more
/// than an asset's facts (a search, labels or products by name, categories, dates).
fn ask(filter: &AssetFilter, group: FilterGroup) -> Result<Option<Ask>, ()> {
    let ask = |fact, values: Vec<i64>| Ok(Some(Ask { group, fact, values }));
    let yes_no = |chosen: &[bool], fact| match chosen {
        [yes] => ask(fact, vec![i64::from(*yes)]),
        _ => Ok(None),
    };
    match group {
        FilterGroup::Search if filter.search_term().is_some() => Err(()),
        FilterGroup::Categories if !filter.categories.is_empty() => Err(()),
        FilterGroup::Added
            if filter.added_within.is_some() || filter.added_from.is_some() || filter.added_to.is_some() =>
        {
            Err(())
        }
        FilterGroup::Labels if !filter.labels.is_empty() => Err(()),
        FilterGroup::Products if !filter.products.is_empty() => Err(()),
        FilterGroup::FileType if !filter.file_types.is_empty() => ask(
            Fact::FileType,
            filter.file_types.iter().map(|&t| file_type_value(t)).collect(),
        ),
        FilterGroup::Availability if !filter.availabilities.is_empty() => ask(
            Fact::Availability,
            filter.availabilities.iter().map(|&a| availability_value(a)).collect(),
        ),
        FilterGroup::Published => yes_no(&filter.published, Fact::Published),
        FilterGroup::Labels if filter.no_labels => ask(Fact::Labelled, vec![0]),
        FilterGroup::Products => yes_no(&filter.linked, Fact::Linked),
        FilterGroup::AddedBy if !filter.added_by.is_empty() => {
            ask(Fact::AddedBy, filter.added_by.iter().map(|u| u.0).collect())
        }
        _ => Ok(None),
    }
}

/// A filter split in two: the groups an asset's facts decide, and the rest, left to SQL.
#[derive(Clone, Debug)]
pub struct Split {
    pub asks: Vec<Ask>,
    /// The filter without the groups in `asks`.
    pub rest: AssetFilter,
}

impl Split {
    pub fn of(filter: &AssetFilter) -> Split {
        let mut asks = Vec::new();
        let mut rest = filter.clone();
        for group in FilterGroup::ALL {
            if let Ok(Some(ask)) = ask(filter, group) {
                rest = rest.without_group(group);
                asks.push(ask);
            }
        }
        Split { asks, rest }
    }

    /// The facts' criteria of every group but `except`.
    pub fn asks_except(&self, except: FilterGroup) -> Vec<Ask> {
        self.asks.iter().filter(|a| a.group != except).cloned().collect()
    }
}

/// Whether `filter`'s `group` asks more than an asset's facts.
pub fn needs_sql(filter: &AssetFilter, group: FilterGroup) -> bool {
    ask(filter, group).is_err()
}

/// Whether every criterion of `filter` is about an asset's facts.
pub fn only_facts(filter: &AssetFilter) -> bool {
    !FilterGroup::ALL.into_iter().any(|group| needs_sql(filter, group))
}

/// Whether a key meets every ask.
pub fn keeps(asks: &[Ask], key: i64) -> bool {
    asks.iter().all(|a| a.values.contains(&a.fact.of(key)))
}

/// Every ask, and a current version, on the key column `column` (`assets.facet_key`,
/// `asset_labels.facet_key`), in SQL.
pub fn condition(asks: &[Ask], column: &str) -> SimpleExpr {
    let mut all = format!("{} <> 0", Fact::FileType.sql(column));
    for ask in asks {
        let values: Vec<String> = ask.values.iter().map(i64::to_string).collect();
        all.push_str(&format!(" AND {} IN ({})", ask.fact.sql(column), values.join(", ")));
    }
    Expr::cust(all)
}

/// An asset's key from its row, its labels and its links, in SQL (the publication rule is
/// `asset_filter::published`), with `file_type` as its file type code (its column, or the value
/// an update is about to give it).
pub fn expression(file_type: SimpleExpr) -> SimpleExpr {
    let flag = |condition: SimpleExpr, fact: Fact| -> SimpleExpr {
        Expr::case(condition, 1i64 << fact.shift()).finally(0i64).into()
    };
    let file_type = FileType::ALL.iter().fold(CaseStatement::new(), |case, &t| {
        case.case(
            file_type.clone().eq(t.code()),
            file_type_value(t) << Fact::FileType.shift(),
        )
    });
    let availability = Availability::ALL.iter().fold(CaseStatement::new(), |case, &a| {
        case.case(
            asset::Column::Availability.eq(a.code()),
            availability_value(a) << Fact::Availability.shift(),
        )
    });
    let finally = |case: CaseStatement| -> SimpleExpr { case.finally(0i64).into() };
    Expr::col((asset::Entity, asset::Column::CreatedBy))
        .mul(1i64 << Fact::AddedBy.shift())
        .add(finally(file_type))
        .add(finally(availability))
        .add(flag(asset_filter::published(), Fact::Published))
        .add(flag(asset_filter::has_label(), Fact::Labelled))
        .add(flag(asset_filter::has_product(), Fact::Linked))
}

/// Copies the keys of these assets onto those of their label rows that differ (new ones, or all
/// after a key changed). Call it after the assets' own keys are up to date.
///
/// # Errors
/// Database failures.
pub async fn copy_to_labels(db: &impl ConnectionTrait, ids: &[AssetId]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let own = "(SELECT a.facet_key FROM assets a WHERE a.id = asset_labels.asset_id)";
    asset_label::Entity::update_many()
        .col_expr(asset_label::Column::FacetKey, Expr::cust(own))
        .filter(asset_label::Column::AssetId.is_in(ids.iter().map(|id| id.0)))
        .filter(Expr::cust(format!("asset_labels.facet_key <> {own}")))
        .exec(db)
        .await?;
    Ok(())
}

/// The assets whose keys to bring up to date.
pub enum Stale {
    /// The assets linked to these products, after their status changed.
    LinkedTo(Vec<ProductId>),
    /// Every key not computed yet (at start).
    Unknown,
}

/// Brings the keys of `stale` assets, and of their label rows, up to date, in the transaction of
/// the change. A change to one asset has `asset_index::refresh` do it.
///
/// # Errors
/// Database failures.
pub async fn refresh(db: &impl ConnectionTrait, stale: Stale) -> Result<(), DbErr> {
    let linked_to = |products: &[ProductId]| {
        Query::select()
            .column(product_asset::Column::AssetId)
            .from(product_asset::Entity)
            .and_where(product_asset::Column::ProductId.is_in(products.iter().map(|p| p.0)))
            .to_owned()
    };
    let (assets, labels): (SimpleExpr, SimpleExpr) = match &stale {
        Stale::LinkedTo(products) if products.is_empty() => return Ok(()),
        Stale::LinkedTo(products) => (
            Expr::col((asset::Entity, asset::Column::Id)).in_subquery(linked_to(products)),
            asset_label::Column::AssetId.in_subquery(linked_to(products)),
        ),
        Stale::Unknown => (
            asset::Column::FacetKey.eq(UNKNOWN),
            asset_label::Column::FacetKey.eq(UNKNOWN),
        ),
    };
    asset::Entity::update_many()
        .col_expr(
            asset::Column::FacetKey,
            expression(Expr::col((asset::Entity, asset::Column::FileType)).into()),
        )
        .filter(assets)
        .exec(db)
        .await?;
    asset_label::Entity::update_many()
        .col_expr(
            asset_label::Column::FacetKey,
            Expr::cust("(SELECT a.facet_key FROM assets a WHERE a.id = asset_labels.asset_id)"),
        )
        .filter(labels)
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(user: i64, file_type: FileType, availability: Availability, flags: [bool; 3]) -> i64 {
        let [published, labelled, linked] = flags.map(i64::from);
        (user << 8)
            | (file_type_value(file_type) << 5)
            | (availability_value(availability) << 3)
            | (published << 2)
            | (labelled << 1)
            | linked
    }

    #[test]
    fn each_fact_reads_back_from_the_key() {
        let k = key(4242, FileType::ALL[5], Availability::Internal, [true, false, true]);
        assert_eq!(Fact::AddedBy.of(k), 4242);
        assert_eq!(Fact::FileType.of(k), file_type_value(FileType::ALL[5]));
        assert_eq!(Fact::Availability.of(k), availability_value(Availability::Internal));
        assert_eq!(
            [Fact::Published, Fact::Labelled, Fact::Linked].map(|f| f.of(k)),
            [1, 0, 1]
        );
    }

    #[test]
    fn groups_decided_by_facts_leave_the_rest_to_sql() {
        let filter =
            AssetFilter::from_query("type=image&type=video&no_label=1&linked=yes&by=3&category=7&q=shoe").unwrap();
        let split = Split::of(&filter);
        let groups: Vec<FilterGroup> = split.asks.iter().map(|a| a.group).collect();
        assert_eq!(
            groups,
            [
                FilterGroup::FileType,
                FilterGroup::Labels,
                FilterGroup::Products,
                FilterGroup::AddedBy
            ]
        );
        assert!(split.rest.file_types.is_empty() && !split.rest.no_labels && split.rest.added_by.is_empty());
        assert_eq!(split.rest.search, "shoe");
        assert_eq!(split.rest.categories, filter.categories);
        let image_by_3 = key(3, FileType::ALL[0], Availability::Public, [true, false, true]);
        assert!(keeps(&split.asks, image_by_3));
        assert!(!keeps(
            &split.asks,
            key(3, FileType::ALL[0], Availability::Public, [true, true, true])
        ));
        assert!(!keeps(
            &split.asks,
            key(2, FileType::ALL[0], Availability::Public, [true, false, true])
        ));
        assert!(!keeps(
            &split.asks_except(FilterGroup::AddedBy),
            key(3, FileType::ALL[2], Availability::Public, [false; 3])
        ));
        assert_eq!(split.asks_except(FilterGroup::AddedBy).len(), 3);
    }

    #[test]
    fn labels_or_products_by_name_need_sql() {
        let split = Split::of(&AssetFilter::from_query("label=red&no_label=1&product=P-1&linked=no").unwrap());
        assert!(split.asks.is_empty());
        assert!(needs_sql(&split.rest, FilterGroup::Labels) && needs_sql(&split.rest, FilterGroup::Products));
        assert!(!only_facts(&split.rest));
        assert!(only_facts(
            &split
                .rest
                .without_group(FilterGroup::Labels)
                .without_group(FilterGroup::Products)
        ));
    }
}
