//! Wire types of import (preview, choices, commit, undo) and export. Files are named by path:
//! the webview passes the path the person dropped or picked, and Rust reads or writes it (the
//! webview has no file-system permission). Amounts are minor units; dates `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a text file's bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TextEncodingChoice {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// Windows-1252, the legacy encoding of many bank exports.
    Windows1252,
}

/// A date layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DateFormatChoice {
    /// `2025-03-14`.
    YearMonthDay,
    /// `14.03.2025`, `14/03/2025`.
    DayMonthYear,
    /// `03/14/2025`.
    MonthDayYear,
    /// Spreadsheet serial numbers.
    ExcelSerial,
}

/// How spending is written in a signed amount column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SignChoice {
    /// Spending is negative; positive rows are money in and skipped.
    SpendingNegative,
    /// Spending is positive; negative rows are refunds and skipped.
    SpendingPositive,
}

/// Which column (0-based) means what. `amount` or both `debit` and `credit` must be set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColumnChoice {
    /// The date column.
    pub date: u32,
    /// A signed amount column.
    pub amount: Option<u32>,
    /// Money out.
    pub debit: Option<u32>,
    /// Money in.
    pub credit: Option<u32>,
    /// The description.
    pub description: Option<u32>,
    /// A category.
    pub category: Option<u32>,
    /// Notes.
    pub notes: Option<u32>,
    /// Payment method.
    pub payment_method: Option<u32>,
}

/// Read a file and show what importing it would do. Every choice left `null` is detected.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportPreviewRequest {
    /// The file, as dropped or picked.
    pub path: String,
    /// Text files: the encoding.
    pub encoding: Option<TextEncodingChoice>,
    /// Spreadsheets: the sheet.
    pub sheet: Option<String>,
    /// The columns.
    pub columns: Option<ColumnChoice>,
    /// The date format (required when the file's dates are ambiguous).
    pub date_format: Option<DateFormatChoice>,
    /// The sign convention.
    pub sign: Option<SignChoice>,
}

/// One expense as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    /// Its line (or spreadsheet row) in the file.
    pub line: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Minor units, positive.
    #[ts(type = "number")]
    pub amount: i64,
    /// The category named in the file, if any.
    pub category: Option<String>,
    /// One line, at most 200 characters.
    pub description: String,
    /// Notes.
    pub notes: Option<String>,
    /// Payment method.
    pub payment_method: Option<String>,
    /// Same date, amount and description as an existing expense or an earlier row of the file:
    /// left out unless the person ticks it.
    pub duplicate: bool,
}

/// A row left out on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRow {
    /// Its line.
    pub line: u32,
    /// Why (e.g. "money coming in (income or a refund)").
    pub reason: String,
}

/// A row that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProblemRow {
    /// Its line.
    pub line: u32,
    /// The column's header.
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

/// A category named in the file that the profile does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnknownCategory {
    /// As written in the file.
    pub name: String,
    /// Rows using it.
    pub rows: u32,
    /// The existing category with the most similar name, if one is close.
    #[ts(type = "number | null")]
    pub suggestion: Option<i64>,
}

/// What importing the file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// The file's name (not its path).
    pub file_name: String,
    /// Spreadsheets: every sheet; text files: empty.
    pub sheets: Vec<String>,
    /// Spreadsheets: the sheet shown.
    pub sheet: Option<String>,
    /// Text files: the encoding read with.
    pub encoding: Option<TextEncodingChoice>,
    /// The header row's cells.
    pub headers: Vec<String>,
    /// The columns used.
    pub columns: ColumnChoice,
    /// The date format used, or `null` when the person must choose one of `dateFormats`.
    pub date_format: Option<DateFormatChoice>,
    /// The formats that read every date (several when ambiguous).
    pub date_formats: Vec<DateFormatChoice>,
    /// The sign convention used.
    pub sign: SignChoice,
    /// The columns, date format and sign are those chosen for the last file with the same
    /// header row.
    pub remembered: bool,
    /// The first rows as they will be stored (at most 500).
    pub rows: Vec<PreviewRow>,
    /// How many expenses the file holds (all of them, duplicates included).
    pub row_count: u32,
    /// How many of them are likely duplicates.
    pub duplicate_count: u32,
    /// Their sum, minor units (duplicates excluded).
    #[ts(type = "number")]
    pub total: i64,
    /// Rows left out on purpose (at most 500 listed).
    pub skipped: Vec<SkippedRow>,
    /// How many rows were left out on purpose.
    pub skipped_count: u32,
    /// Rows that cannot be read (at most 500 listed).
    pub problems: Vec<ProblemRow>,
    /// How many rows cannot be read.
    pub problem_count: u32,
    /// Categories the file names that the profile does not have.
    pub unknown_categories: Vec<UnknownCategory>,
}

/// Where an unknown category's rows go.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryChoice {
    /// As written in the file.
    pub name: String,
    /// An existing category, or `null` to create one with this name.
    #[ts(type = "number | null")]
    pub category_id: Option<i64>,
}

/// Import the previewed file with the person's choices.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportCommitRequest {
    /// The same request the preview was made with.
    pub preview: ImportPreviewRequest,
    /// Lines of likely duplicates to import anyway.
    pub include_duplicates: Vec<u32>,
    /// Where each unknown category goes (missing ones are created).
    pub categories: Vec<CategoryChoice>,
    /// The category of rows whose file names none.
    #[ts(type = "number")]
    pub default_category_id: i64,
    /// Import even though some rows cannot be read (they are left out). Without it a file with
    /// problems imports nothing.
    pub leave_out_problems: bool,
}

/// An import as recorded, for "Undo import".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportBatchView {
    /// Its id.
    #[ts(type = "number")]
    pub id: i64,
    /// The file's name.
    pub file_name: String,
    /// When, in seconds since the Unix epoch.
    #[ts(type = "number")]
    pub imported_at: i64,
    /// Expenses imported.
    #[ts(type = "number")]
    pub count: i64,
    /// Their sum, minor units.
    #[ts(type = "number")]
    pub total: i64,
}

/// The export file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// RFC 4180 CSV, UTF-8.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// Export expenses to a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportRequest {
    /// Where to write (the save dialog's answer).
    pub path: String,
    /// CSV or XLSX.
    pub format: ExportFormat,
    /// Only what this filter matches; `null` exports everything.
    pub filter: Option<super::ExpenseFilter>,
}

/// What a running import is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportPhase {
    /// Reading the file and working out what it holds (the preview).
    Reading,
    /// Writing the expenses (the commit).
    Writing,
}

/// The payload of the `import-progress` event, sent every few thousand rows while a preview or
/// an import runs (the UI shows a bar and a Cancel button once it takes over half a second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// Preview or import.
    pub phase: ImportPhase,
    /// Data rows of the file handled so far.
    pub rows: u32,
}
