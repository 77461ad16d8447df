use serde::{Deserialize, Serialize};
use std::fmt;
use time::OffsetDateTime;

use super::coded::coded;
use super::{
    AppError, Dimensions, FileType, Locale, Publication, Thumbnail, find_hidden_character, hidden_character_message,
    reveal_hidden_characters,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AssetId(pub i64);

/// Who may see an asset outside damson.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// May be published through public and static links.
    Public,
    /// Published once a linked product is published (the default for uploads).
    Automatic,
    /// Never published.
    Internal,
}

coded!(Availability, |code| -> AppError { AppError::Validation(format!("Availability is Public, Automatic or Internal, not \"{code}\".")) }, {
    Public => "public", "Public";
    Automatic => "automatic", "Automatic";
    Internal => "internal", "Internal";
});

/// An uploaded file's name: 1 to 255 characters, no folders, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileName(String);

impl FileName {
    pub const MAX_CHARS: usize = 255;

    /// # Errors
    /// `Validation` saying what is wrong with the name.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS {
            return Err(AppError::Validation(format!(
                "A file name has 1 to {} characters; this one has {chars}.",
                Self::MAX_CHARS
            )));
        }
        if name.contains(['/', '\\']) || name.chars().any(char::is_control) || name == "." || name == ".." {
            return Err(AppError::Validation(format!(
                "\"{}\" is not a plain file name (no folders or control characters).",
                name.escape_debug()
            )));
        }
        if let Some(hidden) = find_hidden_character(name) {
            return Err(AppError::Validation(hidden_character_message("A file name", hidden)));
        }
        Ok(FileName(name.to_owned()))
    }

    /// A name as stored, kept before hidden characters were refused: shown with them written out.
    pub fn stored(raw: &str) -> Self {
        FileName(reveal_hidden_characters(raw))
    }

    /// The asset code this file belongs to: its name without the last extension.
    pub fn code(&self) -> &str {
        match self.0.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => &self.0,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One file of an asset. Versions never change once added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetVersion {
    /// Counted per file: the main file's versions, and each locale's, from 1.
    pub number: u32,
    /// The locale whose file this is a version of; `None` for the main file.
    pub locale: Option<Locale>,
    pub file_name: FileName,
    pub mime: String,
    pub file_type: FileType,
    pub size: u64,
    pub dimensions: Option<Dimensions>,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
    pub added_by: String,
}

/// A product photo, video or document, as the grid and the details panel show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    pub id: AssetId,
    pub code: String,
    pub name: String,
    pub description: String,
    pub availability: Availability,
    /// Whether its links work outside damson, and why.
    pub publication: Publication,
    pub labels: Vec<String>,
    /// Whether it keeps, beside its main file, one file per locale.
    pub localizable: bool,
    /// The locales that have a file of their own, A to Z; the others fall back to the main file.
    pub locale_files: Vec<Locale>,
    /// Grows with every edit; a save names the revision it started from.
    pub revision: i64,
    pub current: AssetVersion,
    /// The current version's preview rendition (fits 1600 px), for Preview.
    pub preview: Thumbnail,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
    pub added_by: String,
}

/// The two links of a published asset that work without signing in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLinks {
    /// Opens the version that was current when it was made, for ever.
    pub public: String,
    /// Always opens the current version.
    pub static_link: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_the_file_name_without_its_last_extension() {
        assert_eq!(FileName::parse("shoe-red_01.jpg").unwrap().code(), "shoe-red_01");
        assert_eq!(FileName::parse("spec.sheet.v2.pdf").unwrap().code(), "spec.sheet.v2");
        assert_eq!(FileName::parse("README").unwrap().code(), "README");
        assert_eq!(FileName::parse(".hidden").unwrap().code(), ".hidden");
    }

    #[test]
    fn file_names_with_folders_or_controls_or_too_long_are_refused() {
        assert!(FileName::parse("../etc/passwd").is_err());
        assert!(FileName::parse("a\\b.jpg").is_err());
        assert!(FileName::parse("line\nbreak.jpg").is_err());
        assert!(FileName::parse("").is_err());
        let spoof = FileName::parse("rlo_\u{202e}gpj.exe").unwrap_err().to_string();
        assert!(spoof.contains("U+202E"), "{spoof}");
        let error = FileName::parse(&format!("{}.jpg", "x".repeat(252))).unwrap_err();
        assert!(error.to_string().contains("has 256"), "{error}");
    }

    #[test]
    fn availability_codes_round_trip_and_others_are_named() {
        for availability in Availability::ALL {
            assert_eq!(availability.code().parse::<Availability>(), Ok(availability));
        }
        assert!(
            "published"
                .parse::<Availability>()
                .unwrap_err()
                .to_string()
                .contains("\"published\"")
        );
    }
}
