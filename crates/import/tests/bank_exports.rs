//! Exports shaped like real banks' files, read end to end: encoding, delimiter, preamble, header,
//! columns, date format, decimal mark, sign convention, totals rows and per-row problems.

use coffer_import::{
    AmountColumns, DateFormat, DecimalMark, Detected, Outcome, Sign, Source, TextEncoding, convert,
    propose, read_text,
};

mod common;

use common::{assert_income_and_totals_skipped, currency, date, expenses};

/// A German bank's CSV: Windows-1252, semicolons, preamble lines, `DD.MM.YYYY`, `-1.234,56`,
/// money in and out in one signed column, and a balance row at the end.
const GERMAN: &[u8] = b"Kontoinhaber;Erika Mustermann\r\n\
Zeitraum;01.03.2025 - 31.03.2025\r\n\
\r\n\
Buchungstag;Valuta;Buchungstext;Verwendungszweck;Betrag (EUR)\r\n\
03.03.2025;03.03.2025;Lastschrift;B\xe4ckerei M\xfcller;-4,20\r\n\
05.03.2025;05.03.2025;Gutschrift;Gehalt M\xe4rz;2.500,00\r\n\
14.03.2025;14.03.2025;Kartenzahlung;Superm\xe4rkt \x80 Filiale 12;-1.234,56\r\n\
20.03.2025;20.03.2025;Lastschrift;Stadtwerke Strom;-85,00\r\n\
;;;Kontostand am 31.03.2025;1.176,24\r\n";

#[test]
fn a_german_bank_export() {
    let table = read_text(GERMAN, None).expect("readable");
    assert_eq!(
        table.source,
        Source::Text {
            delimiter: b';',
            encoding: TextEncoding::Windows1252
        }
    );
    let proposal = propose(&table, currency("EUR")).expect("columns found");
    assert_eq!(proposal.mapping.names[proposal.mapping.date], "Buchungstag");
    assert_eq!(proposal.mapping.amount, AmountColumns::Signed(4));
    assert_eq!(
        proposal.mapping.description,
        Some(3),
        "Verwendungszweck, not Buchungstext"
    );
    assert_eq!(proposal.dates, Detected::Format(DateFormat::DayMonthYear));
    assert_eq!(proposal.mark, DecimalMark::Comma);
    assert_eq!(proposal.sign, Sign::SpendingNegative);

    let outcomes = convert(&table, &proposal, DateFormat::DayMonthYear, currency("EUR"));
    let expenses = expenses(&outcomes);
    assert_eq!(
        expenses,
        [
            (5, date("2025-03-03"), 420, "Bäckerei Müller"),
            (7, date("2025-03-14"), 123_456, "Supermärkt € Filiale 12"),
            (8, date("2025-03-20"), 8_500, "Stadtwerke Strom"),
        ]
    );
    assert_income_and_totals_skipped(&outcomes, 6, 9, 5);
}

/// A US card export: month-first dates, separate debit and credit columns, a category column.
const US_CARD: &str = "Transaction Date,Posted Date,Description,Category,Debit,Credit\n\
03/14/2025,03/15/2025,\"STARBUCKS #123, SEATTLE\",Dining,5.75,\n\
03/20/2025,03/21/2025,AMAZON MKTPLACE,Shopping,\"1,024.99\",\n\
03/22/2025,03/22/2025,PAYMENT THANK YOU,,,500.00\n\
13/01/2025,13/01/2025,BROKEN ROW,Dining,1.00,\n";

#[test]
fn a_us_card_export_with_debit_and_credit_and_a_bad_row() {
    let table = read_text(US_CARD.as_bytes(), None).expect("readable");
    let proposal = propose(&table, currency("USD")).expect("columns found");
    assert_eq!(
        proposal.mapping.amount,
        AmountColumns::DebitCredit {
            debit: 4,
            credit: 5
        }
    );
    assert_eq!(proposal.mapping.category, Some(3));
    // 13/01 is not month-first: the column is not clean, so nothing is proposed…
    assert_eq!(proposal.dates, Detected::None);
    // …and reading month-first names the bad row precisely.
    let outcomes = convert(&table, &proposal, DateFormat::MonthDayYear, currency("USD"));
    assert_eq!(outcomes.len(), 4);
    let Outcome::Expense(starbucks) = &outcomes[0] else {
        panic!("{outcomes:?}")
    };
    assert_eq!(starbucks.description, "STARBUCKS #123, SEATTLE");
    assert_eq!(starbucks.category.as_deref(), Some("Dining"));
    assert_eq!(starbucks.amount, 575);
    let Outcome::Expense(amazon) = &outcomes[1] else {
        panic!("{outcomes:?}")
    };
    assert_eq!((amazon.date, amazon.amount), (date("2025-03-20"), 102_499));
    assert!(matches!(outcomes[2], Outcome::Skipped { line: 4, .. }));
    let Outcome::Problem(problem) = &outcomes[3] else {
        panic!("{outcomes:?}")
    };
    assert_eq!(problem.line, 5);
    assert_eq!(problem.column, "Transaction Date");
    assert_eq!(problem.reason, "“13/01/2025” is not a date");
}

#[test]
fn a_uk_export_is_day_first_and_positive_spending() {
    let csv = "Date,Description,Amount\n25/12/2024,Mince pies,3.50\n02/01/2025,Train,12.40\n";
    let table = read_text(csv.as_bytes(), None).expect("readable");
    let proposal = propose(&table, currency("GBP")).expect("columns");
    assert_eq!(proposal.dates, Detected::Format(DateFormat::DayMonthYear));
    assert_eq!(proposal.sign, Sign::SpendingPositive);
    let outcomes = convert(&table, &proposal, DateFormat::DayMonthYear, currency("GBP"));
    assert!(
        matches!(&outcomes[1], Outcome::Expense(e) if e.date == date("2025-01-02") && e.amount == 1_240)
    );
}

#[test]
fn a_totals_row_in_the_date_column_hides_neither_the_format_nor_the_rows() {
    let csv =
        "Date;Description;Amount\n2025-03-01;Rent;-700\n2025-03-02;Bus;-2,50\nSumme;;-702,50\n";
    let table = read_text(csv.as_bytes(), None).expect("readable");
    let proposal = propose(&table, currency("EUR")).expect("columns");
    assert_eq!(proposal.dates, Detected::Format(DateFormat::YearMonthDay));
    let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, currency("EUR"));
    assert_eq!(outcomes.len(), 3);
    assert_eq!(
        outcomes[2],
        Outcome::Skipped {
            line: 4,
            reason: "a totals or balance row"
        }
    );
}

#[test]
fn ambiguous_dates_are_left_to_the_person() {
    let csv = "Date,Description,Amount\n03/04/2025,A,1\n05/06/2025,B,2\n";
    let table = read_text(csv.as_bytes(), None).expect("readable");
    let proposal = propose(&table, currency("EUR")).expect("columns");
    assert_eq!(
        proposal.dates,
        Detected::Ambiguous(vec![DateFormat::DayMonthYear, DateFormat::MonthDayYear])
    );
}

#[test]
fn hostile_text_stays_text_and_garbage_is_refused() {
    let csv = "Date;Description;Amount\n2025-01-02;\"=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";-3,00\n2025-01-03;<script>alert(1)</script>;=1+1\n";
    let table = read_text(csv.as_bytes(), None).expect("readable");
    let proposal = propose(&table, currency("EUR")).expect("columns");
    let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, currency("EUR"));
    let Outcome::Expense(first) = &outcomes[0] else {
        panic!("{outcomes:?}")
    };
    assert!(
        first.description.starts_with("=HYPERLINK"),
        "stored verbatim, as text"
    );
    assert!(
        matches!(&outcomes[1], Outcome::Problem(p) if p.reason == "“=1+1” is not an amount"),
        "{outcomes:?}"
    );
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(read_text(&garbage, None).is_err());
    assert!(
        read_text(b"just some words\nand more\n", None)
            .and_then(|t| propose(&t, currency("EUR")))
            .is_err(),
        "no date and amount columns"
    );
}

#[test]
fn a_100_mb_line_is_refused_with_its_row_number() {
    let mut text = String::from("Date,Description,Amount\n2025-01-02,Fine,1.00\n2025-01-03,");
    text.push_str(&"x".repeat(100 * 1024 * 1024));
    text.push_str(",2.00\n");
    match read_text(text.as_bytes(), None) {
        Err(coffer_import::ImportError::FieldTooLong { line, .. }) => assert_eq!(line, 3),
        other => panic!(
            "a 100 MB field must be refused: {:?}",
            other.map(|t| t.source)
        ),
    }
}
