//! Helpers shared by the importer's integration tests: dates, currencies, the expenses a conversion
//! produced, and the two skips every bank-shaped fixture has (money in, a totals row).

#![allow(
    dead_code,
    reason = "each test binary uses a different subset of these helpers"
)]

use std::io::{Cursor, Write};

use coffer_import::Outcome;
use coffer_ledger::{Currency, Date};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

pub fn currency(code: &str) -> Currency {
    Currency::from_code(code).expect("known")
}

pub fn eur() -> Currency {
    currency("EUR")
}

pub fn date(text: &str) -> Date {
    text.parse().expect("date")
}

/// The expenses among `outcomes` as (line, date, amount, description).
pub fn expenses(outcomes: &[Outcome]) -> Vec<(usize, Date, i64, &str)> {
    outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Expense(e) => Some((e.line, e.date, e.amount, e.description.as_str())),
            _ => None,
        })
        .collect()
}

/// Asserts that line `income` was skipped as money coming in, line `totals` as a totals row, and
/// that there were `total` outcomes in all (so no problems).
pub fn assert_income_and_totals_skipped(
    outcomes: &[Outcome],
    income: usize,
    totals: usize,
    total: usize,
) {
    assert!(outcomes.contains(&Outcome::Skipped {
        line: income,
        reason: "money coming in (income or a refund)"
    }));
    assert!(
        outcomes.contains(&Outcome::Skipped {
            line: totals,
            reason: "a totals or balance row"
        }),
        "{outcomes:?}"
    );
    assert_eq!(outcomes.len(), total, "no problems: {outcomes:?}");
}

/// An ODS file as LibreOffice writes it, reduced to what a reader needs: `content_rows` in a sheet
/// called "Umsätze", `manifest_entry` added to the manifest, and `content.xml` packed with
/// `content_compression` (LibreOffice deflates it; stored, very repetitive content still reaches the
/// XML reader).
pub fn ods(
    content_rows: &str,
    manifest_entry: &str,
    content_compression: CompressionMethod,
) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="Umsätze">{content_rows}</table:table></office:spreadsheet></office:body>
</office:document-content>"#
    );
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
{manifest_entry}
</manifest:manifest>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default();
    zip.start_file("mimetype", stored).expect("entry");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file(
        "content.xml",
        SimpleFileOptions::default().compression_method(content_compression),
    )
    .expect("entry");
    zip.write_all(content.as_bytes()).expect("write");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("entry");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.finish().expect("zip").into_inner()
}

/// An ODS text cell holding `text`.
pub fn string_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}
