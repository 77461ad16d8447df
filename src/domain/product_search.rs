//! What the Products page and Select products search for, read from their address and written
//! back to it; the server reads the same address, and a Select products view keeps it.

use serde::{Deserialize, Serialize};

use super::coded::coded;
use super::{AppError, CategoryId, Lines, ProductStatus, check_typed};

/// A number prefix or a name substring, a status, whether the product is linked to the asset
/// Select products opened from, and categories (each with its subcategories).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSearch {
    pub text: String,
    pub status: Option<ProductStatus>,
    /// Only Select products has an asset to be linked to; elsewhere it is not asked.
    pub linked: Option<LinkFilter>,
    /// Products in any of these categories (the server adds their subcategories).
    pub categories: Vec<CategoryId>,
}

/// Select products' filter on the asset it opened from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkFilter {
    Linked,
    NotLinked,
}

coded!(LinkFilter, |code| -> AppError { AppError::Validation(format!("\"{code}\" is not a link filter.")) }, {
    Linked => "linked", "Linked to this asset";
    NotLinked => "not_linked", "Not linked to this asset";
});

impl ProductSearch {
    pub const MAX_TEXT_CHARS: usize = 255;

    /// Reads an address's query; keys it does not know (`after`, `panel`, `assets`) are left to
    /// others, empty values mean "any".
    ///
    /// # Errors
    /// `Validation` for a search over 255 characters or with hidden characters, an unknown status
    /// or link filter, or a category that is not an id.
    pub fn from_query(query: &str) -> Result<Self, AppError> {
        Self::from_pairs(form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned())
    }

    /// # Errors
    /// As `from_query`.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self, AppError> {
        let mut search = ProductSearch::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "search" => search.text = parse_text(value)?,
                "status" => search.status = Some(value.parse()?),
                "linked" => search.linked = Some(value.parse()?),
                "category" => {
                    let id = value
                        .parse()
                        .map(CategoryId)
                        .map_err(|_| AppError::Validation(format!("\"{value}\" is not a category id.")))?;
                    if !search.categories.contains(&id) {
                        search.categories.push(id);
                    }
                }
                _ => {}
            }
        }
        Ok(search)
    }

    /// The address's query, without `?`: only what is set.
    pub fn to_query(&self) -> String {
        self.to_query_after(None)
    }

    /// The address's query of the page that starts after the product number `after`.
    pub fn to_query_after(&self, after: Option<&str>) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("search", self.text.clone()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.code().to_owned()));
        }
        if let Some(linked) = self.linked {
            pairs.push(("linked", linked.code().to_owned()));
        }
        pairs.extend(self.categories.iter().map(|id| ("category", id.0.to_string())));
        pairs.extend(after.map(|after| ("after", after.to_owned())));
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    pub fn has_category(&self, id: CategoryId) -> bool {
        self.categories.contains(&id)
    }
}

fn parse_text(text: &str) -> Result<String, AppError> {
    if text.chars().count() > ProductSearch::MAX_TEXT_CHARS {
        return Err(AppError::Validation(format!(
            "Search for at most {} characters.",
            ProductSearch::MAX_TEXT_CHARS
        )));
    }
    check_typed("Search", text, Lines::One)?;
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_reads_its_address_and_writes_back_only_what_is_set() {
        let search = ProductSearch::from_query(
            "?search=+boot+&status=Published&linked=&category=3&after=X-1&category=4&category=3",
        )
        .unwrap();
        assert_eq!(search.text, "boot");
        assert_eq!(search.status, Some(ProductStatus::Published));
        assert_eq!(search.linked, None);
        assert_eq!(search.categories, [CategoryId(3), CategoryId(4)]);
        assert_eq!(search.to_query(), "search=boot&status=published&category=3&category=4");
        assert_eq!(ProductSearch::from_query(&search.to_query()), Ok(search.clone()));
        assert_eq!(
            ProductSearch::from_query("search=&status="),
            Ok(ProductSearch::default())
        );
        assert_eq!(ProductSearch::default().to_query(), "");
        assert_eq!(
            search.to_query_after(Some("X 1")),
            "search=boot&status=published&category=3&category=4&after=X+1"
        );
    }

    #[test]
    fn what_is_not_a_search_is_named() {
        let message = |query: &str| ProductSearch::from_query(query).unwrap_err().to_string();
        assert!(message("status=live").contains("\"live\""));
        assert!(message("linked=maybe").contains("\"maybe\" is not a link filter"));
        assert!(message("category=shoes").contains("\"shoes\" is not a category id"));
        assert!(message(&format!("search={}", "x".repeat(256))).contains("at most 255"));
        assert!(message("search=sh%00oe").contains("U+0000"));
    }
}
