//! The Filters panel's counts: for each group, the documents every other group keeps, counted by
//! this group's values; each count one intersection of two bitmaps.

use roaring::RoaringBitmap;
use std::collections::HashMap;

use super::index::Index;
use super::query::{Groups, Lookups, added_days};
use crate::domain::{
    AssetFacets, AssetFilter, Availability, CategoryId, Facet, FacetValue, FileType, FilterGroup, RecentDays, UserId,
};

/// Labels and users listed beside the chosen ones: the most used.
const TOP: usize = 20;

/// Every category's parent, for counting an asset in a category's ancestors too.
pub type Tree = Vec<(CategoryId, Option<CategoryId>)>;

/// The counts; users are named and chosen categories given their paths afterwards, by the caller.
pub fn facets(index: &Index, groups: &Groups, filter: &AssetFilter, lookups: &Lookups, tree: &Tree) -> AssetFacets {
    let without = |group| groups.kept_except(index, Some(group));
    let count = |kept: &RoaringBitmap, values: Option<&RoaringBitmap>| values.map_or(0, |v| kept.intersection_len(v));
    let kept = without(FilterGroup::FileType);
    let file_types = FileType::ALL
        .into_iter()
        .map(|t| {
            let n = count(&kept, index.file_types.get(&t));
            value("type", t.code(), t.to_string(), n, filter.file_types.contains(&t))
        })
        .collect();
    let kept = without(FilterGroup::Availability);
    let availabilities = Availability::ALL
        .into_iter()
        .map(|a| {
            let n = count(&kept, index.availabilities.get(&a));
            value(
                "availability",
                a.code(),
                a.to_string(),
                n,
                filter.availabilities.contains(&a),
            )
        })
        .collect();
    let kept = without(FilterGroup::Published);
    let published = yes_no(
        &kept,
        &index.published,
        "published",
        ["Published", "Not published"],
        &filter.published,
    );
    let groups_out = vec![
        Facet {
            group: FilterGroup::FileType,
            values: file_types,
        },
        Facet {
            group: FilterGroup::Availability,
            values: availabilities,
        },
        Facet {
            group: FilterGroup::Published,
            values: published,
        },
        labels(index, &without(FilterGroup::Labels), filter),
        products(index, &without(FilterGroup::Products), filter, lookups),
        categories(index, &without(FilterGroup::Categories), filter, tree),
        added(index, &without(FilterGroup::Added), filter, lookups),
        added_by(index, &without(FilterGroup::AddedBy), filter),
    ];
    AssetFacets {
        total: groups.kept_except(index, None).len(),
        groups: groups_out,
    }
}

fn value(key: &str, value: &str, label: String, count: u64, chosen: bool) -> FacetValue {
    FacetValue {
        key: key.to_owned(),
        value: value.to_owned(),
        label,
        count,
        chosen,
    }
}

fn yes_no(kept: &RoaringBitmap, yes: &RoaringBitmap, key: &str, labels: [&str; 2], chosen: &[bool]) -> Vec<FacetValue> {
    let with = kept.intersection_len(yes);
    vec![
        value(key, "yes", labels[0].to_owned(), with, chosen.contains(&true)),
        value(
            key,
            "no",
            labels[1].to_owned(),
            kept.len() - with,
            chosen.contains(&false),
        ),
    ]
}

/// The most used labels of the kept documents and the chosen ones, by name; then "No labels".
fn labels(index: &Index, kept: &RoaringBitmap, filter: &AssetFilter) -> Facet {
    // Few documents, or a tenth of them or less: their own labels are counted rather than every
    // label asked. A sparse bitmap meets each label's one container by container, which costs
    // about its own size each time: thousands of rare labels made that 150 ms at a million.
    let few = kept.len() < index.labels.len() as u64 * 8 || kept.len() * 10 < index.live.len();
    let counts: Vec<(&str, u64)> = if few {
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for doc in kept {
            for label in index.facts_of(doc).map(|f| f.labels.as_slice()).unwrap_or_default() {
                *counts.entry(label).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    } else {
        index
            .labels
            .iter()
            .map(|(label, docs)| (&**label, kept.intersection_len(docs)))
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    let mut top = counts.clone();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(TOP);
    for label in &filter.labels {
        if !top.iter().any(|(l, _)| l == label) {
            let n = counts.iter().find(|(l, _)| l == label).map_or(0, |(_, n)| *n);
            top.push((label, n));
        }
    }
    top.sort_by(|a, b| a.0.cmp(b.0));
    let mut values: Vec<FacetValue> = top
        .into_iter()
        .map(|(label, n)| {
            value(
                "label",
                label,
                label.to_owned(),
                n,
                filter.labels.iter().any(|l| l == label),
            )
        })
        .collect();
    let without = kept.len() - kept.intersection_len(&index.labelled);
    values.push(value(
        "no_label",
        "1",
        "No labels".to_owned(),
        without,
        filter.no_labels,
    ));
    Facet {
        group: FilterGroup::Labels,
        values,
    }
}

fn products(index: &Index, kept: &RoaringBitmap, filter: &AssetFilter, lookups: &Lookups) -> Facet {
    let mut values = yes_no(
        kept,
        &index.linked,
        "linked",
        ["Linked to a product", "Not linked"],
        &filter.linked,
    );
    for (number, named) in filter.products.iter().zip(&lookups.products) {
        let mut docs = RoaringBitmap::new();
        for product in named {
            if let Some(linked) = index.products.get(product) {
                docs |= linked;
            }
        }
        let n = kept.intersection_len(&docs);
        values.push(value(
            "product",
            number,
            format!("Product \u{201c}{number}\u{201d}"),
            n,
            true,
        ));
    }
    Facet {
        group: FilterGroup::Products,
        values,
    }
}

/// Every category with the kept documents in it or in its subcategories (each once), the chosen
/// ones first.
fn categories(index: &Index, kept: &RoaringBitmap, filter: &AssetFilter, tree: &Tree) -> Facet {
    let mut children: HashMap<CategoryId, Vec<CategoryId>> = HashMap::new();
    for (id, parent) in tree {
        if let Some(parent) = parent {
            children.entry(*parent).or_default().push(*id);
        }
    }
    let mut below: HashMap<CategoryId, RoaringBitmap> = HashMap::new();
    fn gather(
        id: CategoryId,
        index: &Index,
        kept: &RoaringBitmap,
        children: &HashMap<CategoryId, Vec<CategoryId>>,
        below: &mut HashMap<CategoryId, RoaringBitmap>,
        depth: usize,
    ) -> RoaringBitmap {
        let mut docs = index.categories.get(&id).map(|d| d & kept).unwrap_or_default();
        if depth < 64 {
            for child in children.get(&id).map(Vec::as_slice).unwrap_or_default() {
                docs |= gather(*child, index, kept, children, below, depth + 1);
            }
        }
        below.insert(id, docs.clone());
        docs
    }
    for (id, parent) in tree {
        if parent.is_none() {
            gather(*id, index, kept, &children, &mut below, 0);
        }
    }
    let mut values = Vec::new();
    for category in &filter.categories {
        let n = below.remove(category).map_or(0, |docs| docs.len());
        values.push(value("category", &category.0.to_string(), String::new(), n, true));
    }
    let mut others: Vec<(i64, u64)> = below
        .into_iter()
        .map(|(id, docs)| (id.0, docs.len()))
        .filter(|(_, n)| *n > 0)
        .collect();
    others.sort_unstable();
    values.extend(
        others
            .into_iter()
            .map(|(id, n)| value("category", &id.to_string(), String::new(), n, false)),
    );
    Facet {
        group: FilterGroup::Categories,
        values,
    }
}

fn added(index: &Index, kept: &RoaringBitmap, filter: &AssetFilter, lookups: &Lookups) -> Facet {
    let values = RecentDays::ALL
        .into_iter()
        .map(|recent| {
            let one = AssetFilter {
                added_within: Some(recent),
                ..filter.without_group(FilterGroup::Added)
            };
            let n = match lookups.today.and_then(|today| added_days(&one, today)) {
                Some((first, last)) => kept.intersection_len(&index.added_between(first, last)),
                None => 0,
            };
            value(
                "added",
                recent.code(),
                recent.to_string(),
                n,
                filter.added_within == Some(recent),
            )
        })
        .collect();
    Facet {
        group: FilterGroup::Added,
        values,
    }
}

fn added_by(index: &Index, kept: &RoaringBitmap, filter: &AssetFilter) -> Facet {
    let counts: HashMap<UserId, u64> = index
        .added_by
        .iter()
        .map(|(user, docs)| (*user, kept.intersection_len(docs)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut rows: Vec<(UserId, u64)> = counts.iter().map(|(&u, &n)| (u, n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.0.cmp(&b.0.0)));
    rows.truncate(TOP);
    for user in &filter.added_by {
        if !rows.iter().any(|(u, _)| u == user) {
            rows.push((*user, counts.get(user).copied().unwrap_or(0)));
        }
    }
    let values = rows
        .into_iter()
        .map(|(user, n)| {
            value(
                "by",
                &user.0.to_string(),
                String::new(),
                n,
                filter.added_by.contains(&user),
            )
        })
        .collect();
    Facet {
        group: FilterGroup::AddedBy,
        values,
    }
}
