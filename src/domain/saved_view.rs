//! Saved views: a named filter of the Assets page (only its owner's, or shared with everyone)
//! or of Select products (its owner's).

use serde::{Deserialize, Serialize};

use super::coded::coded;
use super::{AppError, AssetFilter, ProductSearch, Role, User, UserId, parse_title};

/// The page a view is saved from; its query is that page's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewKind {
    Assets,
    Products,
}

coded!(ViewKind, |code| -> AppError { AppError::Validation(format!("\"{code}\" is not a kind of view.")) }, {
    Assets => "assets", "Assets";
    Products => "products", "Select products";
});

/// A saved filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub kind: ViewKind,
    pub name: String,
    /// The page's URL query: `AssetFilter::to_query` or `ProductSearch::to_query`.
    pub query: String,
    pub shared: bool,
    pub owner: UserId,
    pub owner_name: String,
}

impl SavedView {
    /// Where a view of the Assets page opens: `/assets?view=ID&…` (a Select products view opens
    /// on the asset it is used for, which the page knows).
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

/// The Assets page's views a user sees: their own, everyone else's shared ones, and the one
/// `/assets` opens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetViews {
    pub mine: Vec<SavedView>,
    pub shared: Vec<SavedView>,
    pub default: Option<i64>,
}

impl AssetViews {
    pub fn find(&self, id: i64) -> Option<&SavedView> {
        self.mine.iter().chain(&self.shared).find(|view| view.id == id)
    }

    pub fn default_view(&self) -> Option<&SavedView> {
        self.default.and_then(|id| self.find(id))
    }
}

/// What a view is saved from, checked: a name, the page's filter (read and written back, so it
/// keeps only what that filter has) and whether everyone sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewFields {
    pub kind: ViewKind,
    pub name: String,
    pub query: String,
    pub shared: bool,
}

impl ViewFields {
    pub const MAX_NAME_CHARS: usize = 64;
    const MAX_QUERY_BYTES: usize = 2000;

    /// # Errors
    /// `Validation` for a bad name, a filter that does not read, or one too long to keep.
    pub fn parse(kind: ViewKind, name: &str, query: &str, shared: bool) -> Result<Self, AppError> {
        let query = match kind {
            ViewKind::Assets => AssetFilter::from_query(query)?.to_query(),
            ViewKind::Products => ProductSearch::from_query(query)?.to_query(),
        };
        if query.len() > Self::MAX_QUERY_BYTES {
            return Err(AppError::Validation(
                "These filters are too long to save as a view.".into(),
            ));
        }
        Ok(ViewFields {
            kind,
            name: parse_view_name(name)?,
            query,
            shared,
        })
    }
}

/// # Errors
/// `Validation` for an empty, too long or hidden-character name.
fn parse_view_name(name: &str) -> Result<String, AppError> {
    let name = parse_title("View name", name)?;
    if name.chars().count() > ViewFields::MAX_NAME_CHARS {
        return Err(AppError::Validation(format!(
            "View name has at most {} characters.",
            ViewFields::MAX_NAME_CHARS
        )));
    }
    Ok(name)
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
        let view = |shared| SavedView {
            id: 1,
            kind: ViewKind::Assets,
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
    fn a_view_keeps_its_pages_filter_as_the_filter_writes_it() {
        let assets = ViewFields::parse(
            ViewKind::Assets,
            " Heroes ",
            "?tab=details&type=image&q=hero&after=9",
            true,
        );
        let assets = assets.unwrap();
        assert_eq!(assets.name, "Heroes");
        assert_eq!(assets.query, "q=hero&type=image");
        assert!(ViewFields::parse(ViewKind::Assets, "X", "type=hologram", false).is_err());

        let products = ViewFields::parse(
            ViewKind::Products,
            "Boots",
            "?search=boot&after=X-1&status=published&category=3&category=4&evil=1",
            false,
        );
        assert_eq!(
            products.unwrap().query,
            "search=boot&status=published&category=3&category=4"
        );
        assert!(ViewFields::parse(ViewKind::Products, "Boots", "status=live", false).is_err());
        assert!(ViewFields::parse(ViewKind::Products, "", "search=x", false).is_err());
        assert!(ViewFields::parse(ViewKind::Products, &"v".repeat(65), "search=x", false).is_err());
    }
}
