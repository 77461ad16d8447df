//! The names of files in a downloaded ZIP: each asset's file under the name it was uploaded with,
//! and a clash (any case, as Windows and macOS see it) given a suffix before the extension.

use std::collections::HashSet;

/// The names given so far in one archive.
#[derive(Debug, Default)]
pub struct ArchiveNames {
    taken: HashSet<String>,
}

impl ArchiveNames {
    /// `file_name`, or "name (2).ext", "name (3).ext"… when an earlier file has it.
    pub fn name(&mut self, file_name: &str) -> String {
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
}
