//! What a clone is called: the original's name marked "(Cloned)", and the first free code after
//! the original's.

use super::AssetChanges;

/// The name plus " (Cloned)", shortened so that the whole fits.
pub fn cloned_name(name: &str) -> String {
    const SUFFIX: &str = " (Cloned)";
    let room = AssetChanges::MAX_NAME_CHARS - SUFFIX.chars().count();
    format!("{}{SUFFIX}", name.chars().take(room).collect::<String>())
}

/// The codes a clone of `code` may take, in the order they are tried: `code_clone`, then
/// `code_clone_2`, `code_clone_3`, …; the original's code cut so that each fits.
pub fn clone_codes(code: &str) -> impl Iterator<Item = String> {
    let stem: String = code.chars().take(230).collect();
    (1u32..).map(move |n| {
        if n == 1 {
            format!("{stem}_clone")
        } else {
            format!("{stem}_clone_{n}")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{clone_codes, cloned_name};

    #[test]
    fn a_clone_is_named_after_its_original_and_still_fits() {
        assert_eq!(cloned_name("Red shoe"), "Red shoe (Cloned)");
        let long = cloned_name(&"n".repeat(255));
        assert_eq!(long.chars().count(), 255);
        assert!(long.ends_with(" (Cloned)"));
    }

    #[test]
    fn a_clone_takes_the_first_free_code_after_its_original() {
        let codes: Vec<String> = clone_codes("shoe").take(3).collect();
        assert_eq!(codes, ["shoe_clone", "shoe_clone_2", "shoe_clone_3"]);
        assert!(clone_codes(&"c".repeat(255)).next().unwrap().chars().count() <= 255);
    }
}
