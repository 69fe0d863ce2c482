//! Small report tables (the figures behind a chart: a few dozen rows of categories, months or days)
//! written to CSV or XLSX with typed cells, so a spreadsheet sees dates, amounts and percentages as
//! values and names as inert text.

use std::io::Write;
use std::path::Path;

use coffer_ledger::money::format_amount;
use coffer_ledger::{Currency, Date, Month};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::workbook::{amount_format, excel_date};
use crate::{ExportError, neutralise};

/// One value of a report table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing (e.g. no budget).
    Empty,
    /// Text a person wrote (a category name) or a label.
    Text(String),
    /// An amount in minor units of the table's currency.
    Money(i64),
    /// A share in hundredths of a percent (`1234` is 12.34 %).
    Share(u32),
    /// A whole percentage.
    Percent(u32),
    /// A count.
    Count(i64),
    /// A calendar day.
    Date(Date),
    /// A calendar month.
    Month(Month),
}

/// A table: a sheet name, column titles and rows of cells (as many as there are titles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name in a workbook (at most 31 characters, none of `[]:*?/\`).
    pub sheet: String,
    /// The column titles.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Writes `table` as RFC 4180 CSV (UTF-8, CRLF) and returns how many rows below the header.
///
/// Amounts are plain decimals with a `.` mark (`1234.50`), shares `12.34` and percentages whole
/// numbers (the titles say `%`), dates `YYYY-MM-DD` and months `YYYY-MM`; text that could start a
/// formula gets a leading `'`.
pub fn write_table_csv<W: Write>(
    writer: W,
    currency: Currency,
    table: &Table,
) -> Result<usize, ExportError> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(writer);
    out.write_record(&table.columns)?;
    for row in &table.rows {
        out.write_record(row.iter().map(|cell| csv_text(cell, currency)))?;
    }
    out.flush().map_err(csv::Error::from)?;
    Ok(table.rows.len())
}

fn csv_text(cell: &Cell, currency: Currency) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => neutralise(text).into_owned(),
        Cell::Money(minor) => format_amount(*minor, currency),
        Cell::Share(bp) => format!("{}.{:02}", bp / 100, bp % 100),
        Cell::Percent(p) => p.to_string(),
        Cell::Count(n) => n.to_string(),
        Cell::Date(date) => date.to_string(),
        Cell::Month(month) => month.to_string(),
    }
}

/// Writes `table` to a new workbook at `path` (replacing any file there) and returns how many rows
/// below the header.
///
/// One sheet with a bold, frozen header with filter buttons; amounts as numbers in the currency's
/// format (`#,##0.00 "EUR"`), shares and percentages as percentage cells, dates `yyyy-mm-dd`,
/// months `mmm yyyy`, text as inert text.
pub fn write_table_xlsx(
    path: &Path,
    currency: Currency,
    table: &Table,
) -> Result<usize, ExportError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(&table.sheet)?;
    let bold = Format::new().set_bold();
    let amount = Format::new().set_num_format(amount_format(currency));
    let share = Format::new().set_num_format("0.00%");
    let percent = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let month = Format::new().set_num_format("mmm yyyy");
    let scale = 10_f64.powi(currency.minor_units().into());
    for (col, title) in (0_u16..).zip(&table.columns) {
        sheet.write_string_with_format(0, col, title, &bold)?;
        let width = if col == 0 { 24.0 } else { 16.0 };
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in (1_u32..).zip(&table.rows) {
        for (c, cell) in (0_u16..).zip(row) {
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    sheet.write_string(r, c, neutralise(text))?;
                }
                Cell::Money(minor) => {
                    sheet.write_number_with_format(r, c, *minor as f64 / scale, &amount)?;
                }
                Cell::Share(bp) => {
                    sheet.write_number_with_format(r, c, f64::from(*bp) / 10_000.0, &share)?;
                }
                Cell::Percent(p) => {
                    sheet.write_number_with_format(r, c, f64::from(*p) / 100.0, &percent)?;
                }
                Cell::Count(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Date(day) => {
                    sheet.write_date_with_format(r, c, excel_date(*day)?, &date)?;
                }
                Cell::Month(m) => {
                    // A month is its first day, shown as "Nov 2026".
                    let first: ExcelDateTime = excel_date(m.first_day())?;
                    sheet.write_date_with_format(r, c, first, &month)?;
                }
            }
        }
    }
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col)?;
    workbook.save(path)?;
    Ok(table.rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::xlsx_parts;

    fn table() -> Table {
        Table {
            sheet: "Spending by category".into(),
            columns: vec![
                "Category".into(),
                "Amount".into(),
                "Share %".into(),
                "Used %".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("=cmd|' /C calc'!A0".into()),
                    Cell::Money(123_456),
                    Cell::Share(1234),
                    Cell::Percent(80),
                ],
                vec![
                    Cell::Text("Café, \"Łódź\"".into()),
                    Cell::Money(5),
                    Cell::Share(10_000),
                    Cell::Empty,
                ],
                vec![
                    Cell::Date("2026-11-03".parse().expect("date")),
                    Cell::Month("2026-11".parse().expect("month")),
                    Cell::Count(7),
                    Cell::Empty,
                ],
            ],
        }
    }

    #[test]
    fn csv_cells_are_plain_values_and_inert_text() {
        let mut out = Vec::new();
        let written = write_table_csv(&mut out, Currency::EUR, &table()).expect("written");
        assert_eq!(written, 3);
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "Category,Amount,Share %,Used %\r\n\
             '=cmd|' /C calc'!A0,1234.56,12.34,80\r\n\
             \"Café, \"\"Łódź\"\"\",0.05,100.00,\r\n\
             2026-11-03,2026-11,7,\r\n"
        );
    }

    #[test]
    fn xlsx_cells_are_typed_values_and_inert_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("table.xlsx");
        assert_eq!(
            write_table_xlsx(&path, Currency::from_code("JPY").expect("known"), &table())
                .expect("written"),
            3
        );
        let [sheet, strings, styles, workbook] = xlsx_parts(
            &path,
            [
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
                "xl/styles.xml",
                "xl/workbook.xml",
            ],
        );
        assert!(
            workbook.contains(r#"name="Spending by category""#),
            "{workbook}"
        );
        assert!(
            strings.contains("&apos;=cmd|&apos; /C calc&apos;!A0")
                || strings.contains("'=cmd|' /C calc'!A0"),
            "{strings}"
        );
        assert!(!sheet.contains("<f>"), "no formulas: {sheet}");
        assert!(
            sheet.contains("<v>123456</v>"),
            "JPY has no minor units: {sheet}"
        );
        assert!(
            sheet.contains("<v>0.1234</v>") && sheet.contains("<v>0.8</v>"),
            "{sheet}"
        );
        assert!(
            sheet.contains("<v>46329</v>"),
            "2026-11-03 as an Excel date: {sheet}"
        );
        assert!(
            sheet.contains("<v>46327</v>"),
            "November 2026 as its first day: {sheet}"
        );
        assert!(sheet.contains(r#"<autoFilter ref="A1:D4"/>"#), "{sheet}");
        for format in ["0.00%", "mmm yyyy", "yyyy-mm-dd", "#,##0 &quot;JPY&quot;"] {
            assert!(styles.contains(format), "{format} in {styles}");
        }
    }
}
