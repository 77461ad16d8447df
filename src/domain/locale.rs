//! The locales in use (en_US, fr_FR, …): a localizable asset keeps one file per locale.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::AppError;

/// A locale in use: two lowercase letters, `_`, two uppercase letters (`en_US`, `fr_FR`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Locale(String);

impl Locale {
    /// # Errors
    /// `Validation` naming the code and the form it should have.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let code = raw.trim();
        if is_locale(code) {
            Ok(Locale(code.to_owned()))
        } else {
            Err(AppError::Validation(format!(
                "\u{ab}{}\u{bb} is not a locale code: two lowercase letters, _, two uppercase letters, as en_US.",
                code.escape_debug()
            )))
        }
    }

    /// A locale chosen in a form or an address, where empty means the main file.
    ///
    /// # Errors
    /// As `parse`.
    pub fn chosen(raw: Option<&str>) -> Result<Option<Self>, AppError> {
        raw.map(str::trim)
            .filter(|code| !code.is_empty())
            .map(Locale::parse)
            .transpose()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_locale(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 5
        && bytes[..2].iter().all(u8::is_ascii_lowercase)
        && bytes[2] == b'_'
        && bytes[3..].iter().all(u8::is_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_codes_are_two_lowercase_letters_and_two_uppercase_ones() {
        for good in ["en_US", "fr_FR", "pt_BR"] {
            assert_eq!(Locale::parse(good).unwrap().as_str(), good);
        }
        // Surrounding spaces are trimmed, as in every form.
        assert_eq!(Locale::parse(" fr_FR ").unwrap().as_str(), "fr_FR");
        for bad in ["en-US", "EN_us", "en_USA", "e1_US", "", "ét_FR"] {
            let error = Locale::parse(bad).unwrap_err().to_string();
            assert!(error.contains("two lowercase letters"), "{bad}: {error}");
        }
    }
}
