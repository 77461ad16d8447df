//! The index itself: every asset with a current version as a small number (its document), a
//! bitmap of documents per value of each filter group, the orders of the grid, and the search
//! text. Everything a filter, a page or a count needs is here; the database is only read to
//! bring an asset's facts up to date.

use roaring::RoaringBitmap;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::{
    order::{AddedSpan, Orders},
    text::Texts,
};
use crate::domain::{AssetId, Availability, CategoryId, FileType, Publication, UserId};
use crate::server::db::search_facts::StoredFacts;

/// An asset in the index.
pub type Doc = u32;

/// What the index keeps of one asset, to take it out of its bitmaps again and to order it.
#[derive(Clone, Debug)]
pub struct Facts {
    pub id: AssetId,
    pub added: i64,
    pub updated: i64,
    pub name_sort: Arc<str>,
    pub size: i64,
    pub file_type: FileType,
    pub availability: Availability,
    pub published: bool,
    pub added_by: UserId,
    pub labels: Vec<Arc<str>>,
    pub products: Vec<i64>,
    pub categories: Vec<CategoryId>,
    pub day: i32,
}

#[derive(Default)]
pub struct Index {
    pub facts: Vec<Option<Facts>>,
    docs: HashMap<AssetId, Doc>,
    free: Vec<Doc>,
    pub live: RoaringBitmap,
    pub file_types: HashMap<FileType, RoaringBitmap>,
    pub availabilities: HashMap<Availability, RoaringBitmap>,
    pub published: RoaringBitmap,
    pub labels: HashMap<Arc<str>, RoaringBitmap>,
    pub labelled: RoaringBitmap,
    pub linked: RoaringBitmap,
    pub products: HashMap<i64, RoaringBitmap>,
    pub categories: HashMap<CategoryId, RoaringBitmap>,
    pub added_by: HashMap<UserId, RoaringBitmap>,
    /// Documents by the day they were added (days since 1970-01-01, UTC), and by month.
    pub days: BTreeMap<i32, RoaringBitmap>,
    pub months: BTreeMap<i32, RoaringBitmap>,
    pub orders: Orders,
    pub texts: Texts,
}

const NANOS_A_DAY: i64 = 86_400_000_000_000;

/// The day (since 1970-01-01, UTC) of an instant in Unix nanoseconds.
pub fn day_of(nanos: i64) -> i32 {
    i32::try_from(nanos.div_euclid(NANOS_A_DAY)).unwrap_or(i32::MAX)
}

/// The month of a day (year × 12 + month − 1); an open end's far-away day gives a month before
/// or after every other.
pub fn month_of(day: i32) -> i32 {
    match day
        .checked_add(EPOCH_JULIAN)
        .and_then(|julian| time::Date::from_julian_day(julian).ok())
    {
        Some(date) => date.year() * 12 + i32::from(u8::from(date.month())) - 1,
        None if day < 0 => i32::MIN / 2,
        None => i32::MAX / 2,
    }
}

/// The Julian day of 1970-01-01.
pub const EPOCH_JULIAN: i32 = 2_440_588;

impl Index {
    pub fn facts_of(&self, doc: Doc) -> Option<&Facts> {
        self.facts.get(doc as usize).and_then(Option::as_ref)
    }

    /// Brings one asset up to date: its stored facts, or `None` when it is gone (or has no current
    /// version).
    pub fn put(&mut self, id: AssetId, stored: Option<StoredFacts>) {
        if let Some(doc) = self.docs.get(&id).copied() {
            self.take_out(doc);
        }
        let Some(stored) = stored else {
            if let Some(doc) = self.docs.remove(&id) {
                self.free.push(doc);
            }
            return;
        };
        let doc = match self.docs.get(&id) {
            Some(&doc) => doc,
            None => {
                let doc = self.free.pop().unwrap_or(self.facts.len() as Doc);
                self.docs.insert(id, doc);
                doc
            }
        };
        if doc as usize == self.facts.len() {
            self.facts.push(None);
        }
        let text = super::text::search_text(&stored);
        let facts = self.facts_from(stored);
        self.put_in(doc, &facts);
        self.texts.put(doc, &text);
        self.facts[doc as usize] = Some(facts);
    }

    fn facts_from(&mut self, stored: StoredFacts) -> Facts {
        let file_type = stored.file_type.parse().unwrap_or(FileType::Other);
        let availability = stored.availability.parse().unwrap_or(Availability::Internal);
        let published_products = stored.products.iter().filter(|(_, published)| *published).count();
        let publication = Publication::of(availability, u32::try_from(published_products).unwrap_or(u32::MAX));
        // Labels share one copy of their text across assets.
        let labels = stored
            .labels
            .iter()
            .map(|label| match self.labels.get_key_value(label.as_str()) {
                Some((shared, _)) => shared.clone(),
                None => Arc::from(label.as_str()),
            })
            .collect();
        let mut products: Vec<i64> = stored.products.iter().map(|(product, _)| *product).collect();
        products.dedup();
        Facts {
            id: stored.id,
            added: stored.added,
            updated: stored.updated,
            name_sort: Arc::from(stored.name_sort),
            size: stored.size,
            file_type,
            availability,
            published: publication.is_published(),
            added_by: stored.added_by,
            labels,
            products,
            categories: stored.categories,
            day: day_of(stored.added),
        }
    }

    fn put_in(&mut self, doc: Doc, facts: &Facts) {
        self.live.insert(doc);
        self.file_types.entry(facts.file_type).or_default().insert(doc);
        self.availabilities.entry(facts.availability).or_default().insert(doc);
        if facts.published {
            self.published.insert(doc);
        }
        for label in &facts.labels {
            self.labels.entry(label.clone()).or_default().insert(doc);
        }
        if !facts.labels.is_empty() {
            self.labelled.insert(doc);
        }
        for product in &facts.products {
            self.products.entry(*product).or_default().insert(doc);
        }
        if !facts.products.is_empty() {
            self.linked.insert(doc);
        }
        for category in &facts.categories {
            self.categories.entry(*category).or_default().insert(doc);
        }
        self.added_by.entry(facts.added_by).or_default().insert(doc);
        self.days.entry(facts.day).or_default().insert(doc);
        self.months.entry(month_of(facts.day)).or_default().insert(doc);
        self.orders.put(doc, facts);
    }

    fn take_out(&mut self, doc: Doc) {
        let Some(facts) = self.facts.get_mut(doc as usize).and_then(Option::take) else {
            return;
        };
        self.live.remove(doc);
        fn out<K: std::hash::Hash + Eq>(map: &mut HashMap<K, RoaringBitmap>, key: &K, doc: Doc) {
            if let Some(bitmap) = map.get_mut(key) {
                bitmap.remove(doc);
                if bitmap.is_empty() {
                    map.remove(key);
                }
            }
        }
        out(&mut self.file_types, &facts.file_type, doc);
        out(&mut self.availabilities, &facts.availability, doc);
        self.published.remove(doc);
        for label in &facts.labels {
            out(&mut self.labels, label, doc);
        }
        self.labelled.remove(doc);
        for product in &facts.products {
            out(&mut self.products, product, doc);
        }
        self.linked.remove(doc);
        for category in &facts.categories {
            out(&mut self.categories, category, doc);
        }
        out(&mut self.added_by, &facts.added_by, doc);
        if let Some(day) = self.days.get_mut(&facts.day) {
            day.remove(doc);
        }
        if let Some(month) = self.months.get_mut(&month_of(facts.day)) {
            month.remove(doc);
        }
        self.orders.take_out(doc, &facts);
        self.texts.take_out(doc);
    }

    /// The documents added from day `first` to day `last`, both included, either open.
    /// The instants of these days (either end open when `None`), and how many documents were
    /// added on them.
    pub fn added_span(&self, first: Option<i32>, last: Option<i32>) -> AddedSpan {
        let docs = match (first, last) {
            (Some(first), Some(last)) if first > last => 0,
            _ => self
                .days
                .range(first.unwrap_or(i32::MIN)..=last.unwrap_or(i32::MAX))
                .map(|(_, docs)| docs.len())
                .sum(),
        };
        AddedSpan {
            start: first.map_or(i64::MIN, |day| i64::from(day).saturating_mul(NANOS_A_DAY)),
            end: last.map_or(i64::MAX, |day| {
                (i64::from(day) + 1).saturating_mul(NANOS_A_DAY).saturating_sub(1)
            }),
            docs,
        }
    }

    pub fn added_between(&self, first: Option<i32>, last: Option<i32>) -> RoaringBitmap {
        let (first, last) = (first.unwrap_or(i32::MIN), last.unwrap_or(i32::MAX));
        if first > last {
            return RoaringBitmap::new();
        }
        let mut found = RoaringBitmap::new();
        // Whole months at once, the days at either end one by one.
        let (first_month, last_month) = (month_of(first), month_of(last));
        let whole = |month: i32| month > first_month && month < last_month;
        for (_, bitmap) in self
            .months
            .range(first_month.saturating_add(1)..last_month.max(first_month + 1))
        {
            found |= bitmap;
        }
        for (day, bitmap) in self.days.range(first..=last) {
            if !whole(month_of(*day)) {
                found |= bitmap;
            }
        }
        found
    }
}
