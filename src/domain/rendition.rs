use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

use super::AppError;

/// The smaller pictures made from every image version, in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenditionKind {
    /// Fits 320 px: the grid's cards.
    Thumbnail,
    /// Fits 1600 px: the large preview.
    Preview,
}

impl RenditionKind {
    pub const ALL: [RenditionKind; 2] = [RenditionKind::Thumbnail, RenditionKind::Preview];

    /// The longest side, in pixels; smaller pictures are never enlarged.
    pub fn max_side(self) -> u32 {
        match self {
            RenditionKind::Thumbnail => 320,
            RenditionKind::Preview => 1600,
        }
    }

    pub fn jpeg_quality(self) -> i32 {
        match self {
            RenditionKind::Thumbnail => 80,
            RenditionKind::Preview => 85,
        }
    }

    /// The stable name used in the database and in URLs.
    pub fn code(self) -> &'static str {
        match self {
            RenditionKind::Thumbnail => "thumbnail",
            RenditionKind::Preview => "preview",
        }
    }
}

impl fmt::Display for RenditionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for RenditionKind {
    type Err = AppError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        RenditionKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or(AppError::NotFound)
    }
}

/// What a card can show of a version's picture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Thumbnail {
    /// Not an image damson renders: the card shows the file type's icon.
    None,
    /// Queued or being made: a placeholder, replaced when ready.
    Pending,
    /// Ready at this address.
    Ready { url: String },
    /// Rendering failed for good ("Preview unavailable"); the reason is for the curious.
    Unavailable { reason: String },
}
