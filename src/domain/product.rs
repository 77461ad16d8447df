use serde::{Deserialize, Serialize};

use time::OffsetDateTime;

use super::coded::coded;
use super::{AppError, parse_key, parse_title};

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
