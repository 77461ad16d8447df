//! Where a file of a mass upload goes, read from its name: a new asset, a new version of an
//! existing one, or the file for one locale of a localizable asset. One function, `place`, that
//! the Upload assets page and the import both ask.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::{AppError, FileName, Locale};

/// A file's code and, when its name ends with a locale in use (`_fr_FR` or `-fr_FR`), that locale
/// and the code before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    /// The file name without its extension, as for a single upload.
    pub whole_code: String,
    /// The code without the locale, and the locale, when the name ends with one in use.
    pub localized: Option<(String, Locale)>,
}

impl NameParts {
    pub fn of(file: &FileName, locales: &[Locale]) -> Self {
        let whole_code = file.code().to_owned();
        let localized = whole_code
            .char_indices()
            .rev()
            .nth(5)
            .map(|(at, _)| whole_code.split_at(at))
            .filter(|(base, suffix)| !base.is_empty() && suffix.starts_with(['_', '-']))
            .and_then(|(base, suffix)| {
                let locale = locales.iter().find(|l| l.as_str() == &suffix[1..])?;
                Some((base.to_owned(), locale.clone()))
            });
        NameParts { whole_code, localized }
    }
}

/// What damson knows of an asset with a given code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub localizable: bool,
}

/// What a file of a mass upload becomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    /// A new asset with this code.
    NewAsset { code: String },
    /// A new version of the asset with this code.
    NewVersion { code: String },
    /// The file for a locale of the localizable asset with this code.
    LocaleFile { code: String, locale: Locale },
    /// A new localizable asset with this code, the file being that of the locale.
    NewLocalizableAsset { code: String, locale: Locale },
}

impl Placement {
    /// The asset code and locale the file is for: two files of one batch with the same are a clash.
    pub fn target(&self) -> (&str, Option<&Locale>) {
        match self {
            Placement::NewAsset { code } | Placement::NewVersion { code } => (code, None),
            Placement::LocaleFile { code, locale } | Placement::NewLocalizableAsset { code, locale } => {
                (code, Some(locale))
            }
        }
    }
}

impl fmt::Display for Placement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Placement::NewAsset { .. } => f.write_str("New asset"),
            Placement::NewVersion { code } => write!(f, "New version of \u{ab}{code}\u{bb}"),
            Placement::LocaleFile { code, locale } => write!(f, "File for {locale} of \u{ab}{code}\u{bb}"),
            Placement::NewLocalizableAsset { code, locale } => {
                write!(f, "New localizable asset \u{ab}{code}\u{bb}, file for {locale}")
            }
        }
    }
}

/// What the Upload assets page shows of a file before a byte of it is sent: the code and locale
/// read from its name, and where it will go or why it cannot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePlan {
    pub code: String,
    pub locale: Option<Locale>,
    pub placement: Result<Placement, AppError>,
}

impl FilePlan {
    pub fn of(file: &FileName, locales: &[Locale], known: impl Fn(&str) -> Option<Known>) -> Self {
        let placement = place(file, locales, &known);
        let (code, locale) = match &placement {
            Ok(placement) => {
                let (code, locale) = placement.target();
                (code.to_owned(), locale.cloned())
            }
            Err(_) => match NameParts::of(file, locales) {
                NameParts {
                    localized: Some((code, locale)),
                    ..
                } => (code, Some(locale)),
                NameParts { whole_code, .. } => (whole_code, None),
            },
        };
        FilePlan {
            code,
            locale,
            placement,
        }
    }
}

/// For each file of a batch (its placement, or `None` when it has none), the names of the other
/// files for the same code and locale: two files for one target are an error on both.
pub fn clashes<'a>(batch: &[(&'a str, Option<&'a Placement>)]) -> Vec<Vec<&'a str>> {
    batch
        .iter()
        .enumerate()
        .map(|(index, (_, placement))| {
            let Some(target) = placement.map(Placement::target) else {
                return Vec::new();
            };
            batch
                .iter()
                .enumerate()
                .filter(|&(other, (_, placement))| other != index && placement.map(Placement::target) == Some(target))
                .map(|(_, (name, _))| *name)
                .collect()
        })
        .collect()
}

/// What a file that clashes with `others` is told.
pub fn clash_message(file_name: &str, placement: &Placement, others: &[&str]) -> String {
    let what = match placement.target() {
        (code, None) => format!("\u{ab}{code}\u{bb}"),
        (code, Some(locale)) => format!("{locale} of \u{ab}{code}\u{bb}"),
    };
    format!(
        "{file_name} and {} are both for {what}: keep one of them.",
        others.join(", ")
    )
}

/// Where `file` goes, given the locales in use and what is known of the codes it may name.
///
/// A whole code that is an asset's gets a new version, whatever it ends with. A name ending with
/// a locale in use is for that locale of the asset with the code before it: a localizable one
/// gets the file, one that is not localizable is an error, and without one a new localizable
/// asset is made. Any other name is a new asset.
///
/// # Errors
/// `Validation` when the name is for a locale of an asset that is not localizable.
pub fn place(
    file: &FileName,
    locales: &[Locale],
    known: impl Fn(&str) -> Option<Known>,
) -> Result<Placement, AppError> {
    let parts = NameParts::of(file, locales);
    if known(&parts.whole_code).is_some() {
        return Ok(Placement::NewVersion { code: parts.whole_code });
    }
    let Some((code, locale)) = parts.localized else {
        return Ok(Placement::NewAsset { code: parts.whole_code });
    };
    match known(&code) {
        Some(Known { localizable: true }) => Ok(Placement::LocaleFile { code, locale }),
        Some(Known { localizable: false }) => Err(AppError::Validation(format!(
            "\u{ab}{code}\u{bb} is not localizable, so {file} has no place"
        ))),
        None => Ok(Placement::NewLocalizableAsset { code, locale }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales() -> Vec<Locale> {
        ["en_US", "fr_FR", "de_DE"].map(|l| Locale::parse(l).unwrap()).to_vec()
    }

    fn known(code: &str) -> Option<Known> {
        match code {
            "shoe_red" | "spec.sheet" | "bag-blue" => Some(Known { localizable: true }),
            "boot" | "boot_fr_FR_old" => Some(Known { localizable: false }),
            "tee_fr_FR" => Some(Known { localizable: false }),
            _ => None,
        }
    }

    fn outcome(name: &str) -> String {
        match place(&FileName::parse(name).unwrap(), &locales(), known) {
            Ok(placement) => placement.to_string(),
            Err(error) => format!("error: {error}"),
        }
    }

    #[test]
    fn file_names_place_files_as_the_table_says() {
        let table = [
            ("new_code.jpg", "New asset"),
            ("shoe_red.jpg", "New version of «shoe_red»"),
            ("shoe_red_fr_FR.jpg", "File for fr_FR of «shoe_red»"),
            ("shoe_red-fr_FR.jpg", "File for fr_FR of «shoe_red»"),
            ("bag-blue_de_DE.png", "File for de_DE of «bag-blue»"),
            // Codes with dots: only the last extension goes.
            ("spec.sheet_en_US.pdf", "File for en_US of «spec.sheet»"),
            ("spec.sheet.pdf", "New version of «spec.sheet»"),
            // A locale-like suffix not in the list is part of the code.
            ("shoe_red_es_ES.jpg", "New asset"),
            ("shoe_red_fr_fr.jpg", "New asset"),
            ("shoe_redfr_FR.jpg", "New asset"),
            // A whole code that is an asset's is a new version of it.
            ("tee_fr_FR.jpg", "New version of «tee_fr_FR»"),
            ("boot_fr_FR_old.tif", "New version of «boot_fr_FR_old»"),
            // No asset with the code before the locale: a new localizable one.
            ("sandal_fr_FR.jpg", "New localizable asset «sandal», file for fr_FR"),
            (
                "boot_fr_FR.jpg",
                "error: «boot» is not localizable, so boot_fr_FR.jpg has no place",
            ),
            // A name that is only a locale has no code before it.
            ("fr_FR.jpg", "New asset"),
            ("_fr_FR.jpg", "New asset"),
            ("x_fr_FR", "New localizable asset «x», file for fr_FR"),
            (
                "chaussure_été_fr_FR.jpg",
                "New localizable asset «chaussure_été», file for fr_FR",
            ),
        ];
        for (name, expected) in table {
            assert_eq!(outcome(name), expected, "{name}");
        }
    }

    #[test]
    fn files_of_a_batch_for_the_same_code_and_locale_clash_both_ways() {
        let names = [
            "shoe_red_fr_FR.jpg",
            "shoe_red-fr_FR.png",
            "shoe_red.jpg",
            "boot_fr_FR.jpg",
        ];
        let placed: Vec<Option<Placement>> = names
            .iter()
            .map(|name| place(&FileName::parse(name).unwrap(), &locales(), known).ok())
            .collect();
        let batch: Vec<(&str, Option<&Placement>)> =
            names.iter().copied().zip(placed.iter().map(Option::as_ref)).collect();
        let found = clashes(&batch);
        assert_eq!(found[0], ["shoe_red-fr_FR.png"]);
        assert_eq!(found[1], ["shoe_red_fr_FR.jpg"]);
        assert!(found[2].is_empty() && found[3].is_empty());
        assert_eq!(
            clash_message(names[0], placed[0].as_ref().unwrap(), &found[0]),
            "shoe_red_fr_FR.jpg and shoe_red-fr_FR.png are both for fr_FR of «shoe_red»: keep one of them."
        );
    }

    #[test]
    fn two_files_for_the_same_code_and_locale_share_a_target() {
        let place_of = |name: &str| place(&FileName::parse(name).unwrap(), &locales(), known).unwrap();
        assert_eq!(
            place_of("shoe_red_fr_FR.jpg").target(),
            place_of("shoe_red-fr_FR.png").target()
        );
        assert_ne!(
            place_of("shoe_red.jpg").target(),
            place_of("shoe_red_fr_FR.jpg").target()
        );
    }
}
