//! The time sessions are measured by: the system's, unless `DAMSON_CLOCK_FILE` names a file
//! holding how many milliseconds to move it on. Tests write that file to let a session's lifetime
//! pass without waiting it out; nobody else sets it.

use std::{path::PathBuf, sync::Arc};

use time::{Duration, OffsetDateTime};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_file: Option<Arc<PathBuf>>,
}

impl Clock {
    /// The clock `offset_file` moves on; none, the system's.
    pub fn new(offset_file: Option<PathBuf>) -> Self {
        Clock {
            offset_file: offset_file.map(Arc::new),
        }
    }

    /// How far this clock is ahead of the system's: a file that is missing or does not read as
    /// milliseconds moves it by nothing.
    pub fn offset(&self) -> Duration {
        self.offset_file
            .as_deref()
            .and_then(|file| std::fs::read_to_string(file).ok())
            .and_then(|text| text.trim().parse().ok())
            .map_or(Duration::ZERO, Duration::milliseconds)
    }

    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + self.offset()
    }

    pub fn now_millis(&self) -> i64 {
        super::db::millis_of(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_moves_the_clock_on_and_nothing_else_does() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("offset");
        let clock = Clock::new(Some(file.clone()));
        assert_eq!(clock.offset(), Duration::ZERO, "no file yet");
        std::fs::write(&file, "3600000\n").unwrap();
        assert_eq!(clock.offset(), Duration::hours(1));
        assert!(clock.now() - OffsetDateTime::now_utc() > Duration::minutes(59));
        std::fs::write(&file, "soon").unwrap();
        assert_eq!(clock.offset(), Duration::ZERO);
        assert_eq!(Clock::default().offset(), Duration::ZERO);
    }
}
