use serde::{Deserialize, Serialize};

use super::{AppError, Availability, Lines, check_typed};

/// What a manager may change on an asset, checked field by field. Files never change here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetChanges {
    pub name: String,
    pub description: String,
    pub labels: Vec<String>,
    pub availability: Availability,
    /// Whether the asset keeps one file per locale besides its main file.
    pub localizable: bool,
}

impl AssetChanges {
    pub const MAX_NAME_CHARS: usize = 255;
    pub const MAX_DESCRIPTION_CHARS: usize = 4000;
    pub const MAX_LABEL_CHARS: usize = 64;
    pub const MAX_LABELS: usize = 50;

    /// `labels` is the form's comma-separated list.
    ///
    /// # Errors
    /// `Validation` naming the field and what is wrong with it.
    pub fn parse(
        name: &str,
        description: &str,
        labels: &str,
        availability: &str,
        localizable: bool,
    ) -> Result<Self, AppError> {
        let name = name.trim();
        let name_chars = name.chars().count();
        if name_chars == 0 || name_chars > Self::MAX_NAME_CHARS {
            return Err(AppError::Validation(format!(
                "Asset name has 1 to {} characters; this one has {name_chars}.",
                Self::MAX_NAME_CHARS
            )));
        }
        check_typed("Asset name", name, Lines::One)?;
        if let Some(hidden) = super::find_hidden_character(name) {
            return Err(AppError::Validation(super::hidden_character_message(
                "Asset name",
                hidden,
            )));
        }
        Ok(AssetChanges {
            name: name.to_owned(),
            description: parse_description(description)?,
            labels: parse_labels(labels)?,
            availability: availability.parse()?,
            localizable,
        })
    }
}

/// A description (of an asset or a product): trimmed, line breaks and tabs kept, no other control
/// character, at most 4,000 characters.
///
/// # Errors
/// `Validation` saying what is wrong.
pub fn parse_description(description: &str) -> Result<String, AppError> {
    let description = description.trim().replace("\r\n", "\n");
    check_typed("Description", &description, Lines::Many)?;
    let chars = description.chars().count();
    if chars > AssetChanges::MAX_DESCRIPTION_CHARS {
        return Err(AppError::Validation(format!(
            "Description has at most {} characters; this one has {chars}.",
            AssetChanges::MAX_DESCRIPTION_CHARS
        )));
    }
    Ok(description)
}

/// Whether `labels` hold `label`: labels are the same whatever their case.
pub fn holds_label(labels: &[String], label: &str) -> bool {
    labels.iter().any(|held| held.to_lowercase() == label.to_lowercase())
}

/// Refuses labels added to an asset that would give it more than an asset may have.
///
/// # Errors
/// `Validation` saying how many it would have.
pub fn check_label_count(count: usize) -> Result<(), AppError> {
    if count > AssetChanges::MAX_LABELS {
        return Err(AppError::Validation(format!(
            "It would have {count} labels; an asset has at most {}.",
            AssetChanges::MAX_LABELS
        )));
    }
    Ok(())
}

/// Labels from a comma-separated list: trimmed, duplicates (ignoring case) dropped, order kept.
///
/// # Errors
/// `Validation` naming the first label that is too long or has a character labels cannot have.
pub fn parse_labels(list: &str) -> Result<Vec<String>, AppError> {
    let mut labels: Vec<String> = Vec::new();
    for label in list
        .split(',')
        .map(|label| label.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if label.is_empty() || holds_label(&labels, &label) {
            continue;
        }
        let chars = label.chars().count();
        if chars > AssetChanges::MAX_LABEL_CHARS {
            return Err(AppError::Validation(format!(
                "The label \"{label}\" has {chars} characters; labels have at most {}.",
                AssetChanges::MAX_LABEL_CHARS
            )));
        }
        if let Some(bad) = label.chars().find(|c| !(c.is_alphanumeric() || " -_.&+/".contains(*c))) {
            return Err(AppError::Validation(format!(
                "The label \"{label}\" contains \"{bad}\"; labels have letters, digits, spaces and - _ . & + / only."
            )));
        }
        labels.push(label);
    }
    if labels.len() > AssetChanges::MAX_LABELS {
        return Err(AppError::Validation(format!(
            "An asset has at most {} labels; this list has {}.",
            AssetChanges::MAX_LABELS,
            labels.len()
        )));
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_and_deduplicated_ignoring_case() {
        assert_eq!(
            parse_labels(" summer ,Red, red,,  spring  sale ").unwrap(),
            ["summer", "Red", "spring sale"]
        );
        assert_eq!(parse_labels("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn bad_labels_are_named() {
        let error = parse_labels("ok, <script>").unwrap_err().to_string();
        assert!(error.contains("\"<script>\"") && error.contains("\"<\""), "{error}");
        let long = "x".repeat(65);
        assert!(parse_labels(&long).unwrap_err().to_string().contains("65 characters"));
        let many = (0..51).map(|n| n.to_string()).collect::<Vec<_>>().join(",");
        assert!(parse_labels(&many).unwrap_err().to_string().contains("51"));
    }

    #[test]
    fn every_field_is_checked() {
        assert!(AssetChanges::parse("Shoe", "", "", "public", false).is_ok());
        let empty = AssetChanges::parse("  ", "", "", "public", false)
            .unwrap_err()
            .to_string();
        assert!(empty.contains("Asset name"), "{empty}");
        let long = AssetChanges::parse(&"n".repeat(256), "", "", "public", false)
            .unwrap_err()
            .to_string();
        assert!(long.contains("256"), "{long}");
        let description = AssetChanges::parse("Shoe", &"d".repeat(4001), "", "public", false)
            .unwrap_err()
            .to_string();
        assert!(description.contains("Description"), "{description}");
        let nul = AssetChanges::parse("Shoe", "before\0after", "", "public", false)
            .unwrap_err()
            .to_string();
        assert!(nul.contains("U+0000"), "{nul}");
        let availability = AssetChanges::parse("Shoe", "", "", "published", false)
            .unwrap_err()
            .to_string();
        assert!(availability.contains("\"published\""), "{availability}");
        let spoof = AssetChanges::parse("photo_\u{202e}gpj.exe", "", "", "public", false)
            .unwrap_err()
            .to_string();
        assert!(spoof.contains("Asset name") && spoof.contains("U+202E"), "{spoof}");
    }
}
