//! Coffer's export: writes a ledger's expenses to CSV and XLSX files that other programs open.
//!
//! Both writers take the ledger's [`Currency`](coffer_ledger::Currency) and any iterator of [`ExportRow`]s (owned or
//! borrowed), write one row at a time and return how many expenses they wrote:
//!
//! - [`write_csv`]: RFC 4180, UTF-8, the interchange form (scripts, other apps, re-import).
//! - [`write_xlsx`]: an Excel workbook with real dates and numbers, for people who open exports in
//!   a spreadsheet.
//!
//! Report tables (the figures behind a chart) go through [`write_table_csv`] and
//! [`write_table_xlsx`], with typed [`Cell`]s.
//!
//! Every text cell (category, description, notes, payment method) that a spreadsheet could read
//! as a formula gets a leading `'` (see `neutralise`); dates and amounts are values, never text.

mod csv_file;
mod table;
mod workbook;

use std::borrow::Cow;

use coffer_ledger::Date;

pub use csv_file::write_csv;
pub use table::{Cell, Table, write_table_csv, write_table_xlsx};
pub use workbook::write_xlsx;

/// The header row of both formats.
const HEADER: [&str; 7] = [
    "Date",
    "Amount",
    "Currency",
    "Category",
    "Description",
    "Notes",
    "Payment method",
];

/// One expense as it is exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    /// The expense's date.
    pub date: Date,
    /// The amount in minor units of the export's currency.
    pub amount: i64,
    /// The category's name.
    pub category: String,
    /// The description.
    pub description: String,
    /// The notes, if any.
    pub notes: Option<String>,
    /// The payment method, if any.
    pub payment_method: Option<String>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the CSV failed (usually the destination: full disk, no permission).
    #[error("Could not write the CSV export: {0}")]
    Csv(#[from] csv::Error),
    /// Writing the workbook failed (usually the destination: full disk, no permission).
    #[error("Could not write the Excel export: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// More expenses than one Excel sheet holds.
    #[error(
        "Too many expenses for one Excel sheet: it holds at most {limit}. Export to CSV, or export fewer expenses."
    )]
    TooManyRows {
        /// The most expenses one sheet takes (below its header, above its total).
        limit: usize,
    },
    /// The amounts add up to more than Coffer can count exactly.
    #[error("The expenses add up to more than can be totalled exactly; export fewer of them.")]
    TotalOverflow,
}

/// Text as a spreadsheet must see it: a text beginning with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`, so that Excel, LibreOffice and Google Sheets show it instead of
/// evaluating it as a formula (OWASP, "CSV Injection"). Other text is returned unchanged.
pub(crate) fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The text of the parts `names` of the workbook at `path` (e.g. `xl/styles.xml`).
    pub(crate) fn xlsx_parts<const N: usize>(
        path: &std::path::Path,
        names: [&str; N],
    ) -> [String; N] {
        use std::io::Read as _;
        let file = std::fs::File::open(path).expect("saved");
        let mut zip = zip::ZipArchive::new(file).expect("a zip");
        names.map(|name| {
            let mut text = String::new();
            zip.by_name(name)
                .expect("part present")
                .read_to_string(&mut text)
                .expect("UTF-8");
            text
        })
    }

    /// An expense in Dining without notes or payment method.
    pub(crate) fn row(date: &str, amount: i64, description: &str) -> ExportRow {
        ExportRow {
            date: date.parse().expect("valid date"),
            amount,
            category: "Dining".into(),
            description: description.into(),
            notes: None,
            payment_method: None,
        }
    }

    #[test]
    fn text_that_could_start_a_formula_gets_an_apostrophe() {
        for (text, expected) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-5 discount", "'-5 discount"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rReturn", "'\rReturn"),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
        ] {
            assert_eq!(neutralise(text), expected, "{text:?}");
        }
        for text in ["Coffee", "", "a=b", "'quoted", "12.50", "Café -5"] {
            assert!(
                matches!(neutralise(text), Cow::Borrowed(t) if t == text),
                "{text:?} is left alone"
            );
        }
    }
}
