//! The cards ticked for a bulk action, or every asset the filter matches.

use leptos::prelude::*;

use crate::domain::{AssetFilter, AssetId, AssetSelection};

/// What is selected on this page. A new filter starts with nothing selected.
#[derive(Clone, Copy)]
pub struct Selection {
    picked: RwSignal<Vec<AssetId>>,
    all_matching: RwSignal<bool>,
    /// The card last ticked or unticked by a click: a Shift-click reaches from it.
    anchor: RwSignal<Option<AssetId>>,
}

impl Selection {
    pub fn new() -> Self {
        Selection {
            picked: RwSignal::new(Vec::new()),
            all_matching: RwSignal::new(false),
            anchor: RwSignal::new(None),
        }
    }

    pub fn is_selected(self, id: AssetId) -> bool {
        self.all_matching.get() || self.picked.read().contains(&id)
    }

    pub fn is_all_matching(self) -> bool {
        self.all_matching.get()
    }

    /// How many are ticked (not counting Select all matching).
    pub fn picked_count(self) -> usize {
        self.picked.read().len()
    }

    pub fn is_empty(self) -> bool {
        !self.all_matching.get() && self.picked.read().is_empty()
    }

    /// A click on a card's checkbox: ticks or unticks it, or with Shift every card between it
    /// and the one clicked before. `order` is the cards as the grid shows them. Leaving Select
    /// all matching keeps the loaded cards ticked, but this one.
    pub fn click(self, id: AssetId, checked: bool, shift: bool, order: &[AssetId]) {
        if self.all_matching.get_untracked() {
            self.all_matching.set(false);
            self.picked.set(order.to_vec());
        }
        let range = match (shift, self.anchor.get_untracked()) {
            (true, Some(anchor)) => {
                let at = |wanted: AssetId| order.iter().position(|id| *id == wanted);
                match (at(anchor), at(id)) {
                    (Some(a), Some(b)) => order[a.min(b)..=a.max(b)].to_vec(),
                    _ => vec![id],
                }
            }
            _ => vec![id],
        };
        self.picked.update(|picked| {
            for card in range {
                let has = picked.contains(&card);
                if checked && !has {
                    picked.push(card);
                } else if !checked && has {
                    picked.retain(|p| *p != card);
                }
            }
        });
        self.anchor.set(Some(id));
    }

    pub fn select_all_matching(self) {
        self.all_matching.set(true);
    }

    pub fn clear(self) {
        self.all_matching.set(false);
        self.picked.set(Vec::new());
        self.anchor.set(None);
    }

    /// What a bulk action applies to under `filter`, if anything is selected.
    pub fn to_selection(self, filter: &AssetFilter) -> Option<AssetSelection> {
        if self.all_matching.get() {
            return Some(AssetSelection::Matching(Box::new(filter.clone())));
        }
        let picked = self.picked.get();
        (!picked.is_empty()).then_some(AssetSelection::Picked(picked))
    }
}
