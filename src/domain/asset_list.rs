use serde::{Deserialize, Serialize};

use super::coded::coded;
use super::{AppError, AssetId, FileType, Publication, Thumbnail};

/// The grid's orders. Every one is total (ties broken by id), so paging by cursor is exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetSort {
    /// Newest first.
    #[default]
    Latest,
    Oldest,
    /// A to Z, ignoring case.
    Name,
    /// Largest first.
    Size,
    /// Last edited, given a new version or linked first.
    Updated,
}

coded!(AssetSort, |code| -> AppError { AppError::Validation(format!("Sort by latest, oldest, name, size or updated, not \"{code}\".")) }, {
    Latest => "latest", "Latest";
    Oldest => "oldest", "Oldest";
    Name => "name", "Name";
    Size => "size", "Size";
    Updated => "updated", "Recently updated";
});

/// Where a page of the grid ends: the last card's sort value and id. Opaque to the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub id: AssetId,
    /// The sort value: for Name `name_sort`, for Size bytes, for Latest and Oldest the time added
    /// and for Updated the time updated (Unix nanoseconds).
    pub value: String,
}

impl Cursor {
    /// `id` or `id~value`: safe in a URL query once form-encoded.
    pub fn encode(&self) -> String {
        if self.value.is_empty() {
            self.id.0.to_string()
        } else {
            format!("{}~{}", self.id.0, self.value)
        }
    }

    /// # Errors
    /// `Validation` for a cursor this server did not make.
    pub fn decode(raw: &str) -> Result<Cursor, AppError> {
        let (id, value) = raw.split_once('~').unwrap_or((raw, ""));
        let id = id.parse::<i64>().map_err(|_| damaged())?;
        if value.chars().any(char::is_control) {
            return Err(damaged());
        }
        Ok(Cursor {
            id: AssetId(id),
            value: value.to_owned(),
        })
    }

    /// The sort value as a number (Size).
    ///
    /// # Errors
    /// `Validation` when it is not one: the cursor was made for another order, or edited.
    pub fn number(&self) -> Result<i64, AppError> {
        self.value.parse().map_err(|_| damaged())
    }

    /// The sort value as an instant (the time added or updated, in Unix nanoseconds).
    ///
    /// # Errors
    /// As `number`.
    pub fn instant(&self) -> Result<time::OffsetDateTime, AppError> {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.number()?)).map_err(|_| damaged())
    }
}

fn damaged() -> AppError {
    AppError::Validation("This page link is damaged; start from the first page.".into())
}

/// What the grid shows of one asset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetCard {
    pub id: AssetId,
    /// The file name it was uploaded as, without extension: how mass uploads and the API find it.
    pub code: String,
    pub name: String,
    pub file_type: FileType,
    pub publication: Publication,
    pub thumbnail: Thumbnail,
}

/// One page of the grid and where the next one starts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetPage {
    pub cards: Vec<AssetCard>,
    /// `None` on the last page.
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_with_any_name() {
        for value in ["", "shoe~red 01", "größe"] {
            let cursor = Cursor {
                id: AssetId(42),
                value: value.to_owned(),
            };
            assert_eq!(Cursor::decode(&cursor.encode()), Ok(cursor));
        }
        assert!(Cursor::decode("latest").is_err());
    }

    #[test]
    fn sort_codes_round_trip() {
        for sort in AssetSort::ALL {
            assert_eq!(sort.code().parse::<AssetSort>(), Ok(sort));
        }
    }
}
