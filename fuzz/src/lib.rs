//! Invariants the fuzz targets assert on what the importer returns: bounded tables, expenses the
//! ledger accepts, real dates, amounts that round-trip. Shared by every target, so that a
//! workbook and a text export are held to the same rules.

use coffer_import::{
    AmountColumns, DateFormat, MAX_COLUMNS, MAX_FIELD_CHARS, Outcome, Source, Table, table,
};
use coffer_ledger::{Currency, Date, MAX_AMOUNT};

/// The currencies the targets read amounts in: one of each number of minor units (0, 2, 3).
pub fn currencies() -> [Currency; 3] {
    ["JPY", "EUR", "BHD"].map(|code| Currency::from_code(code).expect("a known currency"))
}

/// Asserts that `date` is a real calendar date inside the ledger's years.
pub fn assert_real_date(date: Date) {
    let (year, month, day) = date.ymd();
    assert!(
        (coffer_ledger::date::MIN_YEAR..=coffer_ledger::date::MAX_YEAR).contains(&year),
        "{date:?}: year {year} out of range"
    );
    assert_eq!(
        Date::from_ymd(year, month, day).ok(),
        Some(date),
        "{year}-{month}-{day} is not a real date"
    );
}

/// Asserts what every table must be, whatever it was read from: rows in file order, each with at
/// most [`MAX_COLUMNS`] trimmed cells of at most [`MAX_FIELD_CHARS`] characters, and at least one
/// cell with content somewhere. Returns how many rows it has.
pub fn check_table(table: &Table) -> usize {
    if let Source::Text { delimiter, .. } = table.source {
        assert!(
            table::DELIMITERS.contains(&delimiter),
            "delimiter {delimiter}"
        );
    }
    let (mut rows, mut last, mut content) = (0usize, 0usize, false);
    for row in table.rows() {
        assert!(row.line > last, "line {} after line {last}", row.line);
        last = row.line;
        assert!(
            row.cells.len() <= MAX_COLUMNS,
            "line {}: {} cells",
            row.line,
            row.cells.len()
        );
        for cell in &row.cells {
            assert!(cell.chars().count() <= MAX_FIELD_CHARS, "line {}", row.line);
            assert_eq!(cell.trim(), cell, "line {}: cells are trimmed", row.line);
            content |= !cell.is_empty();
        }
        rows += 1;
    }
    assert!(content, "a table read without error has content");
    rows
}

/// Proposes columns for `table` and converts it with every date format the proposal allows,
/// asserting that each expense is one the ledger accepts as it is, and that every problem names
/// a line of the table and a reason.
pub fn check_conversion(table: &Table, currency: Currency) {
    let Ok(proposal) = coffer_import::propose(table, currency) else {
        return;
    };
    let m = &proposal.mapping;
    let columns = m.names.len();
    assert!(m.date < columns);
    match m.amount {
        AmountColumns::Signed(c) => assert!(c < columns),
        AmountColumns::DebitCredit { debit, credit } => {
            assert!(debit < columns && credit < columns)
        }
    }
    for column in [m.description, m.category, m.notes, m.payment_method]
        .into_iter()
        .flatten()
    {
        assert!(column < columns);
    }
    let header_line = table
        .rows()
        .nth(m.header)
        .map(|row| row.line)
        .expect("the header row is a row of the table");
    let formats = match coffer_import::date_format(table, &proposal) {
        Some(format) => vec![format],
        None => DateFormat::ALL.to_vec(),
    };
    for format in formats {
        for outcome in coffer_import::outcomes(table, &proposal, format, currency) {
            match outcome {
                Outcome::Expense(e) => {
                    assert!(e.line > header_line);
                    assert!((1..=MAX_AMOUNT).contains(&e.amount), "amount {}", e.amount);
                    assert_real_date(e.date);
                    let fields = e.fields(coffer_ledger::CategoryId(1));
                    assert!(
                        fields.is_ok(),
                        "line {}: the preview shows an expense the ledger refuses: {fields:?}",
                        e.line
                    );
                    if let Some(category) = &e.category {
                        assert!(
                            !category.is_empty()
                                && category.chars().count() <= 40
                                && !category.chars().any(char::is_control),
                            "line {}: category {category:?} is no valid category name",
                            e.line
                        );
                    }
                }
                Outcome::Skipped { line, reason } => {
                    assert!(line > header_line && !reason.is_empty());
                }
                Outcome::Problem(p) => {
                    assert!(p.line > header_line && !p.reason.is_empty());
                }
            }
        }
    }
}
