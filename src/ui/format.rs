//! How numbers and dates read on screen.

use leptos::prelude::*;
use time::OffsetDateTime;

/// Bytes in the unit a person expects: "532 B", "12.4 KB", "3.2 MB", "1.1 GB" (1 KB = 1024 B).
pub fn file_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// "22 Nov 2026, 14:05 UTC": the same on the server and in every browser, so hydration agrees.
pub fn date_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let month = &at.month().to_string()[..3];
    format!(
        "{} {month} {}, {:02}:{:02} UTC",
        at.day(),
        at.year(),
        at.hour(),
        at.minute()
    )
}

/// A file name or code that may break after `_`, `-` and `.` (with `<wbr>`), so a long one wraps
/// between its words rather than in the middle of one.
pub fn breakable(name: &str) -> impl IntoView + use<> {
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    for c in name.chars() {
        part.push(c);
        if matches!(c, '_' | '-' | '.') {
            parts.push(std::mem::take(&mut part));
        }
    }
    parts.push(part);
    parts.into_iter().map(|part| view! { {part}<wbr /> }).collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_human_units() {
        assert_eq!(file_size(532), "532 B");
        assert_eq!(file_size(6412), "6.3 KB");
        assert_eq!(file_size(543_137), "530 KB");
        assert_eq!(file_size(128 * 1024 * 1024), "128 MB");
        assert_eq!(file_size(3 * 1024 * 1024 * 1024 / 2), "1.5 GB");
    }

    #[test]
    fn dates_read_the_same_everywhere() {
        let at = OffsetDateTime::from_unix_timestamp(1_795_356_300).unwrap();
        assert_eq!(date_time(at), "22 Nov 2026, 14:05 UTC");
    }
}
