//! The XLSX export: a workbook for spreadsheet users, with real dates and numbers and a total.

use std::borrow::Borrow;
use std::path::Path;

use coffer_ledger::money::format_amount;
use coffer_ledger::{Currency, Date};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, RowNum, Workbook, XlsxError};

use crate::{ExportError, ExportRow, HEADER, neutralise};

/// The last 0-based row an expense may take: Excel's last row (1,048,575) holds the total.
const LAST_DATA_ROW: RowNum = 1_048_574;

/// Column widths in characters, in [`HEADER`] order. Constant-memory sheets cannot be autofitted.
const WIDTHS: [f64; 7] = [12.0, 16.0, 10.0, 20.0, 40.0, 40.0, 18.0];

/// Writes `rows` to a new workbook at `path` (replacing any file there) and returns how many
/// there were.
///
/// One sheet, "Expenses", with the columns of [`write_csv`](crate::write_csv): a bold header row
/// that stays in view (frozen) and has filter buttons, date cells formatted `yyyy-mm-dd`, amounts
/// as numbers with the currency's decimals and code (`#,##0.00 "EUR"`), and below the data a
/// "Total" row: a `SUM` over the amounts whose cached value is summed exactly from the minor units,
/// so programs that read values without recalculating get the right total. Text is written as
/// text (never as a formula), and text that could start a formula gets a leading `'` anyway, so it
/// stays inert if the sheet is edited or saved as CSV.
///
/// Amounts become `f64` here and only here, because that is what a spreadsheet number is:
/// `minor / 10^decimals` is the double nearest the exact decimal (what Excel itself stores for
/// `12.34`) for any amount up to 2^53 minor units, far above the ledger's largest.
///
/// The sheet is written in rust_xlsxwriter's constant-memory mode: each row goes to a temporary
/// file as soon as the next begins, so memory stays flat however many rows there are. That file
/// is anonymous (deleted when closed, even on a crash where the OS allows) and is created in
/// `path`'s directory, where the same plaintext is going anyway, rather than in the system's temp
/// directory. A sheet holds at most 1,048,574 expenses ([`ExportError::TooManyRows`]).
pub fn write_xlsx(
    path: &Path,
    currency: Currency,
    rows: impl IntoIterator<Item = impl Borrow<ExportRow>>,
) -> Result<usize, ExportError> {
    let mut workbook = Workbook::new();
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    workbook.set_tempdir(dir)?;
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("Expenses")?;

    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let amount = Format::new().set_num_format(amount_format(currency));
    for (col, (title, width)) in (0..).zip(HEADER.into_iter().zip(WIDTHS)) {
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, title, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;

    let scale = 10_f64.powi(currency.minor_units().into());
    let mut last: RowNum = 0;
    let mut total: i64 = 0;
    for row in rows {
        let row = row.borrow();
        if last == LAST_DATA_ROW {
            return Err(ExportError::TooManyRows {
                limit: LAST_DATA_ROW as usize,
            });
        }
        last += 1;
        total = total
            .checked_add(row.amount)
            .ok_or(ExportError::TotalOverflow)?;
        sheet.write_date_with_format(last, 0, excel_date(row.date)?, &date)?;
        sheet.write_number_with_format(last, 1, row.amount as f64 / scale, &amount)?;
        sheet.write_string(last, 2, currency.code())?;
        sheet.write_string(last, 3, neutralise(&row.category))?;
        sheet.write_string(last, 4, neutralise(&row.description))?;
        if let Some(notes) = &row.notes {
            sheet.write_string(last, 5, neutralise(notes))?;
        }
        if let Some(method) = &row.payment_method {
            sheet.write_string(last, 6, neutralise(method))?;
        }
    }
    sheet.autofilter(0, 0, last, 6)?;
    if last > 0 {
        // Rows are 0-based here and 1-based in formulas: the data is B2:B{last + 1}.
        let sum = Formula::new(format!("SUM(B2:B{})", last + 1))
            .set_result(format_amount(total, currency));
        sheet.write_string_with_format(last + 1, 0, "Total", &bold)?;
        sheet.write_formula_with_format(last + 1, 1, sum, &amount.set_bold())?;
    }
    workbook.save(path)?;
    Ok(last as usize)
}

/// The number format of amounts: grouped thousands, the currency's decimals, then its code.
pub(crate) fn amount_format(currency: Currency) -> String {
    let decimals = "0".repeat(usize::from(currency.minor_units()));
    let point = if decimals.is_empty() { "" } else { "." };
    format!("#,##0{point}{decimals} \"{}\"", currency.code())
}

/// `date` as Excel counts days (its 1900 leap-year bug included).
pub(crate) fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    let (year, month, day) = date.ymd();
    // A `Date` has a year in 1900-2999, a month in 1-12 and a day in 1-31: the casts are exact.
    ExcelDateTime::from_ymd(year as u16, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{row, xlsx_parts};

    #[test]
    fn dates_become_excel_serial_numbers() {
        for (date, serial) in [
            ("1900-01-01", 1.0),
            ("1900-02-28", 59.0),
            ("1900-03-01", 61.0), // Excel's phantom 1900-02-29 is 60
            ("1970-01-01", 25_569.0),
            ("2025-03-14", 45_730.0),
            ("2999-12-31", 401_768.0),
        ] {
            let excel = excel_date(date.parse().expect("valid")).expect("in Excel's range");
            assert_eq!(excel.to_excel(), serial, "{date}");
        }
    }

    #[test]
    fn amount_formats_have_the_currency_s_decimals() {
        let format = |code| amount_format(Currency::from_code(code).expect("known"));
        assert_eq!(format("JPY"), "#,##0 \"JPY\"");
        assert_eq!(format("EUR"), "#,##0.00 \"EUR\"");
        assert_eq!(format("BHD"), "#,##0.000 \"BHD\"");
    }

    /// Writes `rows` and returns the sheet's and the styles' XML.
    fn written(currency: &str, rows: &[ExportRow]) -> (String, String) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("expenses.xlsx");
        let currency = Currency::from_code(currency).expect("known currency");
        assert_eq!(
            write_xlsx(&path, currency, rows).expect("written"),
            rows.len()
        );
        let [sheet, styles] = xlsx_parts(&path, ["xl/worksheets/sheet1.xml", "xl/styles.xml"]);
        (sheet, styles)
    }

    /// The XML of the cell at `reference` (e.g. `B2`).
    fn cell<'x>(sheet: &'x str, reference: &str) -> &'x str {
        let start = sheet
            .find(&format!("<c r=\"{reference}\""))
            .unwrap_or_else(|| panic!("no cell {reference} in {sheet}"));
        let len = sheet[start..].find("</c>").expect("closed");
        &sheet[start..start + len]
    }

    #[test]
    fn the_sheet_has_dates_numbers_inert_text_a_frozen_filtered_header_and_a_total() {
        let rows = [
            ExportRow {
                notes: Some("@SUM(A1)".into()),
                payment_method: Some("-5 discount".into()),
                ..row("2025-03-14", 1234, "Coffee")
            },
            row("2025-03-15", 10, "=HYPERLINK(\"http://x\",\"y\")"),
            row("1970-01-01", 20, "Tea & <cake>"),
        ];
        let (sheet, styles) = written("EUR", &rows);

        assert!(cell(&sheet, "A1").contains("<t>Date</t>"));
        assert!(sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
        assert!(sheet.contains(r#"<autoFilter ref="A1:G4"/>"#));
        assert!(sheet.contains(r#"<col min="5" max="6" width="40.7109375" customWidth="1"/>"#));

        let date = cell(&sheet, "A2");
        assert!(
            date.ends_with("><v>45730</v>") && !date.contains(" t="),
            "{date}"
        );
        assert!(cell(&sheet, "A4").ends_with("><v>25569</v>"));
        assert!(styles.contains(r#"formatCode="yyyy-mm-dd""#));

        let amount = cell(&sheet, "B2");
        assert!(
            amount.ends_with("><v>12.34</v>") && !amount.contains(" t="),
            "{amount}"
        );
        assert!(cell(&sheet, "B3").ends_with("><v>0.1</v>"));
        assert!(styles.contains(r##"formatCode="#,##0.00 &quot;EUR&quot;""##));

        let text = |reference| {
            let cell = cell(&sheet, reference);
            assert!(cell.contains(r#"t="inlineStr""#), "{cell}");
            cell.split_once("<t>")
                .expect("text")
                .1
                .trim_end_matches("</t></is>")
        };
        assert_eq!(text("C2"), "EUR");
        assert_eq!(text("E2"), "Coffee");
        assert_eq!(text("F2"), "'@SUM(A1)");
        assert_eq!(text("G2"), "'-5 discount");
        assert_eq!(text("E3"), "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(text("E4"), "Tea &amp; &lt;cake&gt;");
        assert!(!sheet.contains("<c r=\"F3\""), "no notes, no cell");
        assert!(!sheet.contains("<f>HYPERLINK"));

        assert_eq!(text("A5"), "Total");
        // The float sum would be 12.639999999999999; the cached total is exact.
        assert!(cell(&sheet, "B5").ends_with("><f>SUM(B2:B4)</f><v>12.64</v>"));
    }

    #[test]
    fn amounts_and_totals_use_the_currency_s_decimals() {
        for (code, value, format) in [
            ("JPY", "1500", "#,##0 &quot;JPY&quot;"),
            ("BHD", "1.5", "#,##0.000 &quot;BHD&quot;"),
        ] {
            let (sheet, styles) = written(code, &[row("2025-03-14", 1500, "Coffee")]);
            assert!(
                cell(&sheet, "B2").ends_with(&format!("><v>{value}</v>")),
                "{code}"
            );
            let total = if code == "JPY" { "1500" } else { "1.500" };
            assert!(
                cell(&sheet, "B3").ends_with(&format!("><f>SUM(B2:B2)</f><v>{total}</v>")),
                "{code}"
            );
            assert!(
                styles.contains(&format!("formatCode=\"{format}\"")),
                "{code}"
            );
        }
    }

    #[test]
    fn a_total_beyond_i64_is_refused_rather_than_wrong() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("expenses.xlsx");
        let rows = [row("2025-03-14", i64::MAX, "A"), row("2025-03-14", 1, "B")];
        let err = write_xlsx(&path, Currency::EUR, rows).expect_err("overflow");
        assert!(matches!(err, ExportError::TotalOverflow), "{err:?}");
        assert!(!path.exists(), "nothing is saved");
    }

    #[test]
    fn an_empty_export_is_a_header_without_a_total() {
        let (sheet, _) = written("EUR", &[]);
        assert!(sheet.contains(r#"<autoFilter ref="A1:G1"/>"#));
        assert!(!sheet.contains("<f>"));
    }
}
