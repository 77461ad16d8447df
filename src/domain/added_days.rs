//! The days an asset was added, as the Added filter names them: presets counted back from
//! today, and days as a date field sends them.

use serde::{Deserialize, Serialize};

use super::AppError;
use super::coded::coded;

/// The Added presets: today, the last 7 days, the last 30 days (today included, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecentDays {
    Today,
    Last7,
    Last30,
}

coded!(RecentDays, |code| -> AppError { AppError::Validation(format!("Added is today, 7d or 30d, not \u{201c}{code}\u{201d}.")) }, {
    Today => "today", "Today";
    Last7 => "7d", "Last 7 days";
    Last30 => "30d", "Last 30 days";
});

impl RecentDays {
    /// The first day it covers, when today is `today`.
    pub fn first_day(self, today: time::Date) -> time::Date {
        let back = match self {
            RecentDays::Today => 0,
            RecentDays::Last7 => 6,
            RecentDays::Last30 => 29,
        };
        today.saturating_sub(time::Duration::days(back))
    }
}

/// `2026-11-23`.
pub fn day_code(day: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())
}

/// A day as `YYYY-MM-DD`, as a date field sends it.
///
/// # Errors
/// `Validation` for anything else, or a day that does not exist.
pub fn parse_day(text: &str) -> Result<time::Date, AppError> {
    let wrong = || AppError::Validation(format!("\u{201c}{text}\u{201d} is not a day (YYYY-MM-DD)."));
    let mut parts = text.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(wrong());
    };
    let (year, month, day) = (
        year.parse::<i32>().map_err(|_| wrong())?,
        month.parse::<u8>().map_err(|_| wrong())?,
        day.parse::<u8>().map_err(|_| wrong())?,
    );
    let month = time::Month::try_from(month).map_err(|_| wrong())?;
    time::Date::from_calendar_date(year, month, day).map_err(|_| wrong())
}
