//! What the grid shows: the search, the filter groups and the order. One type is the URL's query
//! string (`/assets?q=hero&type=image&type=video&sort=name`), the argument of the server
//! functions and what a saved view keeps, so a filtered grid is a link anyone may open.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::{
    AppError, AssetSort, Availability, CategoryId, FileType, Lines, RecentDays, UserId, check_typed, day_code,
    parse_day,
};

/// A search shorter than this is ignored (every asset matches two letters somewhere anyway).
pub const MIN_SEARCH_CHARS: usize = 2;

/// The search, the filter groups and the order. Values in one group combine with OR, groups
/// with AND; an empty group does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct AssetFilter {
    /// In name, code, description, labels and file name; substring, any case.
    pub search: String,
    pub file_types: Vec<FileType>,
    pub availabilities: Vec<Availability>,
    /// Published yes (`true`) or no, by the publication rule.
    pub published: Vec<bool>,
    pub labels: Vec<String>,
    /// Assets with no label at all.
    pub no_labels: bool,
    /// Linked to some product (`true`) or to none.
    pub linked: Vec<bool>,
    /// Linked to one of these products, by number.
    pub products: Vec<String>,
    /// In one of these categories or their subcategories.
    pub categories: Vec<CategoryId>,
    /// Added today or in the last days, counted back from now wherever the filter is opened.
    pub added_within: Option<RecentDays>,
    /// Added on or after this day (UTC).
    pub added_from: Option<time::Date>,
    /// Added on or before this day (UTC): the whole day is included.
    pub added_to: Option<time::Date>,
    pub added_by: Vec<UserId>,
    pub sort: AssetSort,
}

/// A group of the Filters panel; a group's counts are computed with every other group applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FilterGroup {
    Search,
    FileType,
    Availability,
    Published,
    Labels,
    Products,
    Categories,
    Added,
    AddedBy,
}

impl FilterGroup {
    pub const ALL: [FilterGroup; 9] = [
        FilterGroup::Search,
        FilterGroup::FileType,
        FilterGroup::Availability,
        FilterGroup::Published,
        FilterGroup::Labels,
        FilterGroup::Products,
        FilterGroup::Categories,
        FilterGroup::Added,
        FilterGroup::AddedBy,
    ];

    pub fn title(self) -> &'static str {
        match self {
            FilterGroup::Search => "Search",
            FilterGroup::FileType => "File type",
            FilterGroup::Availability => "Availability",
            FilterGroup::Published => "Published",
            FilterGroup::Labels => "Labels",
            FilterGroup::Products => "Products",
            FilterGroup::Categories => "Categories",
            FilterGroup::Added => "Added",
            FilterGroup::AddedBy => "Added by",
        }
    }
}

impl AssetFilter {
    /// The search, lower case, when it is long enough to apply.
    pub fn search_term(&self) -> Option<String> {
        let term = self.search.trim();
        (term.chars().count() >= MIN_SEARCH_CHARS).then(|| term.to_lowercase())
    }

    /// This filter with one group emptied (its counts are computed so).
    #[must_use]
    pub fn without_group(&self, group: FilterGroup) -> AssetFilter {
        let mut filter = self.clone();
        match group {
            FilterGroup::Search => filter.search.clear(),
            FilterGroup::FileType => filter.file_types.clear(),
            FilterGroup::Availability => filter.availabilities.clear(),
            FilterGroup::Published => filter.published.clear(),
            FilterGroup::Labels => {
                filter.labels.clear();
                filter.no_labels = false;
            }
            FilterGroup::Products => {
                filter.linked.clear();
                filter.products.clear();
            }
            FilterGroup::Categories => filter.categories.clear(),
            FilterGroup::Added => {
                filter.added_within = None;
                filter.added_from = None;
                filter.added_to = None;
            }
            FilterGroup::AddedBy => filter.added_by.clear(),
        }
        filter
    }

    /// The criteria as `(key, value)` pairs, in the URL's order; the sort is not one of them.
    pub fn criteria(&self) -> Vec<(&'static str, String)> {
        let yes_no = |yes: bool| if yes { "yes" } else { "no" }.to_owned();
        let mut pairs = Vec::new();
        if !self.search.trim().is_empty() {
            pairs.push(("q", self.search.trim().to_owned()));
        }
        pairs.extend(self.file_types.iter().map(|t| ("type", t.code().to_owned())));
        pairs.extend(
            self.availabilities
                .iter()
                .map(|a| ("availability", a.code().to_owned())),
        );
        pairs.extend(self.published.iter().map(|&p| ("published", yes_no(p))));
        pairs.extend(self.labels.iter().map(|l| ("label", l.clone())));
        if self.no_labels {
            pairs.push(("no_label", "1".to_owned()));
        }
        pairs.extend(self.linked.iter().map(|&l| ("linked", yes_no(l))));
        pairs.extend(self.products.iter().map(|p| ("product", p.clone())));
        pairs.extend(self.categories.iter().map(|c| ("category", c.0.to_string())));
        pairs.extend(self.added_within.map(|r| ("added", r.code().to_owned())));
        pairs.extend(self.added_from.map(|d| ("from", day_code(d))));
        pairs.extend(self.added_to.map(|d| ("to", day_code(d))));
        pairs.extend(self.added_by.iter().map(|u| ("by", u.0.to_string())));
        pairs
    }

    /// Whether any criterion is set.
    pub fn is_filtered(&self) -> bool {
        !self.criteria().is_empty()
    }

    /// The URL query, without `?`; empty for the unfiltered grid in its default order.
    pub fn to_query(&self) -> String {
        let mut pairs = self.criteria();
        if self.sort != AssetSort::default() {
            pairs.push(("sort", self.sort.code().to_owned()));
        }
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// Whether the filter holds the criterion `key=value`, as its URL would.
    pub fn holds(&self, key: &str, value: &str) -> bool {
        self.criteria().iter().any(|(k, v)| *k == key && v == value)
    }

    /// This filter without one criterion (a pill's ×).
    #[must_use]
    pub fn without(&self, key: &str, value: &str) -> AssetFilter {
        let pairs = self.criteria().into_iter().filter(|(k, v)| !(*k == key && v == value));
        let mut filter = Self::from_pairs(pairs.map(|(k, v)| (k.to_owned(), v))).unwrap_or_default();
        filter.sort = self.sort;
        filter
    }

    /// Reads a URL query; keys it does not know (`tab`, `view`) are left to others.
    ///
    /// # Errors
    /// `Validation` naming a value that is not one of its group's.
    pub fn from_query(query: &str) -> Result<Self, AppError> {
        Self::from_pairs(form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned())
    }

    /// # Errors
    /// As `from_query`.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self, AppError> {
        let mut filter = AssetFilter::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            check_typed(field_name(&key), value, Lines::One)?;
            match key.as_str() {
                "q" => filter.search = value.chars().take(MAX_SEARCH_CHARS).collect(),
                "type" => push_new(
                    &mut filter.file_types,
                    value
                        .parse()
                        .map_err(|_| AppError::Validation(format!("\u{201c}{value}\u{201d} is not a file type.")))?,
                ),
                "availability" => push_new(&mut filter.availabilities, value.parse()?),
                "published" => push_new(&mut filter.published, yes_no(&key, value)?),
                "label" => push_new(&mut filter.labels, value.to_owned()),
                "no_label" => filter.no_labels = true,
                "linked" => push_new(&mut filter.linked, yes_no(&key, value)?),
                "product" => push_new(&mut filter.products, value.to_owned()),
                "category" => push_new(&mut filter.categories, CategoryId(number(&key, value)?)),
                "added" => filter.added_within = Some(value.parse()?),
                "from" => filter.added_from = Some(parse_day(value)?),
                "to" => filter.added_to = Some(parse_day(value)?),
                "by" => push_new(&mut filter.added_by, UserId(number(&key, value)?)),
                "sort" => filter.sort = value.parse()?,
                _ => {}
            }
        }
        Ok(filter)
    }
}

/// A search longer than this is cut.
pub const MAX_SEARCH_CHARS: usize = 200;

/// How a person reads the field behind a query key, for a message about its value.
fn field_name(key: &str) -> &str {
    match key {
        "q" => "Search",
        "label" => "A label",
        "product" => "A product",
        _ => "A filter",
    }
}

fn push_new<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

fn yes_no(key: &str, value: &str) -> Result<bool, AppError> {
    match value {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(AppError::Validation(format!(
            "{key} is yes or no, not \u{201c}{value}\u{201d}."
        ))),
    }
}

fn number(key: &str, value: &str) -> Result<i64, AppError> {
    value
        .parse()
        .map_err(|_| AppError::Validation(format!("{key} is a number, not \u{201c}{value}\u{201d}.")))
}

impl From<AssetFilter> for String {
    fn from(filter: AssetFilter) -> String {
        filter.to_query()
    }
}

impl TryFrom<String> for AssetFilter {
    type Error = AppError;

    fn try_from(query: String) -> Result<Self, AppError> {
        AssetFilter::from_query(&query)
    }
}

impl fmt::Display for AssetFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_query())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_its_query_string_and_back() {
        let query = "q=hero&type=image&type=video&availability=public&published=yes&label=red+shoe&no_label=1\
                     &linked=no&product=SHOE-1&category=7&added=7d&from=2026-11-01&to=2026-11-23&by=3&sort=name";
        let filter = AssetFilter::from_query(query).unwrap();
        assert_eq!(filter.file_types, [FileType::Image, FileType::Video]);
        assert_eq!(filter.labels, ["red shoe"]);
        assert_eq!(
            filter.added_to,
            time::Date::from_calendar_date(2026, time::Month::November, 23).ok()
        );
        assert_eq!(filter.sort, AssetSort::Name);
        assert_eq!(filter.to_query(), query);
        assert_eq!(AssetFilter::from_query(&filter.to_query()).unwrap(), filter);
        assert_eq!(AssetFilter::default().to_query(), "");
    }

    #[test]
    fn the_presets_count_today_in() {
        let today = time::Date::from_calendar_date(2026, time::Month::March, 3).unwrap();
        assert_eq!(RecentDays::Today.first_day(today), today);
        assert_eq!(day_code(RecentDays::Last7.first_day(today)), "2026-02-25");
        assert_eq!(day_code(RecentDays::Last30.first_day(today)), "2026-02-02");
    }

    #[test]
    fn wrong_values_are_named_and_unknown_keys_left_alone() {
        let error = AssetFilter::from_query("type=hologram").unwrap_err().to_string();
        assert!(error.contains("hologram"), "{error}");
        let error = AssetFilter::from_query("to=2026-02-30").unwrap_err().to_string();
        assert!(error.contains("2026-02-30"), "{error}");
        assert!(AssetFilter::from_query("published=maybe").is_err());
        assert_eq!(
            AssetFilter::from_query("tab=details&view=3").unwrap(),
            AssetFilter::default()
        );
    }

    #[test]
    fn a_pill_removes_its_criterion_only_and_short_searches_do_not_apply() {
        let filter = AssetFilter::from_query("type=image&type=video&sort=size").unwrap();
        assert_eq!(filter.without("type", "image").to_query(), "type=video&sort=size");
        assert_eq!(AssetFilter::from_query("q=a").unwrap().search_term(), None);
        assert_eq!(
            AssetFilter::from_query("q=HEro").unwrap().search_term().as_deref(),
            Some("hero")
        );
        let only_types = filter.without_group(FilterGroup::FileType);
        assert!(!only_types.is_filtered());
    }
}
