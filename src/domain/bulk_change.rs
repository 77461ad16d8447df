//! Changing many assets at once: which assets (those ticked, or every one a filter matches), what
//! to do to each, and the report of what happened to each.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::{
    AppError, AssetFilter, AssetId, Availability, CategoryId, LinkTarget, MAX_LINK_CHANGES, ProductId, parse_ids,
    parse_labels,
};

/// Which assets a bulk action applies to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssetSelection {
    /// The cards ticked one by one (or by a Shift-click range).
    Picked(Vec<AssetId>),
    /// Every asset the filter matches, loaded in the grid or not.
    Matching(Box<AssetFilter>),
}

impl AssetSelection {
    /// At most this many ticked assets travel in one request; more are chosen by a filter.
    pub const MAX_PICKED: usize = 10_000;

    /// The selection as a URL query: `ids=1,2,3`, or `all=1` and the filter's own keys.
    pub fn to_query(&self) -> String {
        match self {
            AssetSelection::Picked(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
                format!("ids={}", ids.join(","))
            }
            AssetSelection::Matching(filter) => {
                let query = filter.to_query();
                if query.is_empty() {
                    "all=1".to_owned()
                } else {
                    format!("all=1&{query}")
                }
            }
        }
    }

    /// Reads `to_query`'s form.
    ///
    /// # Errors
    /// `Validation` for an empty selection, a bad id or filter value, or too many ids.
    pub fn from_query(query: &str) -> Result<Self, AppError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
        if pairs.iter().any(|(key, value)| key == "all" && value == "1") {
            return Ok(AssetSelection::Matching(Box::new(AssetFilter::from_pairs(pairs)?)));
        }
        let ids = pairs
            .iter()
            .filter(|(key, _)| key == "ids")
            .flat_map(|(_, list)| list.split(','))
            .filter(|id| !id.trim().is_empty())
            .map(|id| {
                id.trim()
                    .parse()
                    .map(AssetId)
                    .map_err(|_| AppError::Validation(format!("\u{201c}{id}\u{201d} is not an asset id.")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if ids.is_empty() {
            return Err(AppError::Validation("Select at least one asset.".into()));
        }
        if ids.len() > Self::MAX_PICKED {
            return Err(AppError::Validation(format!(
                "Tick at most {} assets one by one; use Select all matching for more.",
                Self::MAX_PICKED
            )));
        }
        Ok(AssetSelection::Picked(ids))
    }
}

/// What a bulk change does to each selected asset. Stored as JSON with the change: add kinds,
/// never change one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    SetAvailability(Availability),
    AddLabels(Vec<String>),
    RemoveLabels(Vec<String>),
    LinkToProducts(Vec<ProductId>),
    AddToCategories(Vec<CategoryId>),
    /// Public assets are skipped: they may be published.
    Delete,
}

impl BulkAction {
    /// The action a form names, with its value: an availability code, a comma-separated list of
    /// labels, or comma-separated product or category ids.
    ///
    /// # Errors
    /// `Validation` for an unknown action or a value it cannot take.
    pub fn parse(action: &str, value: &str) -> Result<Self, AppError> {
        let non_empty = |labels: Vec<String>| {
            if labels.is_empty() {
                Err(AppError::Validation("Type at least one label.".into()))
            } else {
                Ok(labels)
            }
        };
        Ok(match action {
            "set_availability" => BulkAction::SetAvailability(value.parse()?),
            "add_labels" => BulkAction::AddLabels(non_empty(parse_labels(value)?)?),
            "remove_labels" => BulkAction::RemoveLabels(non_empty(parse_labels(value)?)?),
            "link_to_products" => BulkAction::LinkToProducts(targets(value)?),
            "add_to_categories" => BulkAction::AddToCategories(targets(value)?),
            "delete" => BulkAction::Delete,
            other => {
                return Err(AppError::Validation(format!(
                    "\u{201c}{other}\u{201d} is not something damson can do to many assets."
                )));
            }
        })
    }
}

/// The products or categories to link to: comma-separated ids, at least one, at most as many as
/// one Save links.
fn targets<Id: LinkTarget>(list: &str) -> Result<Vec<Id>, AppError> {
    let ids = parse_ids::<Id>(list)?;
    if ids.is_empty() {
        return Err(AppError::Validation(format!("Choose at least one {}.", Id::NAME)));
    }
    if ids.len() > MAX_LINK_CHANGES {
        return Err(AppError::Validation(format!(
            "Choose at most {MAX_LINK_CHANGES} at a time."
        )));
    }
    Ok(ids)
}

impl fmt::Display for BulkAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match self {
            BulkAction::SetAvailability(availability) => write!(f, "Set availability to {availability}"),
            BulkAction::AddLabels(labels) => write!(f, "Add labels: {}", labels.join(", ")),
            BulkAction::RemoveLabels(labels) => write!(f, "Remove labels: {}", labels.join(", ")),
            BulkAction::LinkToProducts(products) => {
                write!(f, "Link to {}", count(products.len(), "product", "products"))
            }
            BulkAction::AddToCategories(categories) => {
                write!(f, "Add to {}", count(categories.len(), "category", "categories"))
            }
            BulkAction::Delete => f.write_str("Delete"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BulkChangeId(pub i64);

/// What happened to one asset of a bulk change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Done,
    /// Left as it was on purpose, and why (a Public asset is not deleted).
    Skipped(String),
    /// The change could not be made, and why.
    Failed(String),
}

impl Outcome {
    /// How a refusal of one asset's change is reported: a rule that keeps the asset as it is (a
    /// Public asset is not deleted), or an asset deleted meanwhile, is skipped; anything else
    /// failed.
    pub fn of_refusal(refusal: &AppError) -> Outcome {
        match refusal {
            AppError::Conflict(reason) => Outcome::Skipped(reason.clone()),
            AppError::NotFound => Outcome::Skipped("It was deleted meanwhile.".into()),
            other => Outcome::Failed(other.to_string()),
        }
    }
}

/// An asset that was skipped or failed, named as it was when the change started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkProblem {
    pub asset_id: AssetId,
    pub asset_name: String,
    pub outcome: Outcome,
}

/// Where a bulk change stands, and at its end what it did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkReport {
    pub id: BulkChangeId,
    pub action: BulkAction,
    pub total: u64,
    pub done: u64,
    pub skipped: u64,
    pub failed: u64,
    /// The first skipped and failed assets, in the selection's order.
    pub problems: Vec<BulkProblem>,
}

impl BulkReport {
    /// The problems a report lists; the counts cover the rest.
    pub const MAX_PROBLEMS: u64 = 500;

    /// Assets that have had their turn.
    pub fn handled(&self) -> u64 {
        self.done + self.skipped + self.failed
    }

    pub fn is_finished(&self) -> bool {
        self.handled() >= self.total
    }

    /// "12 of 40 done · 1 skipped", as the progress bar says it.
    pub fn summary(&self) -> String {
        let mut parts = vec![if self.is_finished() {
            format!("{} of {} done", self.done, self.total)
        } else {
            format!("{} of {} handled", self.handled(), self.total)
        }];
        if self.skipped > 0 {
            parts.push(format!("{} skipped", self.skipped));
        }
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FileType;

    #[test]
    fn selections_round_trip_through_the_url() {
        let picked = AssetSelection::Picked(vec![AssetId(3), AssetId(17)]);
        assert_eq!(picked.to_query(), "ids=3,17");
        assert_eq!(AssetSelection::from_query("ids=3,17").unwrap(), picked);
        let filter = AssetFilter {
            search: "shoe".into(),
            file_types: vec![FileType::Image],
            ..AssetFilter::default()
        };
        let matching = AssetSelection::Matching(Box::new(filter));
        assert_eq!(AssetSelection::from_query(&matching.to_query()).unwrap(), matching);
        assert_eq!(
            AssetSelection::from_query("all=1").unwrap(),
            AssetSelection::Matching(Box::default())
        );
    }

    #[test]
    fn bad_selections_are_named() {
        assert!(
            AssetSelection::from_query("")
                .unwrap_err()
                .to_string()
                .contains("at least one")
        );
        assert!(
            AssetSelection::from_query("ids=4,x")
                .unwrap_err()
                .to_string()
                .contains("\u{201c}x\u{201d}")
        );
        assert!(AssetSelection::from_query("all=1&type=hologram").is_err());
        let many = (0..=AssetSelection::MAX_PICKED)
            .map(|n| n.to_string())
            .collect::<Vec<_>>();
        let error = AssetSelection::from_query(&format!("ids={}", many.join(","))).unwrap_err();
        assert!(error.to_string().contains("Select all matching"), "{error}");
    }

    #[test]
    fn actions_are_read_from_a_form_and_say_what_they_do() {
        let public = BulkAction::parse("set_availability", "public").unwrap();
        assert_eq!(public.to_string(), "Set availability to Public");
        let labels = BulkAction::parse("add_labels", " summer, Sale ,summer").unwrap();
        assert_eq!(labels, BulkAction::AddLabels(vec!["summer".into(), "Sale".into()]));
        assert_eq!(
            BulkAction::parse("link_to_products", "4, 9").unwrap().to_string(),
            "Link to 2 products"
        );
        assert_eq!(
            BulkAction::parse("add_to_categories", "4").unwrap().to_string(),
            "Add to 1 category"
        );
        assert!(
            BulkAction::parse("remove_labels", " , ")
                .unwrap_err()
                .to_string()
                .contains("at least one")
        );
        assert!(
            BulkAction::parse("link_to_products", "")
                .unwrap_err()
                .to_string()
                .contains("product")
        );
        assert!(BulkAction::parse("set_availability", "secret").is_err());
        assert!(
            BulkAction::parse("explode", "")
                .unwrap_err()
                .to_string()
                .contains("explode")
        );
    }

    #[test]
    fn actions_are_stored_as_stable_json() {
        let action = BulkAction::SetAvailability(Availability::Internal);
        assert_eq!(
            serde_json::to_string(&action).unwrap(),
            r#"{"set_availability":"internal"}"#
        );
        assert_eq!(serde_json::to_string(&BulkAction::Delete).unwrap(), r#""delete""#);
    }

    #[test]
    fn rules_skip_and_other_refusals_fail() {
        let public = crate::domain::deletion_refusal(Availability::Public, "Hero").unwrap();
        assert!(matches!(Outcome::of_refusal(&public), Outcome::Skipped(reason) if reason.contains("Public")));
        assert!(matches!(Outcome::of_refusal(&AppError::NotFound), Outcome::Skipped(_)));
        let labels = AppError::Validation("too many labels".into());
        assert_eq!(Outcome::of_refusal(&labels), Outcome::Failed("too many labels".into()));
    }

    #[test]
    fn the_summary_counts_what_was_handled() {
        let mut report = BulkReport {
            id: BulkChangeId(1),
            action: BulkAction::Delete,
            total: 40,
            done: 11,
            skipped: 1,
            failed: 0,
            problems: Vec::new(),
        };
        assert_eq!(report.summary(), "12 of 40 handled · 1 skipped");
        assert!(!report.is_finished());
        report.done = 39;
        assert_eq!(report.summary(), "39 of 40 done · 1 skipped");
        assert!(report.is_finished());
    }
}
