//! What text people type may hold wherever it reaches the database: no NUL (PostgreSQL refuses
//! it outright and SQLite's text index stops reading at it) and no other control character, but
//! tabs and line breaks where a field has lines.

use super::AppError;

/// Whether a field holds lines (a description) or one line (a name, a search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Refuses `text` when it holds a control character the field cannot have, naming the field
/// (`what`, as a person reads it: "Search", "Asset name") and the character.
///
/// # Errors
/// `Validation` with that message.
pub fn check_typed(what: &str, text: &str, lines: Lines) -> Result<(), AppError> {
    match refused_character(text, lines) {
        None => Ok(()),
        Some('\n' | '\r' | '\t') => Err(AppError::Validation(format!(
            "{what} cannot contain line breaks or tabs."
        ))),
        Some(control) => Err(AppError::Validation(control_message(what, control))),
    }
}

/// The first character of `text` that a field with `lines` cannot hold.
pub fn refused_character(text: &str, lines: Lines) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(lines == Lines::Many && matches!(c, '\n' | '\r' | '\t')))
}

/// The message for a control character where none may be.
pub fn control_message(what: &str, control: char) -> String {
    let name = if control == '\0' { " (NUL)" } else { "" };
    format!(
        "{what} cannot contain the control character U+{:04X}{name}; remove it and try again.",
        u32::from(control)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_refused_everywhere_and_named() {
        for lines in [Lines::One, Lines::Many] {
            let error = check_typed("Search", "red\0shoe", lines).unwrap_err().to_string();
            assert!(error.contains("Search") && error.contains("U+0000 (NUL)"), "{error}");
        }
        let error = check_typed("Search", "bell\u{7}", Lines::One).unwrap_err().to_string();
        assert!(error.contains("U+0007") && !error.contains("NUL"), "{error}");
    }

    #[test]
    fn line_breaks_and_tabs_belong_to_fields_with_lines() {
        assert!(check_typed("Description", "one\ntwo\r\n\tthree", Lines::Many).is_ok());
        let error = check_typed("Asset name", "one\ntwo", Lines::One)
            .unwrap_err()
            .to_string();
        assert_eq!(error, "Asset name cannot contain line breaks or tabs.");
        assert!(check_typed("Asset name", "Größe 日本 👨‍👩‍👧", Lines::One).is_ok());
    }
}
