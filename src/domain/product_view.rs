use serde::{Deserialize, Serialize};

use super::{AppError, ProductSearch, parse_title};

/// A user's saved set of Select products filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub id: i64,
    pub name: String,
    /// The filters as a URL query: `search=…&status=…&linked=…&category=…`.
    pub query: String,
}

/// What a view is saved from, checked: a name, and the filters with nothing else in them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewFields {
    pub name: String,
    pub query: String,
}

impl ViewFields {
    pub const MAX_NAME_CHARS: usize = 64;

    /// # Errors
    /// `Validation` for a bad name, filters that do not read, or filters too long.
    pub fn parse(name: &str, query: &str) -> Result<Self, AppError> {
        let name = parse_view_name(name)?;
        // Read and written back, so it keeps only what a search has.
        let query = ProductSearch::from_query(query)?.to_query();
        if query.len() > 2000 {
            return Err(AppError::Validation(
                "These filters are too long to save as a view.".into(),
            ));
        }
        Ok(ViewFields { name, query })
    }
}

/// A view's name, of the Assets page or of Select products.
///
/// # Errors
/// `Validation` for an empty, too long or hidden-character name.
pub fn parse_view_name(name: &str) -> Result<String, AppError> {
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

    #[test]
    fn a_view_keeps_only_the_filters() {
        let view = ViewFields::parse(
            "Boots",
            "?search=boot&after=X-1&status=published&category=3&category=4&evil=1",
        )
        .unwrap();
        assert_eq!(view.query, "search=boot&status=published&category=3&category=4");
        assert!(ViewFields::parse("", "search=x").is_err());
        assert!(ViewFields::parse("Boots", "status=live").is_err());
    }
}
