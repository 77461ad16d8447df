use serde::{Deserialize, Serialize};
use std::{collections::BTreeSet, fmt, str::FromStr};
use time::OffsetDateTime;

use super::{AppError, AssetId, find_hidden_character, hidden_character_message};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProductId(pub i64);

/// Where a product is in its life. Only a Published one publishes its Automatic assets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    Draft,
    Published,
    Archived,
}

impl ProductStatus {
    pub const ALL: [ProductStatus; 3] = [ProductStatus::Draft, ProductStatus::Published, ProductStatus::Archived];

    /// The stable name stored in the database, sent in forms and read from CSV files.
    pub fn code(self) -> &'static str {
        match self {
            ProductStatus::Draft => "draft",
            ProductStatus::Published => "published",
            ProductStatus::Archived => "archived",
        }
    }
}

impl fmt::Display for ProductStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProductStatus::Draft => "Draft",
            ProductStatus::Published => "Published",
            ProductStatus::Archived => "Archived",
        })
    }
}

impl FromStr for ProductStatus {
    type Err = AppError;

    /// Case-insensitive, so that a PIM's "Published" reads as well as "published".
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let code = code.trim();
        ProductStatus::ALL
            .into_iter()
            .find(|status| status.code().eq_ignore_ascii_case(code))
            .ok_or_else(|| AppError::Validation(format!("Status is Draft, Published or Archived, not \"{code}\".")))
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
}

/// Select products' filter on the asset it opened from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkFilter {
    Linked,
    NotLinked,
}

impl LinkFilter {
    pub const ALL: [LinkFilter; 2] = [LinkFilter::Linked, LinkFilter::NotLinked];

    pub fn code(self) -> &'static str {
        match self {
            LinkFilter::Linked => "linked",
            LinkFilter::NotLinked => "not_linked",
        }
    }
}

impl fmt::Display for LinkFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkFilter::Linked => "Linked to this asset",
            LinkFilter::NotLinked => "Not linked to this asset",
        })
    }
}

impl ProductSearch {
    /// From a form: `status` empty for any.
    ///
    /// # Errors
    /// `Validation` for an unknown status or a search over 255 characters.
    pub fn parse(text: &str, status: &str) -> Result<Self, AppError> {
        if text.chars().count() > 255 {
            return Err(AppError::Validation("Search for at most 255 characters.".into()));
        }
        Ok(ProductSearch {
            text: text.trim().to_owned(),
            status: (!status.trim().is_empty()).then(|| status.parse()).transpose()?,
            link: None,
        })
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

/// The products checked on Select products, against those linked when the page opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductSelection {
    linked: BTreeSet<ProductId>,
    selected: BTreeSet<ProductId>,
}

impl ProductSelection {
    /// Starts with the linked products checked.
    pub fn new(linked: impl IntoIterator<Item = ProductId>) -> Self {
        let linked: BTreeSet<ProductId> = linked.into_iter().collect();
        ProductSelection {
            selected: linked.clone(),
            linked,
        }
    }

    pub fn is_selected(&self, id: ProductId) -> bool {
        self.selected.contains(&id)
    }

    pub fn set(&mut self, id: ProductId, selected: bool) {
        if selected {
            self.selected.insert(id);
        } else {
            self.selected.remove(&id);
        }
    }

    /// Undoes the change to one product: back to linked or not, as it was.
    pub fn revert(&mut self, id: ProductId) {
        let linked = self.linked.contains(&id);
        self.set(id, linked);
    }

    pub fn selected_count(&self) -> usize {
        self.selected.len()
    }

    pub fn selected(&self) -> impl Iterator<Item = ProductId> + '_ {
        self.selected.iter().copied()
    }

    /// What a Save sends: only the changes.
    pub fn changes(&self) -> LinkChanges {
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
    pub fn between(before: super::Publication, after: super::Publication) -> Option<Self> {
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
    pub const MAX_NUMBER_CHARS: usize = 64;
    pub const MAX_NAME_CHARS: usize = 255;
    pub const MAX_DESCRIPTION_CHARS: usize = 4000;

    /// # Errors
    /// `Validation` naming the field and what is wrong with it.
    pub fn parse(number: &str, name: &str, description: &str) -> Result<Self, AppError> {
        Ok(ProductFields {
            number: parse_number(number)?,
            name: parse_name(name)?,
            description: parse_description(description)?,
        })
    }
}

/// A product number: 1 to 64 letters, digits and `- _ . /`, the key a PIM shares.
///
/// # Errors
/// `Validation` saying what is wrong.
pub fn parse_number(number: &str) -> Result<String, AppError> {
    let number = number.trim();
    let chars = number.chars().count();
    if chars == 0 || chars > ProductFields::MAX_NUMBER_CHARS {
        return Err(AppError::Validation(format!(
            "Product number has 1 to {} characters; this one has {chars}.",
            ProductFields::MAX_NUMBER_CHARS
        )));
    }
    if let Some(bad) = number
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_./".contains(*c)))
    {
        return Err(AppError::Validation(format!(
            "Product number \"{number}\" contains \"{bad}\"; numbers have letters, digits and - _ . / only."
        )));
    }
    Ok(number.to_owned())
}

fn parse_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > ProductFields::MAX_NAME_CHARS {
        return Err(AppError::Validation(format!(
            "Product name has 1 to {} characters; this one has {chars}.",
            ProductFields::MAX_NAME_CHARS
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::Validation(
            "Product name cannot contain line breaks or tabs.".into(),
        ));
    }
    if let Some(hidden) = find_hidden_character(name) {
        return Err(AppError::Validation(hidden_character_message("Product name", hidden)));
    }
    Ok(name.to_owned())
}

fn parse_description(description: &str) -> Result<String, AppError> {
    let description = description.trim().replace("\r\n", "\n");
    if let Some(bad) = description
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err(AppError::Validation(format!(
            "Description cannot contain the control character U+{:04X}.",
            u32::from(bad)
        )));
    }
    let chars = description.chars().count();
    if chars > ProductFields::MAX_DESCRIPTION_CHARS {
        return Err(AppError::Validation(format!(
            "Description has at most {} characters; this one has {chars}.",
            ProductFields::MAX_DESCRIPTION_CHARS
        )));
    }
    Ok(description)
}

/// A Save on the Select products page: only what changed, so that two people linking the same
/// asset at once both keep their links.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkChanges {
    pub assign: Vec<ProductId>,
    pub unassign: Vec<ProductId>,
}

impl LinkChanges {
    /// At most this many products change in one Save.
    pub const MAX_CHANGES: usize = 10_000;

    /// Comma-separated product ids, as a form sends them. A product in both lists is refused.
    ///
    /// # Errors
    /// `Validation` for something that is not an id, too many, or a product in both lists.
    pub fn parse(assign: &str, unassign: &str) -> Result<Self, AppError> {
        let ids = |list: &str| -> Result<Vec<ProductId>, AppError> {
            let mut ids: Vec<ProductId> = list
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(|id| {
                    id.parse()
                        .map(ProductId)
                        .map_err(|_| AppError::Validation(format!("\"{id}\" is not a product id.")))
                })
                .collect::<Result<_, _>>()?;
            ids.sort_unstable();
            ids.dedup();
            Ok(ids)
        };
        let changes = LinkChanges {
            assign: ids(assign)?,
            unassign: ids(unassign)?,
        };
        if changes.assign.len() + changes.unassign.len() > Self::MAX_CHANGES {
            return Err(AppError::Validation(format!(
                "One Save changes at most {} links.",
                Self::MAX_CHANGES
            )));
        }
        if changes
            .assign
            .iter()
            .any(|id| changes.unassign.binary_search(id).is_ok())
        {
            return Err(AppError::Validation(
                "A product cannot be assigned and unassigned in the same Save.".into(),
            ));
        }
        Ok(changes)
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
    fn a_selection_saves_only_its_changes_and_each_can_be_undone() {
        let mut selection = ProductSelection::new([ProductId(1), ProductId(2)]);
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
        selection.revert(ProductId(2));
        selection.revert(ProductId(3));
        assert_eq!(selection.changes(), LinkChanges::default());
        assert_eq!(selection.selected_count(), 2);
    }

    #[test]
    fn the_review_warns_when_publication_changes() {
        use crate::domain::{Availability, Publication};
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
    fn link_changes_are_ids_in_one_list_only() {
        let changes = LinkChanges::parse("3, 1,3", "").unwrap();
        assert_eq!(changes.assign, [ProductId(1), ProductId(3)]);
        assert!(LinkChanges::parse("1", "1").is_err());
        assert!(LinkChanges::parse("x", "").unwrap_err().to_string().contains("\"x\""));
    }
}
