//! Linking an asset to products or to categories: what a Save changes, and what the page holds
//! while someone picks. The same rules for both.

use serde::{Deserialize, Serialize};
use std::{collections::BTreeSet, fmt};

use super::{AppError, Publication};

/// The ids of what an asset can be linked to.
pub trait LinkTarget: Copy + Ord + fmt::Debug + From<i64> + Into<i64> {
    /// What one is called in a message: "product", "category".
    const NAME: &'static str;
}

/// A Save: only what changed, so that two people linking the same asset at once both keep
/// their links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkChanges<Id> {
    pub assign: Vec<Id>,
    pub unassign: Vec<Id>,
}

impl<Id> Default for LinkChanges<Id> {
    fn default() -> Self {
        LinkChanges {
            assign: Vec::new(),
            unassign: Vec::new(),
        }
    }
}

/// The refusal of a link to a product or category that does not exist.
pub fn no_such<Id: LinkTarget>(id: Id) -> AppError {
    AppError::Validation(format!("There is no {} {}.", Id::NAME, id.into()))
}

/// At most this many links change in one Save.
pub const MAX_LINK_CHANGES: usize = 10_000;

/// Comma-separated ids, as a form sends them: sorted, each once.
///
/// # Errors
/// `Validation` naming something that is not an id.
pub fn parse_ids<Id: LinkTarget>(list: &str) -> Result<Vec<Id>, AppError> {
    let mut ids: Vec<Id> = list
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse::<i64>()
                .map(Id::from)
                .map_err(|_| AppError::Validation(format!("\"{id}\" is not a {} id.", Id::NAME)))
        })
        .collect::<Result<_, _>>()?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

impl<Id: LinkTarget> LinkChanges<Id> {
    /// Comma-separated ids, as a form sends them. One in both lists is refused.
    ///
    /// # Errors
    /// `Validation` for something that is not an id, too many, or one in both lists.
    pub fn parse(assign: &str, unassign: &str) -> Result<Self, AppError> {
        let changes = LinkChanges {
            assign: parse_ids(assign)?,
            unassign: parse_ids(unassign)?,
        };
        changes.within_limit()?;
        if changes
            .assign
            .iter()
            .any(|id| changes.unassign.binary_search(id).is_ok())
        {
            return Err(AppError::Validation(format!(
                "A {} cannot be assigned and unassigned in the same Save.",
                Id::NAME
            )));
        }
        Ok(changes)
    }

    /// What a form of checkboxes changes: `was` checked when the page opened, `chosen` checked
    /// now.
    ///
    /// # Errors
    /// `Validation` for too many changes.
    pub fn between(was: impl IntoIterator<Item = Id>, chosen: impl IntoIterator<Item = Id>) -> Result<Self, AppError> {
        let mut selection = LinkSelection::new(was);
        selection.selected = chosen.into_iter().collect();
        let changes = selection.changes();
        changes.within_limit()?;
        Ok(changes)
    }

    fn within_limit(&self) -> Result<(), AppError> {
        if self.assign.len() + self.unassign.len() > MAX_LINK_CHANGES {
            return Err(AppError::Validation(format!(
                "One Save changes at most {MAX_LINK_CHANGES} links."
            )));
        }
        Ok(())
    }

    /// The ids as a form sends them: `(assign, unassign)`.
    pub fn to_form(&self) -> (String, String) {
        let list = |ids: &[Id]| {
            ids.iter()
                .map(|&id| Into::<i64>::into(id).to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        (list(&self.assign), list(&self.unassign))
    }
}

/// What is checked on a page that links an asset, against what was linked when it opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkSelection<Id> {
    linked: BTreeSet<Id>,
    selected: BTreeSet<Id>,
}

impl<Id> Default for LinkSelection<Id> {
    fn default() -> Self {
        LinkSelection {
            linked: BTreeSet::new(),
            selected: BTreeSet::new(),
        }
    }
}

impl<Id: LinkTarget> LinkSelection<Id> {
    /// Starts with the linked ones checked.
    pub fn new(linked: impl IntoIterator<Item = Id>) -> Self {
        let linked: BTreeSet<Id> = linked.into_iter().collect();
        LinkSelection {
            selected: linked.clone(),
            linked,
        }
    }

    pub fn is_selected(&self, id: Id) -> bool {
        self.selected.contains(&id)
    }

    pub fn set(&mut self, id: Id, selected: bool) {
        if selected {
            self.selected.insert(id);
        } else {
            self.selected.remove(&id);
        }
    }

    /// Undoes the change to one: back to linked or not, as it was.
    pub fn revert(&mut self, id: Id) {
        let linked = self.linked.contains(&id);
        self.set(id, linked);
    }

    /// What was linked when the page opened.
    pub fn linked(&self) -> impl Iterator<Item = Id> + '_ {
        self.linked.iter().copied()
    }

    pub fn selected_count(&self) -> usize {
        self.selected.len()
    }

    pub fn selected(&self) -> impl Iterator<Item = Id> + '_ {
        self.selected.iter().copied()
    }

    /// What a Save sends: only the changes.
    pub fn changes(&self) -> LinkChanges<Id> {
        LinkChanges {
            assign: self.selected.difference(&self.linked).copied().collect(),
            unassign: self.linked.difference(&self.selected).copied().collect(),
        }
    }
}

/// What saving links does to an Automatic asset's publication, for the Review's warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicationChange {
    BecomesPublic,
    StopsBeingPublic,
}

impl PublicationChange {
    /// Between `before` and `after` (each the asset's publication).
    pub fn between(before: Publication, after: Publication) -> Option<Self> {
        match (before.is_published(), after.is_published()) {
            (false, true) => Some(PublicationChange::BecomesPublic),
            (true, false) => Some(PublicationChange::StopsBeingPublic),
            _ => None,
        }
    }
}

impl fmt::Display for PublicationChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PublicationChange::BecomesPublic => {
                "Saving makes this Automatic asset public: a published product gains it, so its links will work."
            }
            PublicationChange::StopsBeingPublic => {
                "Saving makes this Automatic asset no longer public: no published product keeps it, so its links will stop working."
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Availability, ProductId};

    #[test]
    fn a_selection_saves_only_its_changes_and_each_can_be_undone() {
        let mut selection = LinkSelection::new([ProductId(1), ProductId(2)]);
        assert_eq!(selection.changes(), LinkChanges::default());
        selection.set(ProductId(2), false);
        selection.set(ProductId(3), true);
        assert_eq!(
            selection.changes(),
            LinkChanges {
                assign: vec![ProductId(3)],
                unassign: vec![ProductId(2)]
            }
        );
        assert_eq!(selection.changes().to_form(), ("3".to_owned(), "2".to_owned()));
        selection.revert(ProductId(2));
        selection.revert(ProductId(3));
        assert_eq!(selection.changes(), LinkChanges::default());
        assert_eq!(selection.selected_count(), 2);
    }

    #[test]
    fn the_review_warns_when_publication_changes() {
        let automatic = |products| Publication::of(Availability::Automatic, products);
        assert_eq!(
            PublicationChange::between(automatic(0), automatic(1)),
            Some(PublicationChange::BecomesPublic)
        );
        assert_eq!(
            PublicationChange::between(automatic(2), automatic(0)),
            Some(PublicationChange::StopsBeingPublic)
        );
        assert_eq!(PublicationChange::between(automatic(1), automatic(2)), None);
        let internal = Publication::of(Availability::Internal, 3);
        assert_eq!(PublicationChange::between(internal, internal), None);
    }

    #[test]
    fn checkboxes_change_what_was_checked_and_nothing_else() {
        let changes =
            LinkChanges::between([ProductId(1), ProductId(2)], [ProductId(2), ProductId(4), ProductId(4)]).unwrap();
        assert_eq!(changes.assign, [ProductId(4)]);
        assert_eq!(changes.unassign, [ProductId(1)]);
        let many: Vec<ProductId> = (0..=10_000).map(ProductId).collect();
        assert!(LinkChanges::between([], many).is_err());
    }

    #[test]
    fn link_changes_are_ids_in_one_list_only() {
        let changes = LinkChanges::<ProductId>::parse("3, 1,3", "").unwrap();
        assert_eq!(changes.assign, [ProductId(1), ProductId(3)]);
        assert!(LinkChanges::<ProductId>::parse("1", "1").is_err());
        let error = LinkChanges::<ProductId>::parse("x", "").unwrap_err().to_string();
        assert!(error.contains("\"x\" is not a product id"), "{error}");
    }
}
