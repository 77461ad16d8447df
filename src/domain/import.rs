//! CSV imports for teams whose product data lives in a PIM: what a row must hold, and the report.

use serde::{Deserialize, Serialize};

use super::{ProductFields, ProductStatus, parse_key, parse_title};

/// What a CSV import brings in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvImportKind {
    Products,
    Categories,
}

impl CsvImportKind {
    /// As the page names it: "Import products (CSV)".
    pub fn noun(self) -> &'static str {
        match self {
            CsvImportKind::Products => "products",
            CsvImportKind::Categories => "categories",
        }
    }
}

/// What an import did. A refused row changed nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Every refused row, counted.
    pub refused_count: u64,
    /// The first refused rows, with their line numbers and reasons.
    pub refused: Vec<RefusedRow>,
    /// Why the import stopped before the end of the file, if it did.
    pub stopped: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedRow {
    /// The row's line in the file, the header being line 1.
    pub line: u64,
    pub reason: String,
}

impl ImportReport {
    /// At most this many refused rows are listed; the rest are counted.
    pub const MAX_LISTED: usize = 1000;

    pub fn refuse(&mut self, line: u64, reason: impl Into<String>) {
        self.refused_count += 1;
        if self.refused.len() < Self::MAX_LISTED {
            self.refused.push(RefusedRow {
                line,
                reason: reason.into(),
            });
        }
    }

    /// One line for a person: "Created 3, updated 1, unchanged 0, refused 2."
    pub fn summary(&self) -> String {
        format!(
            "Created {}, updated {}, unchanged {}, refused {}.",
            self.created, self.updated, self.unchanged, self.refused_count
        )
    }
}

/// Where each column is, found by the header's names (in any order, any case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns(Vec<usize>);

impl Columns {
    /// The positions of `wanted` in `header`.
    ///
    /// # Errors
    /// A message naming the missing columns and the ones expected.
    pub fn find<'a>(header: impl IntoIterator<Item = &'a str>, wanted: &[&str]) -> Result<Self, String> {
        let header: Vec<String> = header
            .into_iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        let mut positions = Vec::with_capacity(wanted.len());
        let mut missing = Vec::new();
        for name in wanted {
            match header.iter().position(|h| h == name) {
                Some(at) => positions.push(at),
                None => missing.push(*name),
            }
        }
        if missing.is_empty() {
            Ok(Columns(positions))
        } else {
            Err(format!(
                "The first line must name the columns {}; {} missing.",
                wanted.join(","),
                missing.join(", ")
            ))
        }
    }

    /// The `n`th wanted column of `record` (empty when the row is short).
    pub fn get<'r>(&self, record: &'r [&'r str], n: usize) -> &'r str {
        self.0.get(n).and_then(|&at| record.get(at)).copied().unwrap_or("")
    }
}

/// A product row: `number,name,description,status,categories`, categories by number, `|`-separated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRow {
    pub fields: ProductFields,
    pub status: ProductStatus,
    pub categories: Vec<String>,
}

impl ProductRow {
    pub const COLUMNS: [&'static str; 5] = ["number", "name", "description", "status", "categories"];

    /// # Errors
    /// The reason, for the report.
    pub fn parse(columns: &Columns, record: &[&str]) -> Result<Self, String> {
        let fields = ProductFields::parse(columns.get(record, 0), columns.get(record, 1), columns.get(record, 2))
            .map_err(|e| e.to_string())?;
        let status = match columns.get(record, 3).trim() {
            "" => ProductStatus::Draft,
            status => status.parse().map_err(|e: super::AppError| e.to_string())?,
        };
        let mut categories = Vec::new();
        for number in columns
            .get(record, 4)
            .split('|')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let number = parse_key("Category number", number).map_err(|e| e.to_string())?;
            if !categories.contains(&number) {
                categories.push(number);
            }
        }
        Ok(ProductRow {
            fields,
            status,
            categories,
        })
    }
}

/// A category row: `catalog,number,name,parent`, the catalog by code and the parent by number
/// (empty for the top of the catalog).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryRow {
    pub catalog: String,
    pub number: String,
    pub name: String,
    pub parent: Option<String>,
}

impl CategoryRow {
    pub const COLUMNS: [&'static str; 4] = ["catalog", "number", "name", "parent"];

    /// # Errors
    /// The reason, for the report.
    pub fn parse(columns: &Columns, record: &[&str]) -> Result<Self, String> {
        let text = |e: super::AppError| e.to_string();
        let parent = match columns.get(record, 3).trim() {
            "" => None,
            parent => Some(parse_key("Parent", parent).map_err(text)?),
        };
        let row = CategoryRow {
            catalog: parse_key("Catalog code", columns.get(record, 0)).map_err(text)?,
            number: parse_key("Category number", columns.get(record, 1)).map_err(text)?,
            name: parse_title("Category name", columns.get(record, 2)).map_err(text)?,
            parent,
        };
        if row.parent.as_deref() == Some(row.number.as_str()) {
            return Err("A category cannot be its own parent.".into());
        }
        Ok(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let columns = Columns::find(
            ["Status", "\u{feff}number", "name", "categories", "description"],
            &ProductRow::COLUMNS,
        )
        .unwrap();
        let row = ProductRow::parse(
            &columns,
            &["published", "SHOE-1", "Trail shoe", "TRAIL | ROAD|TRAIL", ""],
        )
        .unwrap();
        assert_eq!(row.fields.number, "SHOE-1");
        assert_eq!(row.status, ProductStatus::Published);
        assert_eq!(row.categories, ["TRAIL", "ROAD"]);
        let missing = Columns::find(["number", "name"], &ProductRow::COLUMNS).unwrap_err();
        assert!(missing.contains("description, status, categories missing"), "{missing}");
    }

    #[test]
    fn bad_rows_say_why() {
        let columns = Columns::find(ProductRow::COLUMNS, &ProductRow::COLUMNS).unwrap();
        let error = ProductRow::parse(&columns, &["SHOE 1", "Shoe", "", "", ""]).unwrap_err();
        assert!(error.contains("Product number"), "{error}");
        let error = ProductRow::parse(&columns, &["SHOE-1", "Shoe", "", "live", ""]).unwrap_err();
        assert!(error.contains("\"live\""), "{error}");
        let columns = Columns::find(CategoryRow::COLUMNS, &CategoryRow::COLUMNS).unwrap();
        let error = CategoryRow::parse(&columns, &["main", "A", "A", "A"]).unwrap_err();
        assert!(error.contains("own parent"), "{error}");
    }

    #[test]
    fn the_report_lists_the_first_refusals_and_counts_them_all() {
        let mut report = ImportReport::default();
        for line in 0..1500 {
            report.refuse(line, "bad");
        }
        assert_eq!(report.refused.len(), ImportReport::MAX_LISTED);
        assert_eq!(report.refused_count, 1500);
        assert_eq!(report.summary(), "Created 0, updated 0, unchanged 0, refused 1500.");
    }
}
