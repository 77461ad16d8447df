//! The API's JSON: its own types, so that the contract with other programs changes only with the
//! API's version, whatever the pages' types become.

use serde::{Deserialize, Serialize};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};
use utoipa::ToSchema;

use crate::domain::{AppError, Asset, AssetCard, AssetChanges, AssetPage, AssetVersion};

/// A file's bytes, as the raw body.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code, reason = "describes a raw body for the document; handlers stream it")]
pub struct FileBytes(Vec<u8>);

/// An asset in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetSummary {
    pub id: i64,
    /// Its file name without extension, unique: how mass uploads and scripts name it.
    pub code: String,
    pub name: String,
    /// `image`, `audio`, `video`, `document`, `text` or `other`.
    pub file_type: String,
    /// `public`, `automatic` (published while a linked product is) or `internal`.
    pub availability: String,
    /// Whether its public and static links work now.
    pub published: bool,
}

/// One page of assets.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetList {
    pub items: Vec<AssetSummary>,
    /// Pass it as `next` for the following page; absent on the last one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// An asset, with its current version.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetDetail {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub labels: Vec<String>,
    /// `public`, `automatic` or `internal`.
    pub availability: String,
    pub published: bool,
    /// Whether it keeps one file per locale beside its main file.
    pub localizable: bool,
    /// The locales that have a file of their own (`fr_FR`); the others use the main file.
    pub locale_files: Vec<String>,
    pub current_version: Version,
    /// RFC 3339.
    pub added_at: String,
    pub added_by: String,
    /// Grows with every change; the `ETag` of the asset.
    pub revision: i64,
}

/// One version of a file.
#[derive(Debug, Serialize, ToSchema)]
pub struct Version {
    /// Counted per file from 1.
    pub number: u32,
    pub file_name: String,
    pub mime: String,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// RFC 3339.
    pub added_at: String,
    pub added_by: String,
}

impl From<AssetCard> for AssetSummary {
    fn from(card: AssetCard) -> Self {
        AssetSummary {
            id: card.id.0,
            code: card.code,
            name: card.name,
            file_type: card.file_type.code().to_owned(),
            availability: card.publication.availability().code().to_owned(),
            published: card.publication.is_published(),
        }
    }
}

impl From<AssetPage> for AssetList {
    fn from(page: AssetPage) -> Self {
        AssetList {
            items: page.cards.into_iter().map(AssetSummary::from).collect(),
            next: page.next,
        }
    }
}

impl From<Asset> for AssetDetail {
    fn from(asset: Asset) -> Self {
        AssetDetail {
            id: asset.id.0,
            code: asset.code,
            name: asset.name,
            description: asset.description,
            labels: asset.labels,
            availability: asset.availability.code().to_owned(),
            published: asset.publication.is_published(),
            localizable: asset.localizable,
            locale_files: asset
                .locale_files
                .iter()
                .map(|locale| locale.as_str().to_owned())
                .collect(),
            current_version: asset.current.into(),
            added_at: rfc3339(asset.added_at),
            added_by: asset.added_by,
            revision: asset.revision,
        }
    }
}

impl From<AssetVersion> for Version {
    fn from(version: AssetVersion) -> Self {
        Version {
            number: version.number,
            file_name: version.file_name.as_str().to_owned(),
            mime: version.mime,
            size: version.size,
            width: version.dimensions.map(|size| size.width),
            height: version.dimensions.map(|size| size.height),
            added_at: rfc3339(version.added_at),
            added_by: version.added_by,
        }
    }
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// The changes of a PATCH: what is left out stays as it is.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    /// All its labels: those left out are removed.
    pub labels: Option<Vec<String>>,
    /// `public`, `automatic` or `internal`.
    pub availability: Option<String>,
    pub localizable: Option<bool>,
}

impl AssetPatch {
    /// The asset's changes once this patch is applied to `asset`, checked as the Details tab's.
    ///
    /// # Errors
    /// `Validation` naming the field and what is wrong.
    pub fn applied_to(self, asset: &Asset) -> Result<AssetChanges, AppError> {
        let labels = match self.labels {
            Some(labels) => {
                if let Some(label) = labels.iter().find(|label| label.contains(',')) {
                    return Err(AppError::Validation(format!(
                        "A label has no comma: \u{201c}{label}\u{201d} would be two."
                    )));
                }
                labels
            }
            None => asset.labels.clone(),
        };
        AssetChanges::parse(
            self.name.as_deref().unwrap_or(&asset.name),
            self.description.as_deref().unwrap_or(&asset.description),
            &labels.join(","),
            self.availability.as_deref().unwrap_or(asset.availability.code()),
            self.localizable.unwrap_or(asset.localizable),
        )
    }
}
