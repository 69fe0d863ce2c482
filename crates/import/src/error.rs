//! What can make a whole file unreadable (as opposed to one bad row, which is a
//! [`crate::Problem`] in the preview).

/// A file Coffer cannot import at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a text file (binary, or not in any encoding Coffer reads).
    #[error("This file is not a text or spreadsheet export (it looks binary or corrupt).")]
    NotText,
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
    /// The CSV reader failed (e.g. an unterminated quote at the end of the file).
    #[error("The file could not be read as CSV: {0}.")]
    Csv(#[from] csv::Error),
}
