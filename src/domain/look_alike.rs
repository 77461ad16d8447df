//! Characters that make a name read as something it is not: direction overrides turn
//! `rlo_\u{202e}gpj.exe` into what reads as `rlo_exe.jpg`, and invisible characters make two
//! names that look the same differ. Names and file names refuse them.

/// The first character of `text` that is invisible or changes the reading direction.
pub fn find_hidden_character(text: &str) -> Option<char> {
    text.chars().find(|&c| is_hidden(c))
}

/// `text` with each hidden character written out as `<U+202E>`, for names stored before they
/// were refused.
pub fn reveal_hidden_characters(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_hidden(c) {
                format!("<U+{:04X}>", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The message for a name that holds one.
pub fn hidden_character_message(what: &str, hidden: char) -> String {
    format!(
        "{what} cannot contain invisible or direction-changing characters; this one has U+{:04X}. Type the name again without it.",
        u32::from(hidden)
    )
}

/// Unicode's bidirectional controls and the format characters that show nothing. Joiners
/// (U+200C, U+200D) stay allowed: Persian, Indic scripts and emoji need them.
fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_overrides_and_invisible_characters_are_found() {
        assert_eq!(find_hidden_character("rlo_\u{202e}gpj.exe"), Some('\u{202e}'));
        assert_eq!(find_hidden_character("isolate\u{2067}x"), Some('\u{2067}'));
        assert_eq!(find_hidden_character("zero\u{200b}width"), Some('\u{200b}'));
        assert_eq!(find_hidden_character("\u{feff}bom.jpg"), Some('\u{feff}'));
    }

    #[test]
    fn ordinary_names_in_any_script_pass() {
        for name in [
            "Größe.pdf",
            "שלום.jpg",
            "مرحبا.png",
            "می\u{200c}خواهم",
            "👨\u{200d}👩\u{200d}👧.png",
            "日本.tif",
        ] {
            assert_eq!(find_hidden_character(name), None, "{name}");
        }
    }

    #[test]
    fn stored_names_show_what_was_hidden() {
        assert_eq!(reveal_hidden_characters("rlo_\u{202e}gpj.exe"), "rlo_<U+202E>gpj.exe");
    }
}
