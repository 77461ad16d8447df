use serde::{Deserialize, Serialize};
use std::fmt;

use super::{AppError, Availability};

/// Whether an asset can be seen outside damson, through its public and static links, and why.
/// The one rule: an asset is published when it is Public, or Automatic and linked to at least one
/// published product. Every place that shows or serves an asset asks `is_published`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "availability", rename_all = "snake_case")]
pub enum Publication {
    Public,
    Automatic { published_products: u32 },
    Internal,
}

impl Publication {
    /// The publication of an asset of this availability, linked to this many published products.
    pub fn of(availability: Availability, published_products: u32) -> Publication {
        match availability {
            Availability::Public => Publication::Public,
            Availability::Automatic => Publication::Automatic { published_products },
            Availability::Internal => Publication::Internal,
        }
    }

    pub fn is_published(self) -> bool {
        match self {
            Publication::Public => true,
            Publication::Automatic { published_products } => published_products > 0,
            Publication::Internal => false,
        }
    }

    pub fn availability(self) -> Availability {
        match self {
            Publication::Public => Availability::Public,
            Publication::Automatic { .. } => Availability::Automatic,
            Publication::Internal => Availability::Internal,
        }
    }
}

/// What the Details tab says: "Automatic: published through 2 products".
impl fmt::Display for Publication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Publication::Public => f.write_str("Public: published"),
            Publication::Automatic { published_products: 0 } => {
                f.write_str("Automatic: not published (no published product)")
            }
            Publication::Automatic { published_products: 1 } => f.write_str("Automatic: published through 1 product"),
            Publication::Automatic { published_products } => {
                write!(f, "Automatic: published through {published_products} products")
            }
            Publication::Internal => f.write_str("Internal: never published"),
        }
    }
}

impl Availability {
    /// Whether an asset of this availability may be deleted: a Public one may be published at any
    /// moment, so it stays until it is made Internal or Automatic.
    pub fn may_be_deleted(self) -> bool {
        self != Availability::Public
    }
}

/// Why the asset `name` of this availability may not be deleted, if it may not.
pub fn deletion_refusal(availability: Availability, name: &str) -> Option<AppError> {
    (!availability.may_be_deleted()).then(|| {
        AppError::Conflict(format!(
            "\u{201c}{name}\u{201d} is Public and may be published, so it cannot be deleted. Make it Internal or Automatic first."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_assets_are_published_automatic_ones_through_a_published_product_internal_never() {
        assert!(Publication::of(Availability::Public, 0).is_published());
        assert!(!Publication::of(Availability::Automatic, 0).is_published());
        assert!(Publication::of(Availability::Automatic, 2).is_published());
        assert!(!Publication::of(Availability::Internal, 5).is_published());
        assert_eq!(
            Publication::of(Availability::Automatic, 2).to_string(),
            "Automatic: published through 2 products"
        );
        assert_eq!(
            Publication::of(Availability::Automatic, 0).to_string(),
            "Automatic: not published (no published product)"
        );
    }

    #[test]
    fn only_public_assets_are_kept_from_deletion() {
        assert!(deletion_refusal(Availability::Public, "Shoe").is_some());
        assert!(deletion_refusal(Availability::Automatic, "Shoe").is_none());
        assert!(deletion_refusal(Availability::Internal, "Shoe").is_none());
    }
}
