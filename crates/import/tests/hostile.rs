//! Crafted hostile files, made by the tests themselves (nothing big is committed): zip bombs
//! (declared and lying), 100,000 nested XML elements, a million columns, invalid UTF-8, grids of
//! 10^9 cells, and a file that changes between the preview and the commit. Each must end in a
//! clear, specific error or a bounded result, in bounded memory: every case runs in a child
//! process of this test binary, which reports its peak resident memory (VmHWM), and the parent
//! holds it to [`MAX_PEAK_MIB`] (a resource bound, not a timing).

use std::io::{Cursor, Write};
use std::process::Command;

use coffer_import::spreadsheet::{self, MAX_GRID_CELLS};
use coffer_import::{DateFormat, ImportError, MAX_COLUMNS, Outcome, convert, propose, read_file};
use rust_xlsxwriter::Workbook;
use zip::write::SimpleFileOptions;

mod common;

use common::{eur, ods, string_cell};
use zip::CompressionMethod::Stored;

/// The most resident memory a case may use, test harness and the hostile file included.
const MAX_PEAK_MIB: u64 = 512;
/// Names the case a child process runs.
const CASE: &str = "COFFER_HOSTILE_CASE";

/// Runs `case` in a child process and returns its peak resident memory in MiB, after checking
/// that it passed.
fn peak_mib(case: &str) -> u64 {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new(exe)
        .args([
            "child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CASE, case)
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{case} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The harness prints "test child ... " on the same line, before the case's own output.
    let kib: u64 = stdout
        .split("peak-rss-kib=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{case} reported no peak:\n{stdout}"));
    kib / 1024
}

/// Runs `case` in a child process and holds its peak memory to [`MAX_PEAK_MIB`].
fn bounded(case: &str) {
    let peak = peak_mib(case);
    eprintln!("{case}: peak RSS {peak} MiB");
    assert!(
        peak < MAX_PEAK_MIB,
        "{case} peaked at {peak} MiB (bound {MAX_PEAK_MIB})"
    );
}

/// This process's peak resident memory (VmHWM) in KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("procfs");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// The child: runs the case named by [`CASE`] and prints its peak memory. Ignored, so that it
/// runs only when a test above starts it.
#[test]
#[ignore = "started by the other tests, in a child process"]
fn child() {
    let Ok(case) = std::env::var(CASE) else {
        return;
    };
    match case.as_str() {
        "zip_bomb_declared" => zip_bomb_declared(),
        "zip_bomb_lying" => zip_bomb_lying(),
        "nested_xlsx" => nested_xlsx(),
        "nested_ods" => nested_ods(),
        "million_columns_row" => million_columns(false),
        "million_columns_header" => million_columns(true),
        "invalid_utf8_middle" => invalid_utf8(false),
        "invalid_utf8_header" => invalid_utf8(true),
        "billion_cells_xls" => billion_cells_xls(),
        "billion_cells_ods" => billion_cells_ods(),
        "changed_between_preview_and_commit" => changed_between_preview_and_commit(),
        "fields_the_ledger_refuses" => fields_the_ledger_refuses(),
        other => panic!("no case {other}"),
    }
    println!("peak-rss-kib={}", peak_kib());
}

// --- Zip bombs -----------------------------------------------------------------------------

/// A deflate bit stream (LSB first; Huffman codes most significant bit first).
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    len: usize,
}

impl Bits {
    fn bit(&mut self, bit: u32) {
        if self.len.is_multiple_of(8) {
            self.out.push(0);
        }
        if bit & 1 == 1 {
            *self.out.last_mut().expect("a byte") |= 1 << (self.len % 8);
        }
        self.len += 1;
    }
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.bit(code >> i);
        }
    }
    /// A literal byte below 144 in the fixed Huffman code.
    fn literal(&mut self, byte: u8) {
        assert!(byte < 144);
        self.code(0x30 + u32::from(byte), 8);
    }
    /// Repeat the last byte 258 times: length code 285, distance code 0 (13 bits).
    fn repeat_258(&mut self) {
        self.code(0xC5, 8);
        self.code(0, 5);
    }
}

/// A raw deflate stream that unpacks to `head`, then `1 + 258 × (1 + 8 × groups)` letters `a`,
/// then `tail`: one fixed-Huffman block whose repeats come in byte-aligned groups of 13 bytes
/// (8 repeats of 258), so a stream of gigabytes is built by copying one group. It packs about
/// 160:1 (deflate's best is 1032:1).
fn deflate_bomb(head: &[u8], groups: usize, tail: &[u8]) -> (Vec<u8>, u64) {
    let mut start = Bits::default();
    start.bit(1); // BFINAL
    start.bit(1); // BTYPE = 01 (fixed Huffman), least significant bit first
    start.bit(0);
    head.iter().for_each(|b| start.literal(*b));
    start.literal(b'a');
    start.repeat_258();
    assert!(start.len.is_multiple_of(8), "3 + 8n + 8 + 13 bits: aligned");
    let mut group = Bits::default();
    (0..8).for_each(|_| group.repeat_258());
    assert_eq!(group.out.len(), 13);
    let mut end = Bits::default();
    tail.iter().for_each(|b| end.literal(*b));
    end.code(0, 7); // end of block
    let stream = [start.out, group.out.repeat(groups), end.out].concat();
    let unpacked = (head.len() + tail.len()) as u64 + 1 + 258 * (1 + 8 * groups as u64);
    (stream, unpacked)
}

/// A real workbook whose first sheet is `sheet`, stored (not deflated).
fn xlsx_with_stored_sheet(sheet: &[u8]) -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "Date")
        .expect("cell");
    let workbook = book.save_to_buffer().expect("xlsx");
    let mut original = zip::ZipArchive::new(Cursor::new(&workbook[..])).expect("zip");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..original.len() {
        let entry = original.by_index_raw(i).expect("entry");
        if entry.name_raw() != b"xl/worksheets/sheet1.xml" {
            zip.raw_copy_file(entry).expect("copy");
        }
    }
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("xl/worksheets/sheet1.xml", stored)
        .expect("entry");
    zip.write_all(sheet).expect("write");
    zip.finish().expect("zip").into_inner()
}

/// A real workbook whose first sheet is replaced by `packed` (raw deflate) declared as
/// `declared` bytes unpacked. The CRC is left wrong: nothing may unpack that far anyway.
fn xlsx_with_sheet(packed: &[u8], declared: u32) -> Vec<u8> {
    // A placeholder entry whose sizes and data are then replaced.
    let bytes = xlsx_with_stored_sheet(b"PLACEHOLDER");

    // Local header: method at 8, CRC at 14, packed size at 18, unpacked size at 22, then the
    // name and extra field, then the data. Central header: the same fields at 10, 16, 20, 24.
    let name = b"xl/worksheets/sheet1.xml";
    let local = header(&bytes, b"PK\x03\x04", 30, name);
    let central = header(&bytes, b"PK\x01\x02", 46, name);
    let data = local + 30 + name.len() + usize::from(u16_at(&bytes, local + 28));
    let mut out = bytes[..data].to_vec();
    out.extend(packed);
    let shift = packed.len() as i64 - 11;
    out.extend(&bytes[data + 11..]);
    for (header, method, sizes) in [(local, 8, 18), (central, 10, 20)] {
        let header = if header > data {
            (header as i64 + shift) as usize
        } else {
            header
        };
        out[header + method..header + method + 2].copy_from_slice(&8u16.to_le_bytes());
        let packed_len = u32::try_from(packed.len()).expect("under 4 GiB");
        out[header + sizes..header + sizes + 4].copy_from_slice(&packed_len.to_le_bytes());
        out[header + sizes + 4..header + sizes + 8].copy_from_slice(&declared.to_le_bytes());
    }
    // The end of central directory record: where the central directory starts (offset 16).
    let eocd = out.len() - 22;
    assert_eq!(&out[eocd..eocd + 4], b"PK\x05\x06");
    let cd = u32::from_le_bytes(out[eocd + 16..eocd + 20].try_into().expect("4 bytes"));
    let cd = u32::try_from(i64::from(cd) + shift).expect("fits");
    out[eocd + 16..eocd + 20].copy_from_slice(&cd.to_le_bytes());
    out
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

/// Where the zip header with `signature` whose file name (at `name_at`) is `name` starts.
fn header(bytes: &[u8], signature: &[u8], name_at: usize, name: &[u8]) -> usize {
    (0..bytes.len() - name_at)
        .find(|&i| bytes[i..].starts_with(signature) && bytes[i + name_at..].starts_with(name))
        .expect("the entry's header")
}

const SHEET_HEAD: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#;
const SHEET_TAIL: &[u8] = b"</t></is></c></row></sheetData></worksheet>";

/// A sheet of 2.1 GiB (one cell of letters) in 14 MB, declaring its real size: refused from the
/// zip directory before anything is unpacked.
fn zip_bomb_declared() {
    let (packed, unpacked) = deflate_bomb(SHEET_HEAD, 1_100_000, SHEET_TAIL);
    assert!(unpacked > 2 << 30 && unpacked < u64::from(u32::MAX));
    let bytes = xlsx_with_sheet(&packed, u32::try_from(unpacked).expect("under 4 GiB"));
    assert!(spreadsheet::is_spreadsheet(&bytes));
    for refused in [
        read_file(&bytes, None, None).map(|_| ()),
        spreadsheet::sheets(&bytes).map(|_| ()),
    ] {
        assert!(
            matches!(refused, Err(ImportError::TooLarge { .. })),
            "{refused:?}"
        );
    }
}

/// The same 2.1 GiB sheet declared as 4 kB, so the directory looks harmless: the zip reader must
/// stop at the declared size, and the cut sheet is damaged.
fn zip_bomb_lying() {
    let (packed, unpacked) = deflate_bomb(SHEET_HEAD, 1_100_000, SHEET_TAIL);
    assert!(unpacked > 2 << 30);
    let bytes = xlsx_with_sheet(&packed, 4096);
    let read = read_file(&bytes, None, None);
    // The zip reader refuses to unpack past the declared size ("File is larger than its
    // declared uncompressed size"), inside calamine's XML reading.
    assert!(
        matches!(read, Err(ImportError::Damaged(Some(_)))),
        "{read:?}"
    );
}

// --- Deep XML ------------------------------------------------------------------------------

const NESTING: usize = 100_000;

/// `depth` nested `<x>` elements around `inner`.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "<x>".repeat(depth), "</x>".repeat(depth))
}

/// An XLSX whose sheet nests 100,000 elements inside a cell and another 100,000 between rows.
fn nested_xlsx() {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is>{}</is></c></row>{}<row r="2"><c r="A2" t="inlineStr"><is><t>after</t></is></c></row></sheetData></worksheet>"#,
        nested(NESTING, "<t>deep</t>"),
        nested(NESTING, "")
    );
    // Stored: deflated, such repetitive XML packs over 100:1 and is refused as a zip bomb.
    let bytes = xlsx_with_stored_sheet(sheet.as_bytes());
    // Read as streams: the nesting costs nothing, the text inside is found, nothing else.
    assert_rows(&bytes, &[(1, &["Date", "deep"]), (2, &["after"])]);
}

/// An ODS file with 100,000 nested elements inside a cell and another 100,000 between rows.
fn nested_ods() {
    let rows = format!(
        r#"<table:table-row>{}<table:table-cell office:value-type="string">{}</table:table-cell></table:table-row>{}<table:table-row>{}</table:table-row>"#,
        string_cell("Datum"),
        nested(NESTING, "<text:p>tief</text:p>"),
        nested(NESTING, ""),
        string_cell("danach"),
    );
    // Stored, so that even very repetitive content reaches the XML readers.
    let bytes = ods(&rows, "", Stored);
    assert_rows(&bytes, &[(1, &["Datum", "tief"]), (2, &["danach"])]);
}

/// Asserts that the workbook in `bytes` reads as `expected` (line, cells).
fn assert_rows(bytes: &[u8], expected: &[(usize, &[&str])]) {
    let table = read_file(bytes, None, None).expect("readable");
    let rows: Vec<(usize, Vec<String>)> = table.rows().map(|r| (r.line, r.cells.clone())).collect();
    let expected: Vec<(usize, Vec<String>)> = expected
        .iter()
        .map(|(line, cells)| (*line, cells.iter().map(|c| (*c).to_owned()).collect()))
        .collect();
    assert_eq!(rows, expected);
}

// --- Wide and broken text ------------------------------------------------------------------

const MILLION: usize = 1_000_000;

/// A row of a million columns, in the header or below it: refused with the line and count.
fn million_columns(in_header: bool) {
    let wide = vec!["x"; MILLION].join(",");
    let text = if in_header {
        format!("{wide}\n2025-01-02,1.50,Shop\n")
    } else {
        format!("Date,Amount,Payee\n2025-01-02,1.50,Shop\n{wide}\n2025-01-03,2.50,Shop\n")
    };
    let line = if in_header { 1 } else { 3 };
    let read = read_file(text.as_bytes(), None, None);
    assert!(
        matches!(
            read,
            Err(ImportError::TooManyColumns { line: l, count: MILLION, max: MAX_COLUMNS }) if l == line
        ),
        "{read:?}"
    );
    let message = read.expect_err("refused").to_string();
    assert_eq!(
        message,
        format!("Row {line} has 1000000 columns; Coffer reads at most 64.")
    );
}

/// A UTF-8 export with a byte that is not UTF-8 in the middle or in the header: refused with the
/// line (read as Windows-1252, every accented letter would silently turn into two). The same
/// byte in an export that is otherwise plain ASCII reads as Windows-1252: one letter, every row.
fn invalid_utf8(in_header: bool) {
    let line = if in_header { 1 } else { 3 };
    let export = |rows: [&str; 4]| {
        let mut rows: Vec<Vec<u8>> = rows.iter().map(|r| r.as_bytes().to_vec()).collect();
        rows[line - 1].extend(b" \xFF");
        rows.join(&b"\r\n"[..])
    };
    let utf8 = export([
        "Datum;Betrag;Empfänger",
        "03.03.2025;-4,20;Bäckerei Müller",
        "14.03.2025;-61,05;Supermarkt",
        "20.03.2025;-3,50;Café",
    ]);
    let read = read_file(&utf8, None, None);
    assert!(
        matches!(read, Err(ImportError::NotUtf8 { line: l }) if l == line),
        "{read:?}"
    );
    assert_eq!(
        read.expect_err("refused").to_string(),
        format!(
            "Line {line} is not valid UTF-8: the file is damaged or mixes encodings. Fix that line, or choose another encoding."
        )
    );

    let ascii = export([
        "Datum;Betrag;Verwendungszweck",
        "03.03.2025;-4,20;Baeckerei Mueller",
        "14.03.2025;-61,05;Supermarkt",
        "20.03.2025;-3,50;Cafe",
    ]);
    let table = read_file(&ascii, None, None).expect("Windows-1252");
    let rows: Vec<_> = table.rows().collect();
    assert_eq!(rows.len(), 4);
    assert!(rows[line - 1].cells[2].ends_with(" ÿ"), "{rows:?}");
    let proposal = propose(&table, eur()).expect("columns");
    let outcomes = convert(&table, &proposal, DateFormat::DayMonthYear, eur());
    assert!(
        outcomes.iter().all(|o| matches!(o, Outcome::Expense(_))) && outcomes.len() == 3,
        "{outcomes:?}"
    );
}

// --- Grids of a billion cells --------------------------------------------------------------

fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend(kind.to_le_bytes());
    out.extend(u16::try_from(data.len()).expect("short").to_le_bytes());
    out.extend(data);
}

fn bof(kind: u16) -> [u8; 16] {
    let mut data = [0; 16];
    data[..2].copy_from_slice(&0x0600u16.to_le_bytes()); // BIFF8
    data[2..4].copy_from_slice(&kind.to_le_bytes());
    data
}

/// An XLS workbook of one sheet made of `sheet_records` (BOF and EOF added).
fn xls(sheet_records: &[u8]) -> Vec<u8> {
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    sheet.extend(sheet_records);
    record(&mut sheet, 0x000A, &[]);
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    let mut xf = [0u8; 20];
    xf[2..4].copy_from_slice(&0u16.to_le_bytes());
    record(&mut globals, 0x00E0, &xf);
    let name = b"Grid";
    let at = globals.len() + 4 + 8 + name.len() + 4;
    let mut bound = u32::try_from(at).expect("small").to_le_bytes().to_vec();
    bound.extend([0, 0, 4, 0]);
    bound.extend(name);
    record(&mut globals, 0x0085, &bound);
    record(&mut globals, 0x000A, &[]);
    globals.extend(sheet);
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("cfb");
    file.create_stream("Workbook")
        .expect("stream")
        .write_all(&globals)
        .expect("write");
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

fn number_cell(row: u16, column: u16) -> Vec<u8> {
    let mut data = Vec::new();
    for field in [row, column, 0] {
        data.extend(field.to_le_bytes());
    }
    data.extend(1.0f64.to_le_bytes());
    let mut out = Vec::new();
    record(&mut out, 0x0203, &data);
    out
}

/// XLS sheets declaring 10^9 cells: a DIMENSIONS record of 4,000,000 rows × 250 columns, and
/// two cells 50,000 rows and 20,000 columns apart. Refused before calamine lays them out.
fn billion_cells_xls() {
    let mut dimensions = Vec::new();
    for field in [0u32, 4_000_000] {
        dimensions.extend(field.to_le_bytes());
    }
    for field in [0u16, 250, 0] {
        dimensions.extend(field.to_le_bytes());
    }
    let mut claims = Vec::new();
    record(&mut claims, 0x0200, &dimensions);
    let corners = [number_cell(0, 0), number_cell(49_999, 19_999)].concat();
    for sheet in [claims, corners] {
        let bytes = xls(&sheet);
        for refused in [
            read_file(&bytes, None, None).map(|_| ()),
            spreadsheet::sheets(&bytes).map(|_| ()),
        ] {
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
    }
}

/// An ODS sheet repeating a row of 1,000 numbers a million times (10^9 cells in under 2 kB).
fn billion_cells_ods() {
    let row = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>"#;
    let bytes = ods(row, "", Stored);
    assert!(bytes.len() < 2048);
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
    assert_eq!(
        refused.expect_err("refused").to_string(),
        "The spreadsheet's sheets span more than 10000000 cells, so Coffer does not open it."
    );
}

// --- A file that changes between preview and commit ----------------------------------------

/// What the app does with a file, as `src-tauri/src/transfer_ops.rs` does it: the whole file is
/// read into memory once (`read_bytes`), parsed, and every later step works on that copy. The
/// preview and the commit each do this from the path, so a commit reads the file as it is then.
fn import(path: &std::path::Path) -> Result<Vec<Outcome>, ImportError> {
    let bytes = std::fs::read(path).expect("readable");
    let table = read_file(&bytes, None, None)?;
    drop(bytes);
    let proposal = propose(&table, eur())?;
    let format = coffer_import::date_format(&table, &proposal).expect("a date format");
    Ok(convert(&table, &proposal, format, eur()))
}

fn changed_between_preview_and_commit() {
    let dir = std::env::temp_dir().join(format!("coffer-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("export.csv");
    let original = "Date,Amount,Payee\n2025-01-02,-1.50,Bakery\n2025-01-03,-20.00,Fuel\n";
    std::fs::write(&path, original).expect("write");
    let preview = import(&path).expect("preview");
    assert_eq!(preview.len(), 2);

    // Rows added: the commit imports the file as it is now, consistently (every row of it).
    std::fs::write(&path, format!("{original}2025-01-04,-5.00,Kiosk\n")).expect("write");
    let commit = import(&path).expect("commit");
    assert_eq!(commit.len(), 3);
    assert_eq!(commit[..2], preview[..], "the rows both saw are the same");

    // Cut in the middle of a row (a copy still being written): here the cut row lacks its
    // payee, a problem named by its line. (Cut inside its last cell, it would read as that
    // shorter text: nothing in the bytes tells a cut.)
    let cut = "Date,Amount,Payee\n2025-01-02,-1.50,Bakery\n2025-01-03,-20.0";
    std::fs::write(&path, cut).expect("write");
    let commit = import(&path).expect("commit");
    assert_eq!(commit[0], preview[0]);
    assert!(
        matches!(&commit[1], Outcome::Problem(p) if p.line == 3 && p.column == "Payee"
            && p.reason == "the description is empty"),
        "{:?}",
        commit[1]
    );
    // Cut inside a quoted field: the rest of the file is that field; the row is a problem.
    std::fs::write(&path, "Date,Amount,Payee\n2025-01-02,-1.50,\"Bakery").expect("write");
    let commit = import(&path);
    assert!(
        matches!(&commit, Ok(o) if o.len() == 1 && matches!(o[0], Outcome::Expense(_)))
            || matches!(&commit, Err(ImportError::Csv(_))),
        "{commit:?}"
    );

    // Replaced by something else entirely: a clear error, nothing half-imported.
    std::fs::write(&path, b"").expect("write");
    assert!(matches!(import(&path), Err(ImportError::Empty)));
    std::fs::write(
        &path,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    )
    .expect("write");
    assert!(matches!(import(&path), Err(ImportError::NotText)));
    std::fs::write(&path, "Name,Email\nAda,ada@example.invalid\n").expect("write");
    assert!(matches!(import(&path), Err(ImportError::NoColumns)));

    // Grown while being read: each read is one snapshot, whole rows only at its end. A writer
    // appends rows while the file is read again and again; every read parses consistently.
    std::fs::write(&path, "Date,Amount,Payee\n").expect("write");
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("open");
            for i in 0..20_000 {
                writeln!(
                    file,
                    "2025-02-{:02},-{}.{:02},Shop {i}",
                    i % 28 + 1,
                    i % 90 + 1,
                    i % 100
                )
                .expect("append");
            }
        })
    };
    let mut reads = 0;
    while !writer.is_finished() || reads == 0 {
        let bytes = std::fs::read(&path).expect("read");
        if let Ok(table) = read_file(&bytes, None, None)
            && let Ok(proposal) = propose(&table, eur())
        {
            let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, eur());
            // Only the last row can be cut short by the snapshot.
            let problems = outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::Problem(_)))
                .count();
            assert!(problems <= 1, "{problems} problems in one snapshot");
        }
        reads += 1;
    }
    writer.join().expect("writer");
    std::fs::remove_dir_all(&dir).expect("cleaned up");
}

// --- Rows the ledger would refuse ----------------------------------------------------------

/// Found by fuzzing: a row whose text the ledger refuses (control characters, notes over 2000
/// characters) was shown as an expense in the preview, and the commit then failed as a whole.
/// Now each is a problem naming its line and column.
fn fields_the_ledger_refuses() {
    let long = "n".repeat(2_001);
    let text = format!(
        "Date,Amount,Payee,Category,Notes\n\
         2025-01-02,-1.50,Bakery,Food,\n\
         2025-01-03,-2.50,Ba\u{1}kery,Food,\n\
         2025-01-04,-3.50,Bakery,Fo\u{7f}od,\n\
         2025-01-05,-4.50,Bakery,Food,{long}\n\
         2025-01-06,-5.50,Bakery,Food,\"two\nlines\"\n"
    );
    let table = read_file(text.as_bytes(), None, None).expect("readable");
    let proposal = propose(&table, eur()).expect("columns");
    let outcomes = convert(&table, &proposal, DateFormat::YearMonthDay, eur());
    let problems: Vec<(usize, &str, &str)> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Problem(p) => Some((p.line, p.column.as_str(), p.reason.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        problems,
        [
            (
                3,
                "Payee",
                "the description cannot contain line breaks or control characters"
            ),
            (
                4,
                "Category",
                "the category cannot contain control characters"
            ),
            (
                5,
                "Notes",
                "notes have at most 2000 characters (these have 2001)"
            ),
        ]
    );
    let expenses: Vec<usize> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Expense(e) => {
                assert!(e.fields(coffer_ledger::CategoryId(1)).is_ok());
                Some(e.line)
            }
            _ => None,
        })
        .collect();
    assert_eq!(expenses, [2, 6], "notes may hold a line break");
}

// --- The tests -----------------------------------------------------------------------------

#[test]
fn a_zip_bomb_declaring_gigabytes_is_refused_in_bounded_memory() {
    bounded("zip_bomb_declared");
}

#[test]
fn a_zip_bomb_lying_about_its_size_is_cut_at_the_declared_size() {
    bounded("zip_bomb_lying");
}

#[test]
fn a_hundred_thousand_nested_elements_in_an_xlsx_are_bounded() {
    bounded("nested_xlsx");
}

#[test]
fn a_hundred_thousand_nested_elements_in_an_ods_are_bounded() {
    bounded("nested_ods");
}

#[test]
fn a_row_of_a_million_columns_is_refused_with_its_line() {
    bounded("million_columns_row");
}

#[test]
fn a_header_of_a_million_columns_is_refused_with_its_line() {
    bounded("million_columns_header");
}

#[test]
fn invalid_utf8_in_the_middle_names_its_line() {
    bounded("invalid_utf8_middle");
}

#[test]
fn invalid_utf8_in_the_header_names_its_line() {
    bounded("invalid_utf8_header");
}

#[test]
fn an_xls_declaring_a_billion_cells_is_refused() {
    bounded("billion_cells_xls");
}

#[test]
fn an_ods_repeating_into_a_billion_cells_is_refused() {
    bounded("billion_cells_ods");
}

#[test]
fn a_file_changed_between_preview_and_commit_reads_consistently() {
    bounded("changed_between_preview_and_commit");
}

#[test]
fn rows_the_ledger_would_refuse_are_problems_in_the_preview() {
    bounded("fields_the_ledger_refuses");
}
