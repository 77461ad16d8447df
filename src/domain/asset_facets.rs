//! The Filters panel's counts, as the server computes them and the page shows them.

use serde::{Deserialize, Serialize};

use super::FilterGroup;

/// The Filters panel's groups with a count for each value, computed for the current filter with
/// the group's own values left out (so that ticking one shows what ticking another would add),
/// and how many assets the whole filter matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetFacets {
    pub total: u64,
    pub groups: Vec<Facet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub group: FilterGroup,
    pub values: Vec<FacetValue>,
}

/// One value of a group: the URL's `key=value`, how it reads, and how many assets have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub key: String,
    pub value: String,
    pub label: String,
    pub count: u64,
    pub chosen: bool,
}

impl AssetFacets {
    /// How a chosen criterion reads on its pill: the value's label when a group lists it.
    pub fn label_of(&self, key: &str, value: &str) -> Option<&str> {
        self.groups
            .iter()
            .flat_map(|group| &group.values)
            .find(|v| v.key == key && v.value == value)
            .map(|v| v.label.as_str())
    }
}
