//! The days an asset was added, as the Added filter names them: presets counted back from
//! today, and days as a date field sends them.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::AppError;

/// The Added presets: today, the last 7 days, the last 30 days (today included, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecentDays {
    Today,
    Last7,
    Last30,
}

impl RecentDays {
    pub const ALL: [RecentDays; 3] = [RecentDays::Today, RecentDays::Last7, RecentDays::Last30];

    pub fn code(self) -> &'static str {
        match self {
            RecentDays::Today => "today",
            RecentDays::Last7 => "7d",
            RecentDays::Last30 => "30d",
        }
    }

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

impl fmt::Display for RecentDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecentDays::Today => "Today",
            RecentDays::Last7 => "Last 7 days",
            RecentDays::Last30 => "Last 30 days",
        })
    }
}

impl std::str::FromStr for RecentDays {
    type Err = AppError;

    fn from_str(code: &str) -> Result<Self, AppError> {
        RecentDays::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .ok_or_else(|| AppError::Validation(format!("Added is today, 7d or 30d, not \u{201c}{code}\u{201d}.")))
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
