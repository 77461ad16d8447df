//! A filter as bitmaps: one per group it sets (values within a group combine with OR), and the
//! documents that every group keeps (groups combine with AND).

use roaring::RoaringBitmap;
use std::collections::HashMap;

use super::index::{EPOCH_JULIAN, Index};
use crate::domain::{AssetFilter, CategoryId, FilterGroup};

/// What a filter names that only the database knows: the products its product texts name, and
/// its categories with their subcategories.
#[derive(Clone, Debug, Default)]
pub struct Lookups {
    /// For each product text of the filter, in its order, the products it names.
    pub products: Vec<Vec<i64>>,
    pub categories: Vec<CategoryId>,
    /// Today (UTC), for the Added presets.
    pub today: Option<time::Date>,
}

/// The filter's groups as bitmaps, and the search's documents once found.
pub struct Groups {
    pub bitmaps: HashMap<FilterGroup, RoaringBitmap>,
}

impl Groups {
    pub fn of(index: &Index, filter: &AssetFilter, lookups: &Lookups, search: Option<RoaringBitmap>) -> Groups {
        let mut bitmaps = HashMap::new();
        if let Some(found) = search {
            bitmaps.insert(FilterGroup::Search, found);
        }
        for group in FilterGroup::ALL {
            if group != FilterGroup::Search
                && let Some(bitmap) = group_bitmap(index, filter, lookups, group)
            {
                bitmaps.insert(group, bitmap);
            }
        }
        Groups { bitmaps }
    }

    /// The documents every group but `except` keeps (all of them for `None`).
    pub fn kept_except(&self, index: &Index, except: Option<FilterGroup>) -> RoaringBitmap {
        let mut parts: Vec<&RoaringBitmap> = self
            .bitmaps
            .iter()
            .filter(|(group, _)| Some(**group) != except)
            .map(|(_, bitmap)| bitmap)
            .collect();
        parts.sort_by_key(|bitmap| bitmap.len());
        let Some((first, rest)) = parts.split_first() else {
            return index.live.clone();
        };
        let mut kept = (*first).clone();
        for part in rest {
            kept &= *part;
        }
        kept &= &index.live;
        kept
    }
}

fn union<'a>(bitmaps: impl Iterator<Item = &'a RoaringBitmap>) -> RoaringBitmap {
    let mut all = RoaringBitmap::new();
    for bitmap in bitmaps {
        all |= bitmap;
    }
    all
}

fn group_bitmap(index: &Index, filter: &AssetFilter, lookups: &Lookups, group: FilterGroup) -> Option<RoaringBitmap> {
    let yes_no = |chosen: &[bool], yes: &RoaringBitmap| match chosen {
        [true] => Some(yes.clone()),
        [false] => Some(&index.live - yes),
        _ => None,
    };
    match group {
        FilterGroup::Search => None,
        FilterGroup::FileType => (!filter.file_types.is_empty())
            .then(|| union(filter.file_types.iter().filter_map(|t| index.file_types.get(t)))),
        FilterGroup::Availability => (!filter.availabilities.is_empty())
            .then(|| union(filter.availabilities.iter().filter_map(|a| index.availabilities.get(a)))),
        FilterGroup::Published => yes_no(&filter.published, &index.published),
        FilterGroup::Labels => {
            if filter.labels.is_empty() && !filter.no_labels {
                return None;
            }
            let mut kept = union(filter.labels.iter().filter_map(|l| index.labels.get(l.as_str())));
            if filter.no_labels {
                kept |= &index.live - &index.labelled;
            }
            Some(kept)
        }
        FilterGroup::Products => {
            if filter.linked.is_empty() && filter.products.is_empty() {
                return None;
            }
            let mut kept = match filter.linked[..] {
                [] => RoaringBitmap::new(),
                _ => yes_no(&filter.linked, &index.linked).unwrap_or_else(|| index.live.clone()),
            };
            kept |= union(lookups.products.iter().flatten().filter_map(|p| index.products.get(p)));
            Some(kept)
        }
        FilterGroup::Categories => (!filter.categories.is_empty())
            .then(|| union(lookups.categories.iter().filter_map(|c| index.categories.get(c)))),
        FilterGroup::Added => {
            let (first, last) = added_days(filter, lookups.today?)?;
            Some(index.added_between(first, last))
        }
        FilterGroup::AddedBy => {
            (!filter.added_by.is_empty()).then(|| union(filter.added_by.iter().filter_map(|u| index.added_by.get(u))))
        }
    }
}

/// The filter's first and last days added (days since 1970-01-01, UTC), when it names any.
pub fn added_days(filter: &AssetFilter, today: time::Date) -> Option<(Option<i32>, Option<i32>)> {
    let recent = filter.added_within.map(|recent| recent.first_day(today));
    let first = recent.max(filter.added_from);
    let last = filter.added_to;
    let day = |date: time::Date| date.to_julian_day() - EPOCH_JULIAN;
    (first.is_some() || last.is_some()).then(|| (first.map(day), last.map(day)))
}
