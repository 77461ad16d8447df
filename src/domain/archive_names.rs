//! The names of files in a downloaded ZIP: each asset's file under the name it was uploaded with,
//! made safe to unpack anywhere, and a clash (any case, as Windows and macOS see it) given a
//! suffix before the extension.

use std::collections::HashSet;

/// The names given so far in one archive.
#[derive(Debug, Default)]
pub struct ArchiveNames {
    taken: HashSet<String>,
}

impl ArchiveNames {
    /// `file_name` made safe (`safe_entry_name`), or "name (2).ext", "name (3).ext"… when an
    /// earlier file has it.
    pub fn name(&mut self, file_name: &str) -> String {
        let file_name = safe_entry_name(file_name);
        let file_name = file_name.as_str();
        let (stem, extension) = match file_name.rfind('.') {
            Some(dot) if dot > 0 => file_name.split_at(dot),
            _ => (file_name, ""),
        };
        let mut name = file_name.to_owned();
        let mut number = 1;
        while !self.taken.insert(name.to_lowercase()) {
            number += 1;
            name = format!("{stem} ({number}){extension}");
        }
        name
    }
}

/// An entry name that every unpacker keeps as one file in the folder it unpacks into: no folder
/// separators, no drive (`C:x.jpg` is a file on drive C: to Windows), none of the characters
/// Windows refuses, no control characters, no trailing dot or space (Windows drops them), and
/// not a device name (`CON`, `NUL.txt`, `COM1`…). What cannot stay becomes `_`.
pub fn safe_entry_name(file_name: &str) -> String {
    let mut name: String = file_name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    while name.ends_with(['.', ' ']) {
        name.pop();
    }
    if name.is_empty() || name.chars().all(|c| c == '.') {
        return "file".to_owned();
    }
    let device = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    let is_device = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device.as_bytes()[3].is_ascii_digit());
    if is_device {
        name.insert(0, '_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashing_names_get_a_number_before_the_extension() {
        let mut names = ArchiveNames::default();
        let given: Vec<String> = [
            "shoe.jpg",
            "Shoe.JPG",
            "shoe.jpg",
            "shoe (2).jpg",
            "README",
            "readme",
            ".env",
            ".env",
        ]
        .into_iter()
        .map(|name| names.name(name))
        .collect();
        assert_eq!(
            given,
            [
                "shoe.jpg",
                "Shoe (2).JPG",
                "shoe (3).jpg",
                "shoe (2) (2).jpg",
                "README",
                "readme (2)",
                ".env",
                ".env (2)"
            ]
        );
    }

    #[test]
    fn names_unpack_as_one_file_in_the_folder_on_every_system() {
        for (stored, safe) in [
            ("C:x.jpg", "C_x.jpg"),
            ("../../etc/passwd", ".._.._etc_passwd"),
            ("a\\b.png", "a_b.png"),
            ("what?.pdf", "what_.pdf"),
            ("tab\there.txt", "tab_here.txt"),
            ("trailing. . ", "trailing"),
            ("CON", "_CON"),
            ("nul.txt", "_nul.txt"),
            ("com1.jpg", "_com1.jpg"),
            ("console.jpg", "console.jpg"),
            ("...", "file"),
            ("Größe 日本.jpg", "Größe 日本.jpg"),
        ] {
            assert_eq!(safe_entry_name(stored), safe, "{stored:?}");
        }
        let mut names = ArchiveNames::default();
        assert_eq!(
            [names.name("a:b.jpg"), names.name("a_b.jpg")],
            ["a_b.jpg", "a_b (2).jpg"]
        );
    }
}
