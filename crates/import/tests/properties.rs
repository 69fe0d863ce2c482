//! Properties of the importer's parsers, checked on generated input (proptest, 256 cases each):
//! amounts written by the ledger read back exactly in every currency and with either decimal
//! mark, and no string makes the parser panic; every real date written in each layout reads back,
//! and impossible ones (30 February, month 13) are refused; any table written by the csv crate
//! (RFC 4180 quoting) reads back cell for cell through the importer's table reader; and no bytes
//! make the importer panic. The fuzz targets (fuzz/) push the same properties further.

use coffer_import::amounts::{self, AmountProblem};
use coffer_import::table::{self, DELIMITERS};
use coffer_import::{DateFormat, DecimalMark, ImportError, MAX_COLUMNS, propose, read_file};
use coffer_ledger::money::format_amount;
use coffer_ledger::{Currency, Date, MAX_AMOUNT};
use proptest::prelude::*;

/// Every minor-unit width Coffer knows, from its list of currencies (0, 2 and 3 digits).
fn one_currency_per_width() -> Vec<Currency> {
    let mut currencies = Currency::all();
    currencies.sort_by_key(|c| c.minor_units());
    currencies.dedup_by_key(|c| c.minor_units());
    assert_eq!(
        currencies
            .iter()
            .map(|c| c.minor_units())
            .collect::<Vec<_>>(),
        [0, 2, 3]
    );
    currencies
}

/// `digits` grouped in threes with `separator`, as banks write thousands.
fn grouped(digits: &str, separator: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn an_amount_formatted_reads_back_in_every_currency(
        minor in -MAX_AMOUNT..=MAX_AMOUNT,
        thousands in any::<bool>(),
    ) {
        for currency in one_currency_per_width() {
            let plain = format_amount(minor, currency);
            prop_assert_eq!(amounts::parse(&plain, DecimalMark::Dot, currency), Ok(minor), "{}", plain);
            let comma = plain.replace('.', ",");
            prop_assert_eq!(amounts::parse(&comma, DecimalMark::Comma, currency), Ok(minor), "{}", comma);
            if thousands {
                // 1,234,567.89 and 1.234.567,89.
                let (sign, magnitude) = plain.split_at(usize::from(minor < 0));
                let (whole, fraction) = magnitude.split_once('.').unwrap_or((magnitude, ""));
                let point = if fraction.is_empty() { "" } else { "." };
                let english = format!("{sign}{}{point}{fraction}", grouped(whole, ','));
                prop_assert_eq!(amounts::parse(&english, DecimalMark::Dot, currency), Ok(minor), "{}", english);
                let point = if fraction.is_empty() { "" } else { "," };
                let german = format!("{sign}{}{point}{fraction}", grouped(whole, '.'));
                prop_assert_eq!(amounts::parse(&german, DecimalMark::Comma, currency), Ok(minor), "{}", german);
            }
        }
    }

    #[test]
    fn amounts_beyond_the_maximum_are_refused(excess in 1i64..=i64::MAX - MAX_AMOUNT) {
        for currency in one_currency_per_width() {
            let text = format_amount(MAX_AMOUNT + excess, currency);
            prop_assert_eq!(
                amounts::parse(&text, DecimalMark::Dot, currency),
                Err(AmountProblem::TooLarge)
            );
        }
    }

    #[test]
    fn no_string_makes_the_amount_parser_panic(
        text in prop_oneof![any::<String>(), "[-+ 0-9.,'()€$A-Z\u{a0}\u{2212}]{0,24}"],
    ) {
        for currency in one_currency_per_width() {
            for mark in [DecimalMark::Dot, DecimalMark::Comma] {
                if let Ok(minor) = amounts::parse(&text, mark, currency) {
                    prop_assert!((-MAX_AMOUNT..=MAX_AMOUNT).contains(&minor), "{:?}", text);
                }
            }
        }
        amounts::detect_mark([text.as_str()].into_iter());
    }
}

/// The first and last day Coffer accepts (years 1900 to 2999).
fn day_range() -> std::ops::RangeInclusive<i32> {
    let first = Date::from_ymd(1900, 1, 1).expect("date").day_number();
    let last = Date::from_ymd(2999, 12, 31).expect("date").day_number();
    first..=last
}

fn days_in(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| Date::from_ymd(year, month, *d).is_ok())
        .expect("a month has 28 to 31 days")
}

proptest! {
    #[test]
    fn a_real_date_written_in_each_layout_reads_back(
        day in day_range(),
        separator in prop::sample::select(vec!['-', '/', '.']),
        padded in any::<bool>(),
        time in prop::sample::select(vec!["", " 10:30", "T09:30:00Z", " 23:59:59"]),
    ) {
        let date = Date::from_day_number(day).expect("in range");
        let (y, m, d) = date.ymd();
        let (m, d) = if padded { (format!("{m:02}"), format!("{d:02}")) } else { (m.to_string(), d.to_string()) };
        let s = separator;
        for (format, text) in [
            (DateFormat::YearMonthDay, format!("{y}{s}{m}{s}{d}{time}")),
            (DateFormat::DayMonthYear, format!("{d}{s}{m}{s}{y}{time}")),
            (DateFormat::MonthDayYear, format!("{m}{s}{d}{s}{y}{time}")),
        ] {
            prop_assert_eq!(format.parse(&text), Some(date), "{:?} {}", format, text);
        }
        // Spreadsheet serials start at 1900-03-01 (serial 61), after Excel's phantom 29 February.
        let serial = day + 25_569;
        if serial >= 61 {
            prop_assert_eq!(DateFormat::ExcelSerial.parse(&serial.to_string()), Some(date));
            prop_assert_eq!(DateFormat::ExcelSerial.parse(&format!("{serial}.75")), Some(date));
        }
    }

    #[test]
    fn impossible_dates_are_refused(
        year in 1900i32..=2999,
        month in 1u32..=12,
        bad_day in 0u32..=99,
        bad_month in prop_oneof![Just(0u32), 13u32..=99],
        day in 1u32..=28,
    ) {
        let refused = |y: i32, m: u32, d: u32| -> Result<(), TestCaseError> {
            for (format, text) in [
                (DateFormat::YearMonthDay, format!("{y:04}-{m:02}-{d:02}")),
                (DateFormat::DayMonthYear, format!("{d:02}.{m:02}.{y:04}")),
                (DateFormat::MonthDayYear, format!("{m:02}/{d:02}/{y:04}")),
            ] {
                prop_assert_eq!(format.parse(&text), None, "{:?} {}", format, text);
            }
            Ok(())
        };
        refused(year, bad_month, day)?;
        if bad_day == 0 || bad_day > days_in(year, month) {
            refused(year, month, bad_day)?;
        }
        // 30 and 31 February never exist; 29 February only in leap years.
        refused(year, 2, 30)?;
        refused(year, 2, 31)?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        if !leap {
            refused(year, 2, 29)?;
        }
        // Years outside 1900-2999 are typos.
        refused(year - 1900 + 100, month, day)?;
        refused(year + 1100, month, day)?;
    }
}

/// A cell: any text without control characters other than line breaks and tabs (a text export
/// with control characters is refused as binary), quotes and delimiters included. No U+FEFF: at
/// the start of a file it is a byte-order mark, which readers drop, not text.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\\p{Cc}\u{feff}]{0,12}",
        "[ a-z0-9\",;|\t\r\n'€ä]{0,12}",
        Just(String::new()),
    ]
}

/// A table of 1 to 8 rows of the same 1 to 8 columns.
fn cells() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..=8).prop_flat_map(|columns| {
        prop::collection::vec(prop::collection::vec(cell(), columns), 1..=8)
    })
}

proptest! {
    #[test]
    fn a_table_written_as_csv_reads_back_cell_for_cell(
        rows in cells(),
        delimiter in prop::sample::select(DELIMITERS.to_vec()),
        crlf in any::<bool>(),
    ) {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        for row in &rows {
            writer.write_record(row).expect("written");
        }
        let bytes = writer.into_inner().expect("flushed");
        let text = String::from_utf8(bytes).expect("utf-8");
        let read = table::rows(&text, delimiter);
        let expected: Vec<Vec<&str>> = rows
            .iter()
            .map(|row| row.iter().map(|c| c.trim()).collect())
            .collect();
        if expected.iter().flatten().all(|c| c.is_empty()) {
            prop_assert!(matches!(read, Err(ImportError::Empty)), "{:?}", read);
            return Ok(());
        }
        let read = read.expect("a table the csv crate wrote reads back");
        let cells: Vec<Vec<&str>> = read
            .iter()
            .map(|row| row.cells.iter().map(String::as_str).collect())
            .collect();
        prop_assert_eq!(cells, expected, "{:?}", text);
        prop_assert!(read.windows(2).all(|w| w[0].line < w[1].line), "lines in order");
        prop_assert_eq!(read[0].line, 1);
    }

    #[test]
    fn no_bytes_make_the_importer_panic(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            "[ -~\n\r\t;,|\"äö€]{0,400}".prop_map(String::into_bytes),
            // Past the first bytes, into the workbook readers.
            prop::collection::vec(any::<u8>(), 0..512)
                .prop_map(|rest| [&b"PK\x03\x04"[..], &rest].concat()),
            prop::collection::vec(any::<u8>(), 0..512)
                .prop_map(|rest| [&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], &rest].concat()),
        ],
    ) {
        let eur = Currency::from_code("EUR").expect("known");
        if let Ok(table) = read_file(&bytes, None, None) {
            for row in table.rows() {
                prop_assert!(row.cells.len() <= MAX_COLUMNS);
            }
            if let Ok(proposal) = propose(&table, eur) {
                for format in DateFormat::ALL {
                    coffer_import::convert(&table, &proposal, format, eur);
                }
            }
        }
    }
}
