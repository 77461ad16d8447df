use serde::{Deserialize, Serialize};

use super::AppError;
use super::coded::coded;

/// The smaller pictures made from every image version, in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenditionKind {
    /// Fits 320 px: the grid's cards.
    Thumbnail,
    /// Fits 1600 px: the large preview.
    Preview,
}

coded!(RenditionKind, |code| -> AppError { AppError::NotFound }, {
    Thumbnail => "thumbnail", "thumbnail";
    Preview => "preview", "preview";
});

impl RenditionKind {
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
