//! Workbooks read end to end, with fixtures written by the tests themselves: an XLSX bank export
//! (title, blank row, real date cells, a totals formula), a multi-sheet workbook, an ODS file, an
//! XLS file (a minimal BIFF8 writer below), and the files that must be refused: zip bomb, grids
//! of gigabytes in a few bytes (XLSX, ODS, XLS), passwords, damaged or foreign files.

use std::io::{Cursor, Write};

use coffer_import::spreadsheet::{self, MAX_GRID_CELLS, MAX_RATIO, Sheet};
use coffer_import::{
    DateFormat, DecimalMark, Detected, ImportError, MAX_COLUMNS, Outcome, Sign, Source, convert,
    propose, read_file,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use zip::write::SimpleFileOptions;

mod common;

use common::{assert_income_and_totals_skipped, date, eur, expenses, ods, string_cell};
use zip::CompressionMethod::Deflated;

/// Row `index` of `table` (0-based, blank rows not counted).
fn row(table: &coffer_import::Table, index: usize) -> coffer_import::Row {
    table
        .rows()
        .nth(index)
        .expect("the row exists")
        .into_owned()
}

fn day(year: u16, month: u8, day: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(year, month, day).expect("a date")
}

/// A bank export as banks write XLSX: data from column B, a title in row 2, a blank row, the
/// header in row 4, date cells in three formats (one written as a bare serial number with a date
/// format, one with a time of day), and a totals row with a formula.
fn bank_export() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("März 2025").expect("name");
    let iso = Format::new().set_num_format("yyyy-mm-dd");
    let uk = Format::new().set_num_format("dd/mm/yyyy");
    let with_time = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    sheet
        .write_string(1, 1, "Account statement, March 2025")
        .expect("title");
    for (column, header) in (1..).zip(["Date", "Description", "Category", "Amount"]) {
        sheet.write_string(3, column, header).expect("header");
    }
    sheet
        .write_datetime_with_format(4, 1, day(2025, 3, 3), &iso)
        .expect("date");
    sheet.write_string(4, 2, "Bakery").expect("text");
    sheet.write_string(4, 3, "Food").expect("text");
    sheet.write_number(4, 4, -4.2).expect("number");

    sheet
        .write_datetime_with_format(5, 1, day(2025, 3, 5), &iso)
        .expect("date");
    sheet.write_string(5, 2, "Salary").expect("text");
    sheet.write_number(5, 4, 2500).expect("number");

    // 45730 is 2025-03-14.
    sheet
        .write_number_with_format(6, 1, 45730, &uk)
        .expect("serial");
    sheet.write_string(6, 2, "  Supermarket  ").expect("text");
    sheet.write_string(6, 3, "Groceries").expect("text");
    sheet.write_number(6, 4, -1234.56).expect("number");

    let evening = day(2025, 3, 20).and_hms(18, 45, 0).expect("time");
    sheet
        .write_datetime_with_format(7, 1, evening, &with_time)
        .expect("date");
    sheet.write_string(7, 2, "Parking").expect("text");
    sheet.write_number(7, 4, -(0.1 + 0.2)).expect("number");

    sheet.write_string(8, 1, "Total").expect("text");
    sheet
        .write_formula(8, 4, Formula::new("=SUM(E5:E8)").set_result("1260.94"))
        .expect("formula");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn an_xlsx_bank_export() {
    let bytes = bank_export();
    let table = read_file(&bytes, None, None).expect("readable");
    assert_eq!(
        table.source,
        Source::Sheet {
            name: "März 2025".into()
        }
    );
    let lines: Vec<usize> = table.rows().map(|r| r.line).collect();
    assert_eq!(
        lines,
        [2, 4, 5, 6, 7, 8, 9],
        "spreadsheet row numbers, blank rows left out"
    );
    assert_eq!(
        row(&table, 0).cells,
        ["Account statement, March 2025"],
        "columns count from the leftmost used one"
    );
    assert_eq!(
        row(&table, 4).cells,
        ["2025-03-14", "Supermarket", "Groceries", "-1234.56"]
    );
    assert_eq!(row(&table, 5).cells, ["2025-03-20", "Parking", "", "-0.3"]);
    assert_eq!(row(&table, 6).cells, ["Total", "", "", "1260.94"]);

    let proposal = propose(&table, eur()).expect("columns found");
    assert_eq!(proposal.mapping.header, 1, "below the title");
    assert_eq!(proposal.dates, Detected::Format(DateFormat::YearMonthDay));
    assert_eq!(proposal.mark, DecimalMark::Dot);
    assert_eq!(proposal.sign, Sign::SpendingNegative);

    let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, eur());
    let expenses: Vec<_> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Expense(e) => Some((
                e.line,
                e.date,
                e.amount,
                e.description.as_str(),
                e.category.as_deref(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        expenses,
        [
            (5, date("2025-03-03"), 420, "Bakery", Some("Food")),
            (
                7,
                date("2025-03-14"),
                123_456,
                "Supermarket",
                Some("Groceries")
            ),
            (8, date("2025-03-20"), 30, "Parking", None),
        ]
    );
    assert_income_and_totals_skipped(&outcomes, 6, 9, 5);
}

#[test]
fn a_workbook_lists_its_sheets_and_reads_the_one_chosen() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Cover").expect("name");
    let card = book.add_worksheet().set_name("Card").expect("name");
    card.write_string(0, 0, "Date").expect("header");
    card.write_string(0, 1, "Payee").expect("header");
    card.write_string(0, 2, "Amount").expect("header");
    card.write_string(1, 0, "2025-01-02").expect("text date");
    card.write_string(1, 1, "Train").expect("text");
    card.write_number(1, 2, 12.4).expect("number");
    let notes = book.add_worksheet().set_name("Notes").expect("name");
    notes.write_string(4, 2, "nothing here").expect("text");
    notes.write_boolean(6, 2, true).expect("bool");
    let bytes = book.save_to_buffer().expect("xlsx");

    let listed = spreadsheet::sheets(&bytes).expect("sheets");
    let sheet = |name: &str, rows| Sheet {
        name: name.into(),
        rows,
    };
    assert_eq!(
        listed,
        [sheet("Cover", 0), sheet("Card", 2), sheet("Notes", 2)]
    );

    let first = read_file(&bytes, None, None).expect("the first sheet with content");
    assert_eq!(
        first.source,
        Source::Sheet {
            name: "Card".into()
        }
    );
    let proposal = propose(&first, eur()).expect("columns");
    let outcomes = convert(&first, &proposal, DateFormat::YearMonthDay, eur());
    assert!(
        matches!(&outcomes[..], [Outcome::Expense(e)] if e.amount == 1_240 && e.description == "Train"),
        "{outcomes:?}"
    );

    let notes = read_file(&bytes, None, Some("Notes")).expect("the chosen sheet");
    let rows: Vec<_> = notes.rows().map(|r| (r.line, r.cells.join("|"))).collect();
    assert_eq!(rows, [(5, "nothing here".into()), (7, "TRUE".into())]);
    assert!(matches!(
        read_file(&bytes, None, Some("Cover")),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        read_file(&bytes, None, Some("Savings")),
        Err(ImportError::NoSuchSheet { name }) if name == "Savings"
    ));
}

/// A one-sheet workbook with text `cells` at (row, column), both 0-based.
fn xlsx(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (row, column, text) in cells {
        sheet.write_string(*row, *column, *text).expect("text");
    }
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn far_away_cells_cost_nothing_and_too_wide_sheets_are_refused() {
    let corner = (0, 0, "corner");
    let below = (1_048_575, 0, "far below");
    let table = read_file(&xlsx(&[corner, below]), None, None).expect("two rows");
    let lines: Vec<usize> = table.rows().map(|r| r.line).collect();
    assert_eq!(lines, [1, 1_048_576]);

    // Read as one dense grid, this sheet would be 17 billion cells; streamed, it is refused at
    // the first cell beyond MAX_COLUMNS.
    let far_corner = (1_048_575, 16_383, "far corner");
    let refused = read_file(&xlsx(&[corner, far_corner]), None, None);
    assert!(
        matches!(
            refused,
            Err(ImportError::TooManyColumns {
                line: 1_048_576,
                count: 16_384,
                max: MAX_COLUMNS
            })
        ),
        "{refused:?}"
    );
}

#[test]
fn an_ods_export() {
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let date_cell = |iso: &str| {
        format!(
            r#"<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>shown differently</text:p></table:table-cell>"#
        )
    };
    let number_cell = |value: &str| {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value} €</text:p></table:table-cell>"#
        )
    };
    let rows = [
        row(&[string_cell("Datum"), string_cell("Empfänger"), string_cell("Betrag")]),
        row(&[date_cell("2025-03-03"), string_cell("Bäckerei"), number_cell("-4.2")]),
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>"#.to_owned(),
        row(&[
            date_cell("2025-03-14T10:30:00"),
            string_cell("Tankstelle &amp; Shop"),
            number_cell("-61.05"),
        ]),
        // LibreOffice pads every sheet to the end of the grid like this.
        r#"<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#.to_owned(),
    ]
    .concat();
    let bytes = ods(&rows, "", Deflated);
    let listed = spreadsheet::sheets(&bytes).expect("sheets");
    assert_eq!(
        listed,
        [Sheet {
            name: "Umsätze".into(),
            rows: 3
        }]
    );
    let table = read_file(&bytes, None, None).expect("readable");
    let proposal = propose(&table, eur()).expect("columns");
    assert_eq!(proposal.dates, Detected::Format(DateFormat::YearMonthDay));
    let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, eur());
    let expenses = expenses(&outcomes);
    assert_eq!(
        expenses,
        [
            (2, date("2025-03-03"), 420, "Bäckerei"),
            (5, date("2025-03-14"), 6_105, "Tankstelle & Shop"),
        ],
        "{outcomes:?}"
    );
}

#[test]
fn a_password_protected_ods_is_named_as_such() {
    let encrypted = r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/></manifest:file-entry>"#;
    let bytes = ods(
        &format!("<table:table-row>{}</table:table-row>", string_cell("x")),
        encrypted,
        Deflated,
    );
    assert!(matches!(
        read_file(&bytes, None, None),
        Err(ImportError::Encrypted)
    ));
}

#[test]
fn an_ods_that_repeats_a_row_into_gigabytes_is_refused_before_it_is_read() {
    // Under 1 kB; calamine alone would build a grid of 98 million cells (several GB).
    let row = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#;
    let bytes = ods(row, "", Deflated);
    assert!(bytes.len() < 1024);
    let refused = read_file(&bytes, None, None);
    assert!(
        matches!(
            refused,
            Err(ImportError::TooManyCells {
                max: MAX_GRID_CELLS
            })
        ),
        "{refused:?}"
    );
}

/// An OLE compound file holding `streams` (name, content), as Office writes them.
fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("cfb");
    for (name, content) in streams {
        let mut stream = file.create_stream(name).expect("stream");
        stream.write_all(content).expect("write");
    }
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

/// A cell of an XLS fixture.
enum XlsCell {
    /// Row, column, number; `true` for a date format.
    Number(u16, u16, f64, bool),
    /// Row, column, text (Latin-1).
    Text(u16, u16, &'static str),
}

fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend(kind.to_le_bytes());
    out.extend(u16::try_from(data.len()).expect("short").to_le_bytes());
    out.extend(data);
}

/// The records of one XLS sheet: BOF, `extra` records, the cells, EOF.
fn xls_sheet(cells: &[XlsCell], extra: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0809, &bof(0x0010));
    for (kind, data) in extra {
        record(&mut out, *kind, data);
    }
    for cell in cells {
        let mut data = Vec::new();
        match cell {
            XlsCell::Number(row, column, value, is_date) => {
                for field in [*row, *column, u16::from(*is_date)] {
                    data.extend(field.to_le_bytes());
                }
                data.extend(value.to_le_bytes());
                record(&mut out, 0x0203, &data);
            }
            XlsCell::Text(row, column, text) => {
                let latin1: Vec<u8> = text
                    .chars()
                    .map(|c| u8::try_from(c).expect("latin-1"))
                    .collect();
                let cch = u16::try_from(latin1.len()).expect("short");
                for field in [*row, *column, 0, cch] {
                    data.extend(field.to_le_bytes());
                }
                data.push(0); // one byte per character
                data.extend(latin1);
                record(&mut out, 0x0204, &data);
            }
        }
    }
    record(&mut out, 0x000A, &[]);
    out
}

fn bof(kind: u16) -> [u8; 16] {
    let mut data = [0; 16];
    data[..2].copy_from_slice(&0x0600u16.to_le_bytes()); // BIFF8
    data[2..4].copy_from_slice(&kind.to_le_bytes());
    data
}

/// An XLS file (BIFF8 in an OLE compound file) reduced to what a reader needs: the workbook
/// globals (two cell formats: 0 general, 1 a date; one BOUNDSHEET per sheet) and the sheets.
fn xls(sheets: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    for number_format in [0u16, 14] {
        let mut xf = [0u8; 20];
        xf[2..4].copy_from_slice(&number_format.to_le_bytes());
        record(&mut globals, 0x00E0, &xf);
    }
    let bound_sheets: usize = sheets.iter().map(|(name, _)| 4 + 8 + name.len()).sum();
    let mut at = globals.len() + bound_sheets + 4;
    for (name, sheet) in sheets {
        let mut data = u32::try_from(at).expect("small").to_le_bytes().to_vec();
        data.extend([0, 0, u8::try_from(name.len()).expect("short"), 0]);
        data.extend(name.bytes());
        record(&mut globals, 0x0085, &data);
        at += sheet.len();
    }
    record(&mut globals, 0x000A, &[]);
    for (_, sheet) in sheets {
        globals.extend(sheet);
    }
    ole(&[("Workbook", &globals)])
}

#[test]
fn an_xls_bank_export() {
    use XlsCell::{Number, Text};
    let konto = xls_sheet(
        &[
            Text(0, 0, "Kontoauszug März"),
            Text(2, 0, "Datum"),
            Text(2, 1, "Buchungstext"),
            Text(2, 2, "Betrag"),
            Number(3, 0, 45719.0, true),
            Text(3, 1, "Bäckerei"),
            Number(3, 2, -4.2, false),
            Number(4, 0, 45730.0, true),
            Text(4, 1, "Supermarkt"),
            Number(4, 2, -1234.56, false),
            Text(5, 0, "Summe"),
            Number(5, 2, -1238.76, false),
        ],
        &[],
    );
    let bytes = xls(&[("Konto", konto), ("Leer", xls_sheet(&[], &[]))]);
    assert_eq!(
        spreadsheet::sheets(&bytes).expect("sheets"),
        [
            Sheet {
                name: "Konto".into(),
                rows: 5
            },
            Sheet {
                name: "Leer".into(),
                rows: 0
            }
        ]
    );
    let table = read_file(&bytes, None, None).expect("readable");
    assert_eq!(row(&table, 0).cells, ["Kontoauszug März"]);
    assert_eq!(row(&table, 2).cells, ["2025-03-03", "Bäckerei", "-4.2"]);
    let proposal = propose(&table, eur()).expect("columns");
    assert_eq!(proposal.dates, Detected::Format(DateFormat::YearMonthDay));
    let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, eur());
    let expenses = expenses(&outcomes);
    assert_eq!(
        expenses,
        [
            (4, date("2025-03-03"), 420, "Bäckerei"),
            (5, date("2025-03-14"), 123_456, "Supermarkt"),
        ]
    );
    assert_eq!(
        outcomes.last(),
        Some(&Outcome::Skipped {
            line: 6,
            reason: "a totals or balance row"
        })
    );
}

#[test]
fn an_xls_that_would_lay_out_gigabytes_is_refused_before_it_is_read() {
    use XlsCell::Number;
    // Two cells at opposite corners: calamine alone would lay out 65,536 × 65,536 cells (and
    // abort the process trying to allocate 137 GB).
    let corners = xls_sheet(
        &[Number(0, 0, 1.0, false), Number(65_535, 65_535, 2.0, false)],
        &[],
    );
    // No cells, but a DIMENSIONS record that makes calamine reserve room for 4 million rows of 256.
    let mut dimensions = Vec::new();
    for field in [0u32, 4_000_000] {
        dimensions.extend(field.to_le_bytes());
    }
    dimensions.extend([0, 0, 0, 1, 0, 0]);
    let claims = xls_sheet(&[], &[(0x0200, dimensions)]);
    // Eleven sheets of a million cells each: calamine lays them all out when it opens the file.
    let names: Vec<String> = (0..11).map(|i| format!("S{i}")).collect();
    let million = || {
        xls_sheet(
            &[Number(0, 0, 1.0, false), Number(19_999, 49, 2.0, false)],
            &[],
        )
    };
    let many: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (n.as_str(), million())).collect();
    assert!(
        read_file(&xls(&many[..1]), None, None).is_ok(),
        "one is fine"
    );
    for (what, bytes) in [
        ("corners", xls(&[("Corners", corners)])),
        ("dimensions", xls(&[("Claims", claims)])),
        ("many", xls(&many)),
    ] {
        let refused = read_file(&bytes, None, None);
        assert!(
            matches!(
                refused,
                Err(ImportError::TooManyCells {
                    max: MAX_GRID_CELLS
                })
            ),
            "{what}: {refused:?}"
        );
    }
}

#[test]
fn a_password_protected_xlsx_is_named_as_such() {
    // Excel encrypts the whole package and wraps it in an OLE file, so it starts like an XLS.
    let bytes = ole(&[
        ("EncryptionInfo", &[7; 256]),
        ("EncryptedPackage", &[7; 8192]),
    ]);
    assert!(spreadsheet::is_spreadsheet(&bytes));
    let refused = read_file(&bytes, None, None);
    assert!(
        matches!(refused, Err(ImportError::Encrypted)),
        "{refused:?}"
    );

    let word = ole(&[("WordDocument", &[7; 8192])]);
    let refused = read_file(&word, None, None);
    assert!(
        matches!(refused, Err(ImportError::Damaged(_))),
        "an OLE file that is no workbook: {refused:?}"
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // A real workbook whose sheet is replaced by one cell of 16 MiB of "a": it packs to about
    // 16 kB, a thousand to one, where spreadsheet XML packs 5–20 to one. Without the check,
    // calamine would unpack it all (and the cell would then be refused as too long). A bigger
    // bomb proves nothing more and takes seconds to pack in a debug build; the 1 GiB total is
    // checked on declared sizes in the `spreadsheet` unit tests.
    let workbook = xlsx(&[(0, 0, "Date")]);
    let mut original = zip::ZipArchive::new(Cursor::new(&workbook[..])).expect("zip");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..original.len() {
        let entry = original.by_index_raw(i).expect("entry");
        if entry.name_raw() != b"xl/worksheets/sheet1.xml" {
            zip.raw_copy_file(entry).expect("copy");
        }
    }
    let fast = SimpleFileOptions::default().compression_level(Some(1));
    zip.start_file("xl/worksheets/sheet1.xml", fast)
        .expect("entry");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#)
        .expect("write");
    let filler = vec![b'a'; 1 << 20];
    for _ in 0..16 {
        zip.write_all(&filler).expect("write");
    }
    zip.write_all(b"</t></is></c></row></sheetData></worksheet>")
        .expect("write");
    let bytes = zip.finish().expect("zip").into_inner();
    assert!(bytes.len() < (16 << 20) / MAX_RATIO as usize);

    let refused = read_file(&bytes, None, None);
    assert!(
        matches!(refused, Err(ImportError::TooLarge { .. })),
        "{refused:?}"
    );
    assert!(matches!(
        spreadsheet::sheets(&bytes),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn damaged_and_foreign_files_are_refused() {
    let xlsx = bank_export();
    let truncated = &xlsx[..xlsx.len() / 2];
    let mut ole_garbage = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole_garbage.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    let mut not_a_workbook = zip::ZipWriter::new(Cursor::new(Vec::new()));
    not_a_workbook
        .start_file("word/document.xml", SimpleFileOptions::default())
        .expect("entry");
    not_a_workbook.write_all(b"<w:document/>").expect("write");
    let not_a_workbook = not_a_workbook.finish().expect("zip").into_inner();
    // calamine panics on a BOF record shorter than its version field.
    let mut cut_short = Vec::new();
    record(&mut cut_short, 0x0809, &[6]);
    let cut_short = ole(&[("Workbook", &cut_short)]);
    for (what, bytes) in [
        ("a truncated XLSX", truncated),
        ("garbage that starts like an XLS", &ole_garbage),
        ("a zip that is no workbook", &not_a_workbook),
        ("an XLS cut short", &cut_short),
    ] {
        let refused = read_file(bytes, None, None);
        assert!(
            matches!(refused, Err(ImportError::Damaged(_))),
            "{what}: {refused:?}"
        );
    }
    assert!(matches!(
        spreadsheet::sheets(b"Date,Amount\n"),
        Err(ImportError::Damaged(_))
    ));
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(matches!(
        read_file(&garbage, None, None),
        Err(ImportError::NotText)
    ));
    assert_eq!(
        ImportError::Damaged(None).to_string(),
        "This spreadsheet is damaged or is not an XLSX, XLS or ODS file."
    );
}
