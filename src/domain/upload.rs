//! A file on its way in through the resumable upload protocol: created with its size, sent in
//! chunks at their offsets, resumed from what the server has after a break, then imported.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use super::coded::coded;
use super::{AppError, AssetId};

/// Files taken in one batch of the Upload assets page; beyond, the page says only these were taken.
pub const MAX_BATCH_FILES: usize = 1000;

/// Every chunk but a file's last is this long: large enough for S3's multipart parts (5 MiB at
/// least), small enough to hold one in memory per file on its way.
pub const CHUNK_BYTES: u64 = 8 * 1024 * 1024;

/// An upload's id: random, so one user cannot guess another's.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UploadId(pub String);

impl UploadId {
    /// Whether this could be an id damson gave (32 lowercase hexadecimal digits, as
    /// `random::hex_128` makes them): anything else names no upload and is not looked up, so
    /// text no database can store (a NUL) never reaches one.
    pub fn is_well_formed(&self) -> bool {
        self.0.len() == 32 && self.0.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }
}

/// An upload, as the server has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    pub id: UploadId,
    pub file_name: String,
    pub size: u64,
    /// Bytes the server has kept, from the start: the next chunk starts here.
    pub received: u64,
    /// What an import did with it, once one did.
    pub imported: Option<Imported>,
}

/// What an import did with one upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub outcome: ImportOutcome,
    /// What it became ("New version of «shoe»"), or why it was skipped or failed.
    pub detail: String,
    /// The asset it went to, or would have.
    pub asset_id: Option<AssetId>,
}

/// What became of a file of an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    NewAsset,
    NewVersion,
    LocaleFile,
    /// A new localizable asset whose main file and file for the name's locale are the file.
    NewLocalizableAsset,
    Skipped,
    Failed,
}

// The column holds 16 characters: a new localizable asset's code is shorter than its name.
coded!(ImportOutcome, |code| -> AppError { AppError::Validation(format!("\"{}\" is not an import outcome.", code.escape_debug())) }, {
    NewAsset => "new_asset", "New asset";
    NewVersion => "new_version", "New version";
    LocaleFile => "locale_file", "Locale file";
    NewLocalizableAsset => "new_localizable", "New localizable asset";
    Skipped => "skipped", "Skipped";
    Failed => "failed", "Error";
});

impl ImportOutcome {
    /// The report's counts, in order.
    pub const COUNTED: [ImportOutcome; 5] = [
        ImportOutcome::NewAsset,
        ImportOutcome::NewVersion,
        ImportOutcome::LocaleFile,
        ImportOutcome::Skipped,
        ImportOutcome::Failed,
    ];

    /// Whether a file with this outcome counts under the report's `count`: a new localizable
    /// asset is a new asset and a file for a locale, as its plan said.
    pub fn counts_under(self, count: ImportOutcome) -> bool {
        self == count
            || (self == ImportOutcome::NewLocalizableAsset
                && matches!(count, ImportOutcome::NewAsset | ImportOutcome::LocaleFile))
    }

    /// How the report's counts name files with this outcome.
    pub fn counted(self) -> &'static str {
        match self {
            ImportOutcome::NewAsset => "New assets",
            ImportOutcome::NewVersion => "New versions",
            ImportOutcome::LocaleFile => "Locale files",
            ImportOutcome::NewLocalizableAsset => "New localizable assets",
            ImportOutcome::Skipped => "Skipped",
            ImportOutcome::Failed => "Errors",
        }
    }
}

impl Upload {
    pub fn is_complete(&self) -> bool {
        self.received == self.size
    }

    /// The bytes of the next chunk to send, or `None` once every byte is in.
    pub fn next_chunk(&self) -> Option<Range<u64>> {
        (!self.is_complete()).then(|| self.received..chunk_end(self.received, self.size))
    }
}

/// An import of uploads: whether it is done, and what became of each of its files so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadImport {
    pub id: i64,
    pub finished: bool,
    /// In the order they were uploaded.
    pub files: Vec<Upload>,
}

impl UploadImport {
    /// How many files count under the report's `count` (`ImportOutcome::counts_under`).
    pub fn count(&self, count: ImportOutcome) -> usize {
        self.files
            .iter()
            .filter(|file| {
                file.imported
                    .as_ref()
                    .is_some_and(|imported| imported.outcome.counts_under(count))
            })
            .count()
    }

    /// How many files have their outcome.
    pub fn done(&self) -> usize {
        self.files.iter().filter(|file| file.imported.is_some()).count()
    }

    /// The report as CSV: a header, then one line per file. A cell a spreadsheet would take for a
    /// formula starts with `'`.
    pub fn csv(&self) -> String {
        let mut csv = String::from("File,Result,Detail,Asset id\r\n");
        for file in &self.files {
            let (result, detail, asset) = match &file.imported {
                Some(imported) => (
                    imported.outcome.to_string(),
                    imported.detail.as_str(),
                    imported.asset_id.map(|id| id.0.to_string()).unwrap_or_default(),
                ),
                None => ("Waiting".to_owned(), "", String::new()),
            };
            let cells = [file.file_name.as_str(), result.as_str(), detail, asset.as_str()];
            csv.push_str(&cells.map(csv_cell).join(","));
            csv.push_str("\r\n");
        }
        csv
    }
}

fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Where the chunk that starts at `offset` of a `size`-byte file ends.
pub fn chunk_end(offset: u64, size: u64) -> u64 {
    offset.saturating_add(CHUNK_BYTES).min(size)
}

/// Checks that a chunk of `length` bytes at `offset` is the next one of `upload`.
///
/// # Errors
/// `Conflict` naming the offset to send from when it is not; `Validation` when its length is
/// not the chunk's.
pub fn check_chunk(upload: &Upload, offset: u64, length: Option<u64>) -> Result<Range<u64>, AppError> {
    let Some(expected) = upload.next_chunk() else {
        return Err(AppError::Conflict(format!(
            "Every byte of \u{ab}{}\u{bb} is in already.",
            upload.file_name
        )));
    };
    if offset != expected.start {
        return Err(AppError::Conflict(format!(
            "The server has {} bytes of \u{ab}{}\u{bb}: send from byte {}, not {offset}.",
            upload.received, upload.file_name, upload.received
        )));
    }
    let wanted = expected.end - expected.start;
    match length {
        Some(length) if length != wanted => Err(AppError::Validation(format!(
            "The chunk at byte {offset} of \u{ab}{}\u{bb} has {wanted} bytes, not {length}.",
            upload.file_name
        ))),
        _ => Ok(expected),
    }
}

/// Where a resumable upload's bytes gather, chunk after chunk, until it is imported: opaque text
/// the database keeps, so that any instance can take the next chunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadHandle(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(size: u64, received: u64, file_name: &str) -> Upload {
        Upload {
            id: UploadId("u".into()),
            file_name: file_name.into(),
            size,
            received,
            imported: None,
        }
    }

    #[test]
    fn only_ids_damson_could_have_given_name_an_upload() {
        assert!(UploadId("0123456789abcdef0123456789abcdef".into()).is_well_formed());
        for other in [
            "none",
            "",
            "0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcde\0",
        ] {
            assert!(!UploadId(other.into()).is_well_formed(), "{other:?}");
        }
    }

    #[test]
    fn the_report_reads_in_a_spreadsheet_as_it_reads_on_the_page() {
        let file = |name: &str, imported: Option<(ImportOutcome, &str)>| Upload {
            imported: imported.map(|(outcome, detail)| Imported {
                outcome,
                detail: detail.into(),
                asset_id: (outcome != ImportOutcome::Failed).then_some(AssetId(7)),
            }),
            ..upload(10, 10, name)
        };
        let import = UploadImport {
            id: 1,
            finished: false,
            files: vec![
                file("shoe.jpg", Some((ImportOutcome::NewVersion, "New version of «shoe»"))),
                file(
                    "boot_fr_FR.jpg",
                    Some((
                        ImportOutcome::Failed,
                        "«boot» is not localizable, so boot_fr_FR.jpg has no place",
                    )),
                ),
                file("=cmd|x.jpg", None),
                file(
                    "say \"hi\", then.jpg",
                    Some((ImportOutcome::Skipped, "identical to the current version")),
                ),
            ],
        };
        assert_eq!(import.done(), 3);
        assert_eq!(import.count(ImportOutcome::Failed), 1);
        assert_eq!(
            import.csv(),
            "File,Result,Detail,Asset id\r\n\
             shoe.jpg,New version,New version of «shoe»,7\r\n\
             boot_fr_FR.jpg,Error,\"«boot» is not localizable, so boot_fr_FR.jpg has no place\",\r\n\
             '=cmd|x.jpg,Waiting,,\r\n\
             \"say \"\"hi\"\", then.jpg\",Skipped,identical to the current version,7\r\n"
        );
    }

    #[test]
    fn a_new_localizable_asset_counts_as_the_new_asset_and_the_locale_file_its_plan_named() {
        let imported = |outcome| Upload {
            imported: Some(Imported {
                outcome,
                detail: String::new(),
                asset_id: Some(AssetId(3)),
            }),
            ..upload(10, 10, "f")
        };
        let import = UploadImport {
            id: 1,
            finished: true,
            files: vec![
                imported(ImportOutcome::NewLocalizableAsset),
                imported(ImportOutcome::NewAsset),
                imported(ImportOutcome::LocaleFile),
            ],
        };
        // Stored as its code, in a column of 16 characters.
        for outcome in ImportOutcome::ALL {
            assert!(outcome.code().len() <= 16, "{outcome:?}");
            assert_eq!(outcome.code().parse::<ImportOutcome>(), Ok(outcome));
        }
        let counts = ImportOutcome::COUNTED.map(|count| (count.counted(), import.count(count)));
        assert_eq!(
            counts,
            [
                ("New assets", 2),
                ("New versions", 0),
                ("Locale files", 2),
                ("Skipped", 0),
                ("Errors", 0)
            ]
        );
    }

    #[test]
    fn chunks_are_whole_until_the_last() {
        let size = 2 * CHUNK_BYTES + 5;
        assert_eq!(upload(size, 0, "shoe.jpg").next_chunk(), Some(0..CHUNK_BYTES));
        assert_eq!(
            upload(size, 2 * CHUNK_BYTES, "shoe.jpg").next_chunk(),
            Some(2 * CHUNK_BYTES..size)
        );
        assert_eq!(upload(size, size, "shoe.jpg").next_chunk(), None);
    }

    #[test]
    fn only_the_next_chunk_is_taken() {
        let half = upload(2 * CHUNK_BYTES, CHUNK_BYTES, "shoe.jpg");
        assert_eq!(
            check_chunk(&half, CHUNK_BYTES, Some(CHUNK_BYTES)),
            Ok(CHUNK_BYTES..2 * CHUNK_BYTES)
        );
        let behind = check_chunk(&half, 0, Some(CHUNK_BYTES)).unwrap_err();
        assert_eq!(behind.status(), 409);
        assert!(behind.to_string().contains("send from byte 8388608"), "{behind}");
        assert_eq!(check_chunk(&half, CHUNK_BYTES, Some(10)).unwrap_err().status(), 422);
        assert_eq!(
            check_chunk(&upload(10, 10, "shoe.jpg"), 10, Some(0))
                .unwrap_err()
                .status(),
            409
        );
    }
}
