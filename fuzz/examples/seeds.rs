//! Writes the seed corpora under fuzz/corpus/ (small, real-looking bank exports, amounts and
//! dates), so they can be regenerated rather than edited by hand:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds` (from the repository root).

use std::io::{Cursor, Write};
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use zip::write::SimpleFileOptions;

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    std::fs::create_dir_all(&dir).expect("corpus folder");
    std::fs::write(dir.join(name), bytes).expect("seed");
}

fn main() {
    for (name, text) in CSV {
        write("csv", name, text);
    }
    write("spreadsheet", "bank.xlsx", &xlsx());
    write("spreadsheet", "bank.ods", &ods());
    write("spreadsheet", "bank.xls", &xls());
    for (i, amount) in AMOUNTS.iter().enumerate() {
        write("amounts", &format!("amount-{i:02}"), amount.as_bytes());
    }
    for (i, date) in DATES.iter().enumerate() {
        write("dates", &format!("date-{i:02}"), date.as_bytes());
    }
}

const CSV: &[(&str, &[u8])] = &[
    (
        "german-cp1252.csv",
        b"Kontoinhaber;Erika Mustermann\r\n\r\nBuchungstag;Valuta;Buchungstext;Verwendungszweck;Betrag (EUR)\r\n\
03.03.2025;03.03.2025;Lastschrift;B\xe4ckerei M\xfcller;-4,20\r\n\
05.03.2025;05.03.2025;Gutschrift;Gehalt;2.500,00\r\n\
;;;Kontostand am 31.03.2025;1.176,24\r\n",
    ),
    (
        "us-card.csv",
        b"Transaction Date,Posted Date,Description,Category,Debit,Credit\n\
03/14/2025,03/15/2025,\"STARBUCKS #123, SEATTLE\",Dining,5.75,\n\
03/20/2025,03/21/2025,AMAZON MKTPLACE,Shopping,\"1,024.99\",\n\
03/22/2025,03/22/2025,PAYMENT THANK YOU,,,500.00\n",
    ),
    (
        "uk-utf8-bom.csv",
        "\u{feff}Date,Payee,Amount,Memo,Payment method\n14/03/2025,Caf\u{e9} Nero,\u{a3}3.50,\"two\nlines\",card\n25/03/2025,Rent,(850.00),,transfer\nTotal,,(853.50),,\n"
            .as_bytes(),
    ),
    (
        "tabs.tsv",
        b"date\tamount\tdescription\tcategory\n2025-01-02\t-12.40\tTrain\tTravel\n2025-01-03\t-3\tCoffee\tFood\n",
    ),
    (
        "pipes-serials.csv",
        b"Datum|Betrag|Empf\xc3\xa4nger\n45730|-1 234,56 \xe2\x82\xac|Supermarkt\n45731|\xe2\x88\x925|Kiosk\n",
    ),
    (
        "utf16le.csv",
        b"\xff\xfeD\0a\0t\0e\0,\0A\0m\0o\0u\0n\0t\0,\0P\0a\0y\0e\0e\0\n\x002\x000\x002\x005\x00-\x000\x001\x00-\x000\x002\x00,\x00-\x001\x00.\x005\x00,\x00X\x00\n\x00",
    ),
];

const AMOUNTS: &[&str] = &[
    "-1.234,56",
    "1,234.56",
    "1 234,56 \u{20ac}",
    "(12.00)",
    "12.00-",
    "\u{2212}5",
    "$3.50",
    "EUR 7,10",
    "1'234.50",
    "+0,99",
    "999999999.99",
    "12.345",
    "1\u{a0}000",
];

const DATES: &[&str] = &[
    "2025-03-14",
    "2025-03-14T09:30:00Z",
    "14.03.2025",
    "1/3/2025 10:00",
    "03/14/2025",
    "45730",
    "45730.75",
    "29.02.2024",
    "31.02.2025",
    "2025/13/01",
];

/// A bank export as banks write XLSX: a title, a blank row, the header, date cells, numbers.
fn xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    // A fixed creation time, so that regenerating gives the same bytes.
    let created = ExcelDateTime::from_ymd(2025, 3, 31).expect("date");
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    let iso = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "Statement").expect("title");
    for (column, header) in (0..).zip(["Date", "Description", "Category", "Amount"]) {
        sheet.write_string(2, column, header).expect("header");
    }
    let rows = [
        ((2025, 3, 3), "Bakery", "Food", -4.2),
        ((2025, 3, 5), "Salary", "", 2500.0),
        ((2025, 3, 14), "Supermarket", "Groceries", -1234.56),
    ];
    for (row, ((y, m, d), text, category, amount)) in (3..).zip(rows) {
        let date = ExcelDateTime::from_ymd(y, m, d).expect("date");
        sheet
            .write_datetime_with_format(row, 0, date, &iso)
            .expect("date");
        sheet.write_string(row, 1, text).expect("text");
        sheet.write_string(row, 2, category).expect("text");
        sheet.write_number(row, 3, amount).expect("number");
    }
    book.save_to_buffer().expect("xlsx")
}

/// An ODS file as LibreOffice writes it, reduced to what a reader needs.
fn ods() -> Vec<u8> {
    let cell = |text: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
        )
    };
    let date = |iso: &str| {
        format!(r#"<table:table-cell office:value-type="date" office:date-value="{iso}"/>"#)
    };
    let number = |value: &str| {
        format!(r#"<table:table-cell office:value-type="float" office:value="{value}"/>"#)
    };
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(&[cell("Datum"), cell("Empfänger"), cell("Betrag")]),
        row(&[date("2025-03-03"), cell("Bäckerei"), number("-4.2")]),
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>"#.to_owned(),
        row(&[date("2025-03-14T10:30:00"), cell("Tankstelle"), number("-61.05")]),
    ]
    .concat();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="Umsätze">{rows}</table:table></office:spreadsheet></office:body>
</office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
</manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("entry");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", SimpleFileOptions::default())
        .expect("entry");
    zip.write_all(content.as_bytes()).expect("write");
    zip.start_file("META-INF/manifest.xml", SimpleFileOptions::default())
        .expect("entry");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.finish().expect("zip").into_inner()
}

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

/// An XLS file (BIFF8 in an OLE compound file): globals with a general and a date format, one
/// sheet with a header, two dated rows and a totals row.
fn xls() -> Vec<u8> {
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    let text = |out: &mut Vec<u8>, row: u16, column: u16, text: &str| {
        let mut data = Vec::new();
        let len = u16::try_from(text.len()).expect("short");
        for field in [row, column, 0, len] {
            data.extend(field.to_le_bytes());
        }
        data.push(0);
        data.extend(text.bytes());
        record(out, 0x0204, &data);
    };
    let number = |out: &mut Vec<u8>, row: u16, column: u16, value: f64, date: bool| {
        let mut data = Vec::new();
        for field in [row, column, u16::from(date)] {
            data.extend(field.to_le_bytes());
        }
        data.extend(value.to_le_bytes());
        record(out, 0x0203, &data);
    };
    text(&mut sheet, 0, 0, "Datum");
    text(&mut sheet, 0, 1, "Buchungstext");
    text(&mut sheet, 0, 2, "Betrag");
    number(&mut sheet, 1, 0, 45719.0, true);
    text(&mut sheet, 1, 1, "Baeckerei");
    number(&mut sheet, 1, 2, -4.2, false);
    number(&mut sheet, 2, 0, 45730.0, true);
    text(&mut sheet, 2, 1, "Supermarkt");
    number(&mut sheet, 2, 2, -1234.56, false);
    text(&mut sheet, 3, 0, "Summe");
    number(&mut sheet, 3, 2, -1238.76, false);
    record(&mut sheet, 0x000A, &[]);

    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    for number_format in [0u16, 14] {
        let mut xf = [0u8; 20];
        xf[2..4].copy_from_slice(&number_format.to_le_bytes());
        record(&mut globals, 0x00E0, &xf);
    }
    let name = "Konto";
    let at = globals.len() + 4 + 8 + name.len() + 4;
    let mut data = u32::try_from(at).expect("small").to_le_bytes().to_vec();
    data.extend([0, 0, u8::try_from(name.len()).expect("short"), 0]);
    data.extend(name.bytes());
    record(&mut globals, 0x0085, &data);
    record(&mut globals, 0x000A, &[]);
    globals.extend(sheet);

    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .expect("cfb");
    file.create_stream("Workbook")
        .expect("stream")
        .write_all(&globals)
        .expect("write");
    file.flush().expect("flush");
    file.into_inner().into_inner()
}
