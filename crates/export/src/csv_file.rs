//! The CSV export: RFC 4180 text that scripts, other apps and Coffer's own import read back.

use std::borrow::Borrow;
use std::io::Write;

use coffer_ledger::Currency;
use coffer_ledger::money::format_amount;

use crate::{ExportError, ExportRow, HEADER, neutralise};

/// Writes `rows` to `writer` as CSV and returns how many there were.
///
/// RFC 4180: a header row (`Date,Amount,Currency,Category,Description,Notes,Payment method`), CRLF
/// line ends, fields quoted only when they hold a comma, a quote or a line break. Dates are
/// `YYYY-MM-DD`; amounts are plain decimals with a `.` mark and the currency's number of decimals
/// (`1234.50`, `1500` for JPY), with the currency's code in the next column. Text that could start
/// a formula gets a leading `'`.
///
/// UTF-8 without a byte-order mark. A BOM would make Excel guess the encoding right when the file
/// is double-clicked, but it ends up glued to the first header (`\u{feff}Date`) in the scripts and
/// importers this format is for; people who open exports in Excel get [`write_xlsx`](crate::write_xlsx).
///
/// Rows are written one at a time (the `csv` writer keeps a small buffer), so the input can be a
/// stream of any length. `writer` is flushed before returning.
pub fn write_csv<W: Write>(
    writer: W,
    currency: Currency,
    rows: impl IntoIterator<Item = impl Borrow<ExportRow>>,
) -> Result<usize, ExportError> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(writer);
    out.write_record(HEADER)?;
    let mut count = 0;
    for row in rows {
        let row = row.borrow();
        let date = row.date.to_string();
        let amount = format_amount(row.amount, currency);
        out.write_record([
            &date,
            &amount,
            currency.code(),
            &neutralise(&row.category),
            &neutralise(&row.description),
            &neutralise(row.notes.as_deref().unwrap_or_default()),
            &neutralise(row.payment_method.as_deref().unwrap_or_default()),
        ])?;
        count += 1;
    }
    out.flush().map_err(csv::Error::from)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::row;

    fn csv(currency: &str, rows: &[ExportRow]) -> String {
        let currency = Currency::from_code(currency).expect("known currency");
        let mut out = Vec::new();
        let count = write_csv(&mut out, currency, rows).expect("written");
        assert_eq!(count, rows.len());
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn header_and_rows_are_exact_rfc_4180() {
        let rows = [
            ExportRow {
                notes: Some("Two lines\nof notes".into()),
                payment_method: Some("Visa".into()),
                ..row("2025-03-14", 1250, "Lunch, with \"Sam\"")
            },
            row("2025-03-15", 5, "Coffee"),
            ExportRow {
                category: "Café".into(),
                ..row("1900-01-01", 123_456_789, "Line one\r\nline two")
            },
        ];
        assert_eq!(
            csv("EUR", &rows),
            "Date,Amount,Currency,Category,Description,Notes,Payment method\r\n\
             2025-03-14,12.50,EUR,Dining,\"Lunch, with \"\"Sam\"\"\",\"Two lines\nof notes\",Visa\r\n\
             2025-03-15,0.05,EUR,Dining,Coffee,,\r\n\
             1900-01-01,1234567.89,EUR,Café,\"Line one\r\nline two\",,\r\n"
        );
    }

    #[test]
    fn amounts_have_the_currency_s_decimals() {
        let rows = [row("2025-03-14", 1500, "A"), row("2025-03-14", 12_345, "B")];
        let amounts = |currency| {
            csv(currency, &rows)
                .lines()
                .skip(1)
                .map(|line| {
                    line.split(',')
                        .skip(1)
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(amounts("JPY"), ["1500,JPY", "12345,JPY"]);
        assert_eq!(amounts("EUR"), ["15.00,EUR", "123.45,EUR"]);
        assert_eq!(amounts("BHD"), ["1.500,BHD", "12.345,BHD"]);
    }

    #[test]
    fn text_that_could_be_a_formula_is_neutralised_but_amounts_are_not() {
        let rows = [
            row("2025-03-14", 100, "=HYPERLINK(\"http://x\",\"y\")"),
            row("2025-03-14", 100, "@SUM(A1)"),
            row("2025-03-14", 100, "-5 discount"),
            row("2025-03-14", 100, "+1"),
            row("2025-03-14", 100, "\tindented"),
            row("2025-03-14", 100, "\rreturn"),
            ExportRow {
                category: "=cmd".into(),
                notes: Some("+note".into()),
                payment_method: Some("@card".into()),
                ..row("2025-03-14", -500, "Coffee")
            },
        ];
        let text = csv("EUR", &rows);
        let lines: Vec<&str> = text.split("\r\n").skip(1).collect();
        let ordinary = "2025-03-14,1.00,EUR,Dining,";
        let expected: Vec<String> = [
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,",
            "'@SUM(A1),,",
            "'-5 discount,,",
            "'+1,,",
            "'\tindented,,",
            "\"'\rreturn\",,",
        ]
        .iter()
        .map(|end| format!("{ordinary}{end}"))
        .chain([
            "2025-03-14,-5.00,EUR,'=cmd,Coffee,'+note,'@card".into(),
            String::new(),
        ])
        .collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn ten_thousand_rows_stream_through() {
        let rows = (0..10_000).map(|i| row("2025-03-14", i, "Groceries"));
        let mut out = Vec::new();
        let count = write_csv(&mut out, Currency::EUR, rows).expect("written");
        assert_eq!(count, 10_000);
        let mut reader = csv::Reader::from_reader(out.as_slice());
        assert_eq!(
            reader.headers().expect("header").iter().collect::<Vec<_>>(),
            HEADER
        );
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("valid CSV");
        assert_eq!(records.len(), 10_000);
        assert_eq!(&records[9_999][1], "99.99");
    }
}
