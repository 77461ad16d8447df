//! The grid's search engine: its pages, the Filters panel's counts and "select all matching",
//! answered from an index held in memory (`search::index`) rather than by the database, so that
//! any filter on a million assets costs a few bitmap operations.
//!
//! The database stays the truth. Every change to an asset logs its id in `search_changes`, in the
//! change's own transaction (`db::search_facts::log`, called by the one write hook every write
//! path goes through). Before answering, an instance reads the log past what it has followed and
//! reloads those assets' facts: so whoever made a change sees it at once, on every instance.

mod counts;
mod index;
mod order;
mod product_names;
mod query;
mod text;

use std::collections::BTreeSet;
use std::sync::RwLock;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

use super::db::{self, search_facts};
use crate::domain::{AppError, AssetFacets, AssetFilter, AssetId, Cursor, FilterGroup};
use index::Index;
use order::After;
use query::{Groups, Lookups};

/// Assets read from the database at a time when the index is built.
const LOAD_SLICE: u64 = 20_000;
/// How long a change logged under a lower number than one already seen may take to commit before
/// it is taken as rolled back (its transaction could not write it).
const GAP_WAIT: Duration = Duration::from_secs(60);

pub struct Search {
    index: RwLock<Index>,
    follower: Mutex<Follower>,
    products: product_names::ProductNames,
}

/// How far this instance has followed the change log.
struct Follower {
    /// Every change up to this one is applied.
    low: i64,
    /// Changes applied above `low`, while one below them has not been seen yet.
    applied: BTreeSet<i64>,
    /// Since when the change after `low` has been missing.
    missing_since: Option<Instant>,
}

/// One page of the grid: the assets in order, and the cursor after the last when more follow.
pub struct Page {
    pub ids: Vec<AssetId>,
    pub next: Option<Cursor>,
}

impl Search {
    /// Builds the index from the database.
    ///
    /// # Errors
    /// Database failures.
    pub async fn load(db: &sea_orm::DatabaseConnection) -> Result<Search, AppError> {
        // Changes logged in the last minute may belong to transactions that commit after this
        // load has read their assets: they are followed again.
        let low = search_facts::last_before(db, crate::server::db::now_millis() - GAP_WAIT.as_millis() as i64).await?;
        let mut index = Index::default();
        let mut last = AssetId(0);
        loop {
            let slice = search_facts::after(db, last, LOAD_SLICE).await?;
            let Some(end) = slice.last().map(|facts| facts.id) else {
                break;
            };
            for facts in slice {
                index.put(facts.id, Some(facts));
            }
            last = end;
        }
        Ok(Search {
            index: RwLock::new(index),
            follower: Mutex::new(Follower {
                low,
                applied: BTreeSet::new(),
                missing_since: None,
            }),
            products: product_names::ProductNames::default(),
        })
    }

    /// Applies the changes logged since the last call.
    async fn catch_up(&self, db: &impl sea_orm::ConnectionTrait) -> Result<(), AppError> {
        let mut follower = self.follower.lock().await;
        loop {
            let changes = search_facts::changes_after(db, follower.low, 10_000).await?;
            let fresh: Vec<_> = changes.iter().filter(|c| !follower.applied.contains(&c.seq)).collect();
            if fresh.is_empty() {
                follower.advance();
                return Ok(());
            }
            let mut ids: Vec<AssetId> = fresh.iter().map(|c| c.asset).collect();
            ids.sort_unstable();
            ids.dedup();
            let facts = search_facts::of(db, &ids).await?;
            {
                let mut index = self.write();
                let mut by_id: std::collections::HashMap<AssetId, _> = facts.into_iter().map(|f| (f.id, f)).collect();
                for id in ids {
                    index.put(id, by_id.remove(&id));
                }
            }
            follower.applied.extend(fresh.iter().map(|c| c.seq));
            follower.advance();
            if changes.len() < 10_000 {
                return Ok(());
            }
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Index> {
        self.index.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Index> {
        self.index.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Up to `limit` assets `filter` keeps, in its order, after `after`.
    ///
    /// # Errors
    /// `Validation` for a cursor that does not fit the order; database failures.
    pub async fn page(
        &self,
        db: &sea_orm::DatabaseConnection,
        filter: &AssetFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page, AppError> {
        let after = after.map(|cursor| After::of(filter.sort, cursor)).transpose()?;
        let lookups = self.lookups(db, filter).await?;
        let index = self.read();
        let kept = self.groups(&index, filter, &lookups).kept_except(&index, None);
        // A walk in the order of addition starts within the dates the filter keeps.
        let added = lookups
            .today
            .and_then(|today| query::added_days(filter, today))
            .map(|(first, last)| index.added_span(first, last));
        let docs = index.orders.page(
            &index.facts,
            &kept,
            index.live.len(),
            filter.sort,
            (after.as_ref(), added),
            limit + 1,
        );
        let more = docs.len() > limit;
        let facts: Vec<_> = docs.iter().take(limit).filter_map(|&doc| index.facts_of(doc)).collect();
        Ok(Page {
            ids: facts.iter().map(|f| f.id).collect(),
            next: facts.last().filter(|_| more).map(|f| order::cursor_of(filter.sort, f)),
        })
    }

    /// The Filters panel's counts for `filter`, and how many assets it matches.
    ///
    /// # Errors
    /// Database failures.
    pub async fn counts(
        &self,
        db: &sea_orm::DatabaseConnection,
        filter: &AssetFilter,
    ) -> Result<AssetFacets, AppError> {
        let lookups = self.lookups(db, filter).await?;
        let tree = db::catalogs::parents(db).await?;
        let mut facets = {
            let index = self.read();
            let groups = self.groups(&index, filter, &lookups);
            counts::facets(&index, &groups, filter, &lookups, &tree)
        };
        for facet in &mut facets.groups {
            match facet.group {
                FilterGroup::AddedBy => {
                    let ids = facet.values.iter().filter_map(|v| v.value.parse::<i64>().ok());
                    let names = db::assets::name_of(db, ids).await?;
                    for value in &mut facet.values {
                        let id = value.value.parse::<i64>().unwrap_or_default();
                        value.label = names.get(&id).cloned().unwrap_or_else(|| format!("User {id}"));
                    }
                    facet.values.sort_by(|a, b| a.label.cmp(&b.label));
                }
                FilterGroup::Categories => {
                    for value in facet.values.iter_mut().filter(|v| v.chosen) {
                        let id = crate::domain::CategoryId(value.value.parse().unwrap_or_default());
                        value.label = db::catalogs::path_of(db, id)
                            .await?
                            .unwrap_or_else(|| format!("Category {}", id.0));
                    }
                }
                _ => {}
            }
        }
        Ok(facets)
    }

    /// Every asset `filter` keeps, in the order of their ids.
    ///
    /// # Errors
    /// Database failures.
    pub async fn ids(&self, db: &sea_orm::DatabaseConnection, filter: &AssetFilter) -> Result<Vec<AssetId>, AppError> {
        let lookups = self.lookups(db, filter).await?;
        let index = self.read();
        let kept = self.groups(&index, filter, &lookups).kept_except(&index, None);
        let mut ids: Vec<AssetId> = kept
            .iter()
            .filter_map(|doc| index.facts_of(doc).map(|f| f.id))
            .collect();
        ids.sort_unstable();
        Ok(ids)
    }

    /// What the filter names that only the database knows, once the index is current.
    async fn lookups(&self, db: &sea_orm::DatabaseConnection, filter: &AssetFilter) -> Result<Lookups, AppError> {
        self.catch_up(db).await?;
        let mut products = Vec::with_capacity(filter.products.len());
        for text in &filter.products {
            products.push(self.products.ids(db, text).await?);
        }
        Ok(Lookups {
            products,
            categories: db::catalogs::with_descendants(db, &filter.categories).await?,
            today: Some(time::OffsetDateTime::now_utc().date()),
        })
    }

    fn groups(&self, index: &Index, filter: &AssetFilter, lookups: &Lookups) -> Groups {
        let search = filter.search_term().map(|term| index.texts.matching(&term));
        Groups::of(index, filter, lookups, search)
    }
}

impl Follower {
    /// Moves `low` over the changes applied in a row, and over one missing for too long.
    fn advance(&mut self) {
        loop {
            while self.applied.remove(&(self.low + 1)) {
                self.low += 1;
                self.missing_since = None;
            }
            if self.applied.is_empty() {
                self.missing_since = None;
                return;
            }
            let since = *self.missing_since.get_or_insert_with(Instant::now);
            if since.elapsed() < GAP_WAIT {
                return;
            }
            // Whatever is still missing below the first change applied was rolled back.
            if let Some(&first) = self.applied.first() {
                self.low = first - 1;
            }
            self.missing_since = None;
        }
    }
}
