//! What can make a whole file unreadable (as opposed to one bad row, which is a
//! [`crate::Problem`] in the preview).

/// A file Coffer cannot import at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a text file (binary, or not in any encoding Coffer reads).
    #[error("This file is not a text or spreadsheet export (it looks binary or corrupt).")]
    NotText,
    /// A UTF-8 file with bytes that are not UTF-8 (damaged, or pieced together from files in
    /// different encodings), or any such file read as UTF-8 because the person chose it.
    #[error(
        "Line {line} is not valid UTF-8: the file is damaged or mixes encodings. Fix that line, or choose another encoding."
    )]
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
    },
    /// The file has no rows at all.
    #[error("This file is empty.")]
    Empty,
    /// More columns than any bank export has.
    #[error("Row {line} has {count} columns; Coffer reads at most {max}.")]
    TooManyColumns {
        /// 1-based row number in the file.
        line: usize,
        /// How many it has.
        count: usize,
        /// [`crate::MAX_COLUMNS`].
        max: usize,
    },
    /// A single field longer than any real one (a corrupt or hostile file).
    #[error("Row {line} has a field of more than {max} characters.")]
    FieldTooLong {
        /// 1-based row number in the file.
        line: usize,
        /// [`crate::MAX_FIELD_CHARS`].
        max: usize,
    },
    /// No row looks like a header with a date and an amount column.
    #[error("No date and amount columns were found. Choose the columns by hand.")]
    NoColumns,
    /// A workbook the spreadsheet reader cannot make sense of (or not a workbook at all).
    #[error("This spreadsheet is damaged or is not an XLSX, XLS or ODS file.")]
    Damaged(#[source] Option<Box<dyn std::error::Error + Send + Sync>>),
    /// A workbook saved with a password.
    #[error(
        "This spreadsheet is protected with a password. Save a copy without the password and import that."
    )]
    Encrypted,
    /// A workbook whose parts would unpack to more than the caps (a "zip bomb").
    #[error(
        "This spreadsheet would unpack to more than {max_mib} MiB, or more than {ratio} times its size, so Coffer does not open it."
    )]
    TooLarge {
        /// [`crate::spreadsheet::MAX_UNPACKED_BYTES`] in MiB.
        max_mib: u64,
        /// [`crate::spreadsheet::MAX_RATIO`].
        ratio: u64,
    },
    /// An ODS or XLS file whose sheets would make grids too large to hold.
    #[error("The spreadsheet's sheets span more than {max} cells, so Coffer does not open it.")]
    TooManyCells {
        /// [`crate::spreadsheet::MAX_GRID_CELLS`].
        max: u64,
    },
    /// A sheet with more rows than any export has.
    #[error("The sheet has more than {max} rows with content.")]
    TooManyRows {
        /// [`crate::spreadsheet::MAX_ROWS`].
        max: usize,
    },
    /// The sheet asked for is not in the workbook.
    #[error("The spreadsheet has no sheet named “{name}”.")]
    NoSuchSheet {
        /// The name asked for.
        name: String,
    },
    /// The CSV reader failed (e.g. an unterminated quote at the end of the file).
    #[error("The file could not be read as CSV: {0}.")]
    Csv(#[from] csv::Error),
}
