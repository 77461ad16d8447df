//! Views of the Assets page: saved filters and orders, only the owner's or shared with everyone.

use serde::{Deserialize, Serialize};

use super::{AppError, AssetFilter, Role, User, UserId, parse_view_name};

/// A saved filter and order of the grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetView {
    pub id: i64,
    pub name: String,
    /// The grid's URL query (`AssetFilter::to_query`).
    pub query: String,
    pub shared: bool,
    pub owner: UserId,
    pub owner_name: String,
}

impl AssetView {
    /// Where it opens: `/assets?view=ID&…`.
    pub fn href(&self) -> String {
        if self.query.is_empty() {
            super::paths::assets_with(&format!("view={}", self.id))
        } else {
            super::paths::assets_with(&format!("view={}&{}", self.id, self.query))
        }
    }

    /// Who may see it: its owner, and everyone when it is shared.
    pub fn visible_to(&self, user: &User) -> bool {
        self.shared || self.owner == user.id
    }

    /// Who may change it (rename, save new filters): its owner.
    pub fn changeable_by(&self, user: &User) -> bool {
        self.owner == user.id
    }

    /// Who may delete it: its owner, and a System admin when it is shared.
    pub fn deletable_by(&self, user: &User) -> bool {
        self.changeable_by(user) || (self.shared && user.role == Role::SystemAdmin)
    }
}

/// The views a user sees: their own, everyone else's shared ones, and the one `/assets` opens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetViews {
    pub mine: Vec<AssetView>,
    pub shared: Vec<AssetView>,
    pub default: Option<i64>,
}

impl AssetViews {
    pub fn find(&self, id: i64) -> Option<&AssetView> {
        self.mine.iter().chain(&self.shared).find(|view| view.id == id)
    }

    pub fn default_view(&self) -> Option<&AssetView> {
        self.default.and_then(|id| self.find(id))
    }
}

/// What a view is saved from, checked: a name, the filter (read and written back, so it keeps
/// only what a filter has) and whether everyone sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetViewFields {
    pub name: String,
    pub query: String,
    pub shared: bool,
}

impl AssetViewFields {
    /// # Errors
    /// `Validation` for a bad name or a filter that does not read.
    pub fn parse(name: &str, query: &str, shared: bool) -> Result<Self, AppError> {
        Ok(AssetViewFields {
            name: parse_view_name(name)?,
            query: AssetFilter::from_query(query)?.to_query(),
            shared,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserName;

    fn user(id: i64, role: Role) -> User {
        User {
            id: UserId(id),
            user_name: UserName::parse("someone").unwrap(),
            role,
            active: true,
        }
    }

    #[test]
    fn owners_change_their_views_and_system_admins_may_delete_shared_ones() {
        let view = |shared| AssetView {
            id: 1,
            name: "Heroes".into(),
            query: "q=hero".into(),
            shared,
            owner: UserId(7),
            owner_name: "someone".into(),
        };
        let (owner, admin, reader) = (
            user(7, Role::DamRead),
            user(1, Role::SystemAdmin),
            user(8, Role::DamWrite),
        );
        assert!(view(false).changeable_by(&owner) && view(false).deletable_by(&owner));
        assert!(!view(false).visible_to(&admin) && !view(false).deletable_by(&admin));
        assert!(view(true).visible_to(&reader) && !view(true).deletable_by(&reader));
        assert!(view(true).deletable_by(&admin) && !view(true).changeable_by(&admin));
        assert_eq!(view(true).href(), "/assets?view=1&q=hero");
    }

    #[test]
    fn a_view_keeps_a_filter_as_the_filter_writes_it() {
        let fields = AssetViewFields::parse(" Heroes ", "?tab=details&type=image&q=hero&after=9", true).unwrap();
        assert_eq!(fields.name, "Heroes");
        assert_eq!(fields.query, "q=hero&type=image");
        assert!(AssetViewFields::parse("X", "type=hologram", false).is_err());
    }
}
