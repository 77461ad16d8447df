use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use super::{AppError, Lines, LinkTarget, check_typed, find_hidden_character, hidden_character_message};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CatalogId(pub i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CategoryId(pub i64);

impl From<i64> for CategoryId {
    fn from(id: i64) -> Self {
        CategoryId(id)
    }
}

impl From<CategoryId> for i64 {
    fn from(id: CategoryId) -> Self {
        id.0
    }
}

impl LinkTarget for CategoryId {
    const NAME: &'static str = "category";
}

/// The root of a category tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub id: CatalogId,
    /// Unique; how a CSV file names the catalog.
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: CategoryId,
    pub catalog: CatalogId,
    /// `None` at the top of its catalog.
    pub parent: Option<CategoryId>,
    /// Unique across all catalogs.
    pub number: String,
    pub name: String,
    /// Its place among its siblings, from 0.
    pub position: i32,
}

/// A catalog with its categories in tree order: each parent before its children, siblings by
/// position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogTree {
    pub catalog: Catalog,
    pub categories: Vec<TreeCategory>,
}

/// A category in its tree, with how deep it is (0 at the top).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeCategory {
    pub category: Category,
    pub depth: usize,
}

impl CatalogTree {
    /// Orders `categories` (all of this catalog's) as a tree.
    pub fn new(catalog: Catalog, categories: Vec<Category>) -> Self {
        let mut children: HashMap<Option<CategoryId>, Vec<Category>> = HashMap::new();
        for category in categories {
            children.entry(category.parent).or_default().push(category);
        }
        for siblings in children.values_mut() {
            siblings.sort_by(|a, b| (a.position, &a.number).cmp(&(b.position, &b.number)));
        }
        let mut ordered = Vec::new();
        let mut stack: Vec<(Category, usize)> = children
            .remove(&None)
            .unwrap_or_default()
            .into_iter()
            .rev()
            .map(|category| (category, 0))
            .collect();
        while let Some((category, depth)) = stack.pop() {
            if let Some(kids) = children.remove(&Some(category.id)) {
                stack.extend(kids.into_iter().rev().map(|kid| (kid, depth + 1)));
            }
            ordered.push(TreeCategory { category, depth });
        }
        CatalogTree {
            catalog,
            categories: ordered,
        }
    }

    /// "Catalog › Parent › Category".
    pub fn path(&self, id: CategoryId) -> Option<String> {
        let by_id: HashMap<CategoryId, &Category> =
            self.categories.iter().map(|c| (c.category.id, &c.category)).collect();
        let mut names = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            let category = by_id.get(&id)?;
            names.push(category.name.as_str());
            next = category.parent;
        }
        names.push(&self.catalog.name);
        names.reverse();
        Some(names.join(" \u{203a} "))
    }

    /// These categories and every category below them: a category includes its subcategories.
    pub fn with_descendants(&self, ids: &HashSet<CategoryId>) -> HashSet<CategoryId> {
        let mut found: HashSet<CategoryId> = HashSet::new();
        // Tree order puts every parent before its children.
        for tree in &self.categories {
            let category = &tree.category;
            if ids.contains(&category.id) || category.parent.is_some_and(|parent| found.contains(&parent)) {
                found.insert(category.id);
            }
        }
        found
    }

    /// Whether `ancestor` is `id` or above it: a category cannot move under itself.
    pub fn is_within(&self, id: CategoryId, ancestor: CategoryId) -> bool {
        self.with_descendants(&HashSet::from([ancestor])).contains(&id)
    }

    /// Where the category `id` of this catalog (none for a new one) goes under `parent` (none for
    /// the top): its position among its new siblings, at their end when it moves, where it was
    /// when it stays.
    ///
    /// # Errors
    /// `Validation` for a parent outside this catalog, or under the category itself; `NotFound`
    /// for an `id` that is not in this catalog.
    pub fn position_for(&self, id: Option<CategoryId>, parent: Option<CategoryId>) -> Result<i32, AppError> {
        let existing = match id {
            Some(id) => Some(self.category(id).ok_or(AppError::NotFound)?),
            None => None,
        };
        if let Some(parent) = parent {
            if self.category(parent).is_none() {
                return Err(AppError::Validation(
                    "The parent category is not in this catalog.".into(),
                ));
            }
            if id.is_some_and(|id| self.is_within(parent, id)) {
                return Err(AppError::Validation(
                    "A category cannot go under itself or one of its subcategories.".into(),
                ));
            }
        }
        Ok(match existing {
            Some(category) if category.parent == parent => category.position,
            _ => self
                .categories
                .iter()
                .filter(|c| c.category.parent == parent)
                .map(|c| c.category.position + 1)
                .max()
                .unwrap_or(0),
        })
    }

    /// The category `id` with its siblings reordered so that it moves one place up or down;
    /// `None` when it is first (up) or last (down) already.
    pub fn reordered(&self, id: CategoryId, up: bool) -> Option<Vec<CategoryId>> {
        let parent = self.category(id)?.parent;
        let mut siblings: Vec<CategoryId> = self
            .categories
            .iter()
            .filter(|c| c.category.parent == parent)
            .map(|c| c.category.id)
            .collect();
        let at = siblings.iter().position(|&sibling| sibling == id)?;
        let to = if up {
            at.checked_sub(1)?
        } else {
            Some(at + 1).filter(|&to| to < siblings.len())?
        };
        siblings.swap(at, to);
        Some(siblings)
    }

    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        self.categories.iter().map(|c| &c.category).find(|c| c.id == id)
    }
}

/// Where a category goes: its catalog and its parent there (`None` for the top).
#[derive(Clone, Copy, Debug)]
pub struct CategoryPlace {
    pub catalog: CatalogId,
    pub parent: Option<CategoryId>,
}

/// A linked category as the Categories tab shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPath {
    pub id: CategoryId,
    pub path: String,
}

/// A catalog's code and name, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogFields {
    pub code: String,
    pub name: String,
}

impl CatalogFields {
    /// # Errors
    /// `Validation` naming the field and what is wrong with it.
    pub fn parse(code: &str, name: &str) -> Result<Self, AppError> {
        Ok(CatalogFields {
            code: parse_key("Catalog code", code)?,
            name: parse_title("Catalog name", name)?,
        })
    }
}

/// A category's number and name, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryFields {
    pub number: String,
    pub name: String,
}

impl CategoryFields {
    /// # Errors
    /// `Validation` naming the field and what is wrong with it.
    pub fn parse(number: &str, name: &str) -> Result<Self, AppError> {
        Ok(CategoryFields {
            number: parse_key("Category number", number)?,
            name: parse_title("Category name", name)?,
        })
    }
}

/// At most this many characters in a number or a code.
pub const MAX_KEY_CHARS: usize = 64;
/// At most this many characters in a name.
pub const MAX_TITLE_CHARS: usize = 255;

/// The limits as forms give them to `maxlength`.
pub mod catalog_limits {
    pub const KEY: usize = super::MAX_KEY_CHARS;
    pub const TITLE: usize = super::MAX_TITLE_CHARS;
}

/// A number or a code: 1 to 64 letters, digits and `- _ . /`, the key shared with a PIM.
///
/// # Errors
/// `Validation` starting with `field`.
pub fn parse_key(field: &str, key: &str) -> Result<String, AppError> {
    let key = key.trim();
    let chars = key.chars().count();
    if chars == 0 || chars > MAX_KEY_CHARS {
        return Err(AppError::Validation(format!(
            "{field} has 1 to {MAX_KEY_CHARS} characters; this one has {chars}."
        )));
    }
    if let Some(bad) = key
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_./".contains(*c)))
    {
        return Err(AppError::Validation(format!(
            "{field} \"{key}\" contains \"{bad}\"; use letters, digits and - _ . / only."
        )));
    }
    Ok(key.to_owned())
}

/// A name: 1 to 255 characters on one line, nothing hidden.
///
/// # Errors
/// `Validation` starting with `field`.
pub fn parse_title(field: &str, name: &str) -> Result<String, AppError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_TITLE_CHARS {
        return Err(AppError::Validation(format!(
            "{field} has 1 to {MAX_TITLE_CHARS} characters; this one has {chars}."
        )));
    }
    check_typed(field, name, Lines::One)?;
    if let Some(hidden) = find_hidden_character(name) {
        return Err(AppError::Validation(hidden_character_message(field, hidden)));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: i64, parent: Option<i64>, position: i32, name: &str) -> Category {
        Category {
            id: CategoryId(id),
            catalog: CatalogId(1),
            parent: parent.map(CategoryId),
            number: format!("C{id}"),
            name: name.into(),
            position,
        }
    }

    fn tree() -> CatalogTree {
        let catalog = Catalog {
            id: CatalogId(1),
            code: "main".into(),
            name: "Main".into(),
        };
        CatalogTree::new(
            catalog,
            vec![
                category(4, Some(1), 0, "Trail"),
                category(2, None, 1, "Bags"),
                category(1, None, 0, "Shoes"),
                category(5, Some(4), 0, "Waterproof"),
                category(3, Some(1), 1, "Road"),
            ],
        )
    }

    #[test]
    fn a_tree_lists_parents_before_children_and_siblings_by_position() {
        let tree = tree();
        let order: Vec<(&str, usize)> = tree
            .categories
            .iter()
            .map(|c| (c.category.name.as_str(), c.depth))
            .collect();
        assert_eq!(
            order,
            [("Shoes", 0), ("Trail", 1), ("Waterproof", 2), ("Road", 1), ("Bags", 0)]
        );
    }

    #[test]
    fn paths_and_subcategories() {
        let tree = tree();
        assert_eq!(tree.path(CategoryId(5)).unwrap(), "Main › Shoes › Trail › Waterproof");
        let below: HashSet<CategoryId> = tree.with_descendants(&HashSet::from([CategoryId(1)]));
        assert_eq!(below, HashSet::from([1, 3, 4, 5].map(CategoryId)));
        assert!(tree.is_within(CategoryId(5), CategoryId(1)));
        assert!(!tree.is_within(CategoryId(2), CategoryId(1)));
    }

    #[test]
    fn codes_numbers_and_names_are_checked() {
        assert!(CategoryFields::parse("SHOES-TRAIL", "Trail shoes").is_ok());
        let error = CategoryFields::parse("a b", "x").unwrap_err().to_string();
        assert!(error.starts_with("Category number"), "{error}");
        let error = CatalogFields::parse("main", "").unwrap_err().to_string();
        assert!(error.starts_with("Catalog name"), "{error}");
    }
}
