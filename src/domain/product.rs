use serde::{Deserialize, Serialize};

use time::OffsetDateTime;

use super::coded::coded;
use super::{AppError, AssetId, CategoryId, Lines, check_typed, parse_key, parse_title};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProductId(pub i64);

impl From<i64> for ProductId {
    fn from(id: i64) -> Self {
        ProductId(id)
    }
}

impl From<ProductId> for i64 {
    fn from(id: ProductId) -> Self {
        id.0
    }
}

impl super::LinkTarget for ProductId {
    const NAME: &'static str = "product";
}

/// Where a product is in its life. Only a Published one publishes its Automatic assets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    Draft,
    Published,
    Archived,
}

// Any case, so that a PIM's "Published" reads as well as "published".
coded!(ProductStatus, any_case, |code| -> AppError { AppError::Validation(format!("Status is Draft, Published or Archived, not \"{code}\".")) }, {
    Draft => "draft", "Draft";
    Published => "published", "Published";
    Archived => "archived", "Archived";
});

impl ProductStatus {
    /// The changes a product with this status offers, each with its verb: Unpublish only what is
    /// published (back to Draft), and an archived product back to Draft or published again.
    pub fn changes(self) -> &'static [(ProductStatus, &'static str)] {
        match self {
            ProductStatus::Draft => &[
                (ProductStatus::Published, "Publish"),
                (ProductStatus::Archived, "Archive"),
            ],
            ProductStatus::Published => &[
                (ProductStatus::Draft, "Unpublish"),
                (ProductStatus::Archived, "Archive"),
            ],
            ProductStatus::Archived => &[
                (ProductStatus::Draft, "Back to draft"),
                (ProductStatus::Published, "Publish"),
            ],
        }
    }
}

/// A product as the Products page and the Products tab show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: ProductId,
    pub number: String,
    pub name: String,
    pub description: String,
    pub status: ProductStatus,
    /// The names of the categories it is in, A to Z.
    pub categories: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What the Products page and Select products search for: a number prefix or a name substring,
/// a status, and whether the product is linked to an asset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSearch {
    pub text: String,
    pub status: Option<ProductStatus>,
    pub link: Option<(AssetId, LinkFilter)>,
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
    /// From a form: `status` empty for any.
    ///
    /// # Errors
    /// `Validation` for an unknown status or a search over 255 characters.
    pub fn parse(text: &str, status: &str) -> Result<Self, AppError> {
        if text.chars().count() > 255 {
            return Err(AppError::Validation("Search for at most 255 characters.".into()));
        }
        check_typed("Search", text, Lines::One)?;
        Ok(ProductSearch {
            text: text.trim().to_owned(),
            status: (!status.trim().is_empty()).then(|| status.parse()).transpose()?,
            link: None,
            categories: Vec::new(),
        })
    }

    /// Narrowed to products in these categories (comma-separated ids, empty for any).
    ///
    /// # Errors
    /// `Validation` for something that is not an id.
    pub fn in_categories(mut self, ids: &str) -> Result<Self, AppError> {
        self.categories = ids
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| {
                id.parse()
                    .map(CategoryId)
                    .map_err(|_| AppError::Validation(format!("\"{id}\" is not a category id.")))
            })
            .collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// Narrowed to the products linked to `asset`, or not (`link` is a `LinkFilter` code, or empty
    /// for both).
    ///
    /// # Errors
    /// `Validation` for an unknown filter.
    pub fn with_link(mut self, asset: AssetId, link: &str) -> Result<Self, AppError> {
        if link.is_empty() {
            return Ok(self);
        }
        let filter = LinkFilter::ALL
            .into_iter()
            .find(|filter| filter.code() == link)
            .ok_or_else(|| AppError::Validation(format!("\"{link}\" is not a link filter.")))?;
        self.link = Some((asset, filter));
        Ok(self)
    }
}

/// A product's page: the product and the assets that illustrate it, in link order (the first is
/// the main image).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductOverview {
    pub product: Product,
    /// Its categories as paths, with their ids.
    pub categories: Vec<super::CategoryPath>,
    pub assets: Vec<super::AssetCard>,
}

/// One page of products by number; `next` is the number to continue after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPage {
    pub products: Vec<Product>,
    pub next: Option<String>,
}

/// What a product is made of when it is created or edited, checked field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductFields {
    pub number: String,
    pub name: String,
    pub description: String,
}

impl ProductFields {
    pub const MAX_NUMBER_CHARS: usize = super::catalog::MAX_KEY_CHARS;
    pub const MAX_NAME_CHARS: usize = super::catalog::MAX_TITLE_CHARS;
    pub const MAX_DESCRIPTION_CHARS: usize = super::AssetChanges::MAX_DESCRIPTION_CHARS;

    /// # Errors
    /// `Validation` naming the field and what is wrong with it.
    pub fn parse(number: &str, name: &str, description: &str) -> Result<Self, AppError> {
        Ok(ProductFields {
            number: parse_key("Product number", number)?,
            name: parse_title("Product name", name)?,
            description: super::asset_changes::parse_description(description)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_in_any_case_and_others_are_named() {
        assert_eq!("Published".parse::<ProductStatus>(), Ok(ProductStatus::Published));
        assert_eq!(" draft ".parse::<ProductStatus>(), Ok(ProductStatus::Draft));
        let error = "live".parse::<ProductStatus>().unwrap_err().to_string();
        assert!(error.contains("\"live\""), "{error}");
    }

    #[test]
    fn numbers_names_and_descriptions_are_checked() {
        assert!(ProductFields::parse("SHOE-001", "Trail shoe", "").is_ok());
        let number = ProductFields::parse("SHOE 001", "Trail shoe", "")
            .unwrap_err()
            .to_string();
        assert!(number.contains("\" \""), "{number}");
        let long = ProductFields::parse(&"9".repeat(65), "Trail shoe", "")
            .unwrap_err()
            .to_string();
        assert!(long.contains("65"), "{long}");
        let empty = ProductFields::parse("A1", " ", "").unwrap_err().to_string();
        assert!(empty.contains("Product name"), "{empty}");
        let nul = ProductFields::parse("A1", "Shoe", "a\0b").unwrap_err().to_string();
        assert!(nul.contains("U+0000"), "{nul}");
        let spoof = ProductFields::parse("A1", "Shoe\u{202e}", "").unwrap_err().to_string();
        assert!(spoof.contains("U+202E"), "{spoof}");
    }

    #[test]
    fn only_a_published_product_offers_unpublish_and_none_offers_its_own_status() {
        for status in ProductStatus::ALL {
            let changes = status.changes();
            assert!(changes.iter().all(|(to, _)| *to != status), "{status}");
            let unpublish = changes.iter().any(|(_, verb)| *verb == "Unpublish");
            assert_eq!(unpublish, status == ProductStatus::Published, "{status}");
        }
    }
}
