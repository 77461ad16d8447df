//! The grid's orders, and a page of the documents a filter keeps in one of them. Each order is a
//! sorted set of (sort value, asset id, document), so a page after a cursor starts where the
//! cursor is, whatever came before it.
//!
//! A page is found one of two ways, chosen by how many documents the filter keeps: a broad
//! filter walks the order from the cursor and keeps the documents it holds (a few steps per card);
//! a narrow one sorts only its own documents' values. A walk that finds its documents far away
//! (the filter keeps few of the first ones in this order) stops after a bounded number of steps
//! and sorts instead, so neither way is ever slow.

use roaring::RoaringBitmap;
use std::{cmp::Ordering, collections::BTreeSet, ops::Bound, sync::Arc};

use super::index::{Doc, Facts};
use crate::domain::{AppError, AssetId, AssetSort, Cursor};

#[derive(Default)]
pub struct Orders {
    added: BTreeSet<(i64, AssetId, Doc)>,
    updated: BTreeSet<(i64, AssetId, Doc)>,
    size: BTreeSet<(i64, AssetId, Doc)>,
    name: BTreeSet<(Arc<str>, AssetId, Doc)>,
}

/// Where a page starts: the last card's sort value and id.
pub enum After {
    Number(i64, AssetId),
    Text(Arc<str>, AssetId),
}

impl After {
    /// The cursor of the previous page in `sort`.
    ///
    /// # Errors
    /// `Validation` when the cursor does not fit the order.
    pub fn of(sort: AssetSort, cursor: &Cursor) -> Result<After, AppError> {
        Ok(match sort {
            AssetSort::Name => After::Text(Arc::from(cursor.value.as_str()), cursor.id),
            AssetSort::Size => After::Number(cursor.number()?, cursor.id),
            AssetSort::Latest | AssetSort::Oldest | AssetSort::Updated => {
                cursor.instant()?;
                After::Number(cursor.number()?, cursor.id)
            }
        })
    }
}

/// The cursor after a document's card in `sort`.
pub fn cursor_of(sort: AssetSort, facts: &Facts) -> Cursor {
    Cursor {
        id: facts.id,
        value: match sort {
            AssetSort::Latest | AssetSort::Oldest => facts.added.to_string(),
            AssetSort::Updated => facts.updated.to_string(),
            AssetSort::Size => facts.size.to_string(),
            AssetSort::Name => facts.name_sort.to_string(),
        },
    }
}

/// Whether `sort` runs from the largest value (and id) down.
fn descending(sort: AssetSort) -> bool {
    matches!(sort, AssetSort::Latest | AssetSort::Size | AssetSort::Updated)
}

/// The instants (Unix nanoseconds, inclusive) within which a filter keeps the dates documents were
/// added, and how many documents were added then.
#[derive(Clone, Copy, Debug)]
pub struct AddedSpan {
    pub start: i64,
    pub end: i64,
    pub docs: u64,
}

/// How many steps of a walk each card of a page may take before the page is sorted instead.
const STEPS_PER_CARD: u64 = 64;
/// Steps any walk may take before the page is sorted instead: a walk passes a hundred thousand
/// documents in about 2 ms, less than sorting tens of thousands, so a filter whose documents
/// start some way into the order (names beginning with a common word) is still walked to.
const STEPS_AT_LEAST: u64 = 1 << 17;

impl Orders {
    pub fn put(&mut self, doc: Doc, facts: &Facts) {
        self.added.insert((facts.added, facts.id, doc));
        self.updated.insert((facts.updated, facts.id, doc));
        self.size.insert((facts.size, facts.id, doc));
        self.name.insert((facts.name_sort.clone(), facts.id, doc));
    }

    pub fn take_out(&mut self, doc: Doc, facts: &Facts) {
        self.added.remove(&(facts.added, facts.id, doc));
        self.updated.remove(&(facts.updated, facts.id, doc));
        self.size.remove(&(facts.size, facts.id, doc));
        self.name.remove(&(facts.name_sort.clone(), facts.id, doc));
    }

    /// Up to `limit` documents of `kept` in `sort` order after `after`; `live` counts every one.
    /// `added` bounds the instants (Unix nanoseconds, inclusive) at which the kept documents were
    /// added, and says how many documents were added then, when the filter keeps some dates only.
    pub fn page(
        &self,
        facts: &[Option<Facts>],
        kept: &RoaringBitmap,
        live: u64,
        sort: AssetSort,
        (after, added): (Option<&After>, Option<AddedSpan>),
        limit: usize,
    ) -> Vec<Doc> {
        let share = kept.len().max(1);
        // Expected steps of a walk: a card every `live / share` documents; within the dates kept,
        // when the order is by addition.
        let walked = match (sort, added) {
            (AssetSort::Latest | AssetSort::Oldest, Some(span)) => span.docs,
            _ => live,
        };
        let budget = ((limit as u64 + 1) * STEPS_PER_CARD).max(STEPS_AT_LEAST);
        if walked / share < STEPS_PER_CARD
            && let Some(found) = self.walk(kept, sort, after, added, limit, budget)
        {
            return found;
        }
        sorted(facts, kept, sort, after, limit)
    }

    /// The walk from the cursor; `None` when it would take more than `budget` steps.
    fn walk(
        &self,
        kept: &RoaringBitmap,
        sort: AssetSort,
        after: Option<&After>,
        added: Option<AddedSpan>,
        limit: usize,
        budget: u64,
    ) -> Option<Vec<Doc>> {
        let descending = descending(sort);
        match (sort, after) {
            (AssetSort::Name, after) => {
                let start = match after {
                    Some(After::Text(value, id)) => Bound::Excluded((value.clone(), *id, Doc::MAX)),
                    _ => Bound::Unbounded,
                };
                // A cursor's document is past by its value and id, whatever its number.
                let skip = |entry: &&(Arc<str>, AssetId, Doc)| match after {
                    Some(After::Text(value, id)) => (&entry.0, entry.1) <= (value, *id),
                    _ => false,
                };
                let entries = self.name.range((start, Bound::Unbounded)).skip_while(skip).map(|e| e.2);
                take(entries, kept, limit, budget)
            }
            (_, after) => {
                let set = match sort {
                    AssetSort::Latest | AssetSort::Oldest => &self.added,
                    AssetSort::Updated => &self.updated,
                    _ => &self.size,
                };
                let at = match after {
                    Some(After::Number(value, id)) => Some((*value, *id)),
                    _ => None,
                };
                // The dates kept, for the order of addition: the walk neither starts nor ends
                // among documents the filter cannot keep.
                let (low, high) = match sort {
                    AssetSort::Latest | AssetSort::Oldest => added.map_or((i64::MIN, i64::MAX), |s| (s.start, s.end)),
                    _ => (i64::MIN, i64::MAX),
                };
                let lowest = Bound::Included((low, AssetId(i64::MIN), 0));
                let highest = Bound::Included((high, AssetId(i64::MAX), Doc::MAX));
                if descending {
                    let end = match at {
                        Some((v, id)) if v <= high => Bound::Excluded((v, id, 0)),
                        _ => highest,
                    };
                    take(set.range((lowest, end)).rev().map(|e| e.2), kept, limit, budget)
                } else {
                    let start = match at {
                        Some((v, id)) if v >= low => Bound::Excluded((v, id, Doc::MAX)),
                        _ => lowest,
                    };
                    take(set.range((start, highest)).map(|e| e.2), kept, limit, budget)
                }
            }
        }
    }
}

fn take(entries: impl Iterator<Item = Doc>, kept: &RoaringBitmap, limit: usize, budget: u64) -> Option<Vec<Doc>> {
    let mut found = Vec::with_capacity(limit);
    for (step, doc) in entries.enumerate() {
        if step as u64 >= budget {
            return None;
        }
        if kept.contains(doc) {
            found.push(doc);
            if found.len() == limit {
                break;
            }
        }
    }
    Some(found)
}

/// The first `limit` of `kept` after `after` in `sort` order, by sorting their values.
fn sorted(
    facts: &[Option<Facts>],
    kept: &RoaringBitmap,
    sort: AssetSort,
    after: Option<&After>,
    limit: usize,
) -> Vec<Doc> {
    let descending = descending(sort);
    let compare = |a: &Facts, b: &Facts| {
        let order = match sort {
            AssetSort::Latest | AssetSort::Oldest => a.added.cmp(&b.added),
            AssetSort::Updated => a.updated.cmp(&b.updated),
            AssetSort::Size => a.size.cmp(&b.size),
            AssetSort::Name => a.name_sort.cmp(&b.name_sort),
        }
        .then(a.id.cmp(&b.id));
        if descending { order.reverse() } else { order }
    };
    let past = |f: &Facts| -> bool {
        let order = match after {
            None => return true,
            Some(After::Number(value, id)) => {
                let own = match sort {
                    AssetSort::Latest | AssetSort::Oldest => f.added,
                    AssetSort::Updated => f.updated,
                    _ => f.size,
                };
                (own, f.id).cmp(&(*value, *id))
            }
            Some(After::Text(value, id)) => (&f.name_sort, f.id).cmp(&(value, *id)),
        };
        if descending {
            order == Ordering::Less
        } else {
            order == Ordering::Greater
        }
    };
    // Each document's sort value's first eight bytes as a number, beside it: most comparisons end
    // there, without reading the facts again (a page of 40,000 names sorted twice as fast).
    let head = |f: &Facts| -> u64 {
        let head = match sort {
            AssetSort::Latest | AssetSort::Oldest => in_order(f.added),
            AssetSort::Updated => in_order(f.updated),
            AssetSort::Size => in_order(f.size),
            AssetSort::Name => first_bytes(&f.name_sort),
        };
        if descending { !head } else { head }
    };
    let mut chosen: Vec<(u64, Doc, &Facts)> = kept
        .iter()
        .filter_map(|doc| Some((doc, facts.get(doc as usize)?.as_ref()?)))
        .filter(|(_, f)| past(f))
        .map(|(doc, f)| (head(f), doc, f))
        .collect();
    let by_value = |a: &(u64, Doc, &Facts), b: &(u64, Doc, &Facts)| a.0.cmp(&b.0).then_with(|| compare(a.2, b.2));
    if chosen.len() > limit {
        chosen.select_nth_unstable_by(limit, by_value);
        chosen.truncate(limit);
    }
    chosen.sort_unstable_by(by_value);
    chosen.into_iter().map(|(_, doc, _)| doc).collect()
}

/// A number's place in order, as an unsigned number.
fn in_order(value: i64) -> u64 {
    (value as u64) ^ (1 << 63)
}

/// The first eight bytes of a text as a number that sorts as the text does (a shorter text is
/// padded with zeros, which no name holds).
fn first_bytes(text: &str) -> u64 {
    let mut head = [0u8; 8];
    let bytes = text.as_bytes();
    let n = bytes.len().min(8);
    head[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(head)
}

#[cfg(test)]
mod tests {
    use super::{first_bytes, in_order};

    #[test]
    fn heads_sort_as_their_values_do() {
        let names = ["", "a", "ab", "abcdefgh", "abcdefghz", "b", "z", "\u{e9}t\u{e9}"];
        for pair in names.windows(2) {
            assert!(
                pair[0] < pair[1] && first_bytes(pair[0]) <= first_bytes(pair[1]),
                "{pair:?}"
            );
        }
        let numbers = [i64::MIN, -5, -1, 0, 1, 7, i64::MAX];
        for pair in numbers.windows(2) {
            assert!(in_order(pair[0]) < in_order(pair[1]), "{pair:?}");
        }
    }
}
