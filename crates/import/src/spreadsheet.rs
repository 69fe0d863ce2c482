//! Workbooks (XLSX, XLS, ODS) to the same rows of text cells as a text export, so that
//! [`crate::propose`] and [`crate::convert`] read them unchanged. The kind is told from the first
//! bytes, never from the file name. Before calamine opens a file, a zip-based workbook's declared
//! sizes are checked and the grids an ODS or XLS file would make are measured; limits on rows,
//! columns and field length then refuse hostile sheets, and a panic inside calamine on a
//! malformed file becomes [`ImportError::Damaged`].
//!
//! Cells become text as the person sees them, minus display formatting:
//! - text is trimmed; booleans are `TRUE`/`FALSE`; empty and error cells (`#DIV/0!`) are empty;
//! - numbers are plain decimals with a dot and no thousands separator (`-1234.56`), rounded to
//!   10 decimal places and stripped of trailing zeros, so a binary float such as `0.1 + 0.2` reads
//!   `0.3`; a computed amount with more decimals than the currency has is still refused by
//!   [`crate::amounts::parse`], never rounded to cents here;
//! - date cells (a number with a date format, or an ODS date) are `YYYY-MM-DD`, which
//!   [`crate::DateFormat::YearMonthDay`] reads; a time of day is dropped. A number without a date
//!   format stays a number: a whole column of serials is recognised as
//!   [`crate::DateFormat::ExcelSerial`].
//!
//! A row's `line` is its row number in the spreadsheet (1-based, as the program shows it) and a
//! cell's column counts from the sheet's leftmost used column; rows with nothing in them are left
//! out, as blank lines are in a text file.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Cursor, Read};

use calamine::{Data, Ods, OdsError, Reader, Xls, XlsError, Xlsx, XlsxError};

use crate::error::ImportError;
use crate::table::Row;
use crate::{MAX_COLUMNS, MAX_FIELD_CHARS, Source, Table};

/// The first bytes of a zip archive: XLSX and ODS.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file: XLS, and XLSX saved with a password.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The most a zip-based workbook may unpack to, all entries together (1 GiB). A million-row
/// bank export is a few hundred MiB of XML.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;
/// The most an entry may expand relative to its packed size (100:1, as Apache POI allows);
/// spreadsheet XML packs about 5–20:1, a zip bomb about 1000:1.
pub const MAX_RATIO: u64 = 100;
/// Entries that unpack to less than this (1 MiB) are not held to [`MAX_RATIO`]: small, repetitive
/// parts (styles, empty sheets) pack very well and can do no harm.
const RATIO_GRACE_BYTES: u64 = 1 << 20;
/// The most rows with content a sheet may have (Excel itself stops at 1,048,576).
pub const MAX_ROWS: usize = 2_000_000;
/// The most cells, blanks between content included, that the sheets of an ODS or XLS file may
/// span together (ten million: a million rows of ten columns). calamine lays out every sheet of
/// these as a full grid when it opens the file, so a few hundred bytes can otherwise claim
/// gigabytes: one repeated ODS row (`table:number-rows-repeated="6000"`), two XLS cells at
/// opposite corners, or an XLS `DIMENSIONS` record claiming millions of rows.
pub const MAX_GRID_CELLS: u64 = 10_000_000;

/// One sheet of a workbook, for the person to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Its name, as [`read_sheet`] takes it.
    pub name: String,
    /// How many of its rows have content.
    pub rows: usize,
}

/// Whether `bytes` start like a workbook (zip or OLE compound file) rather than text.
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// The sheets of the workbook in `bytes`, in the workbook's order.
pub fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    guard(|| list(bytes))
}

/// Reads one sheet of the workbook in `bytes`: the one named `sheet`, or without a name the first
/// sheet that has content.
pub fn read_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    guard(|| read_named(bytes, sheet))
}

/// Runs `read`, turning a panic into [`ImportError::Damaged`]: calamine indexes some records of
/// a malformed file without checking their length. (Running out of memory cannot be caught: the
/// checks before calamine opens a file are there for that.)
fn guard<T>(read: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or(Err(ImportError::Damaged(None)))
}

fn list(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let mut book = open(bytes)?;
    book.names()
        .into_iter()
        .map(|name| {
            // Cells come row by row, so counting changes of row counts the rows with content.
            let (mut rows, mut last) = (0, None);
            book.cells(&name, |row, _, _| {
                if last != Some(row) {
                    (rows, last) = (rows + 1, Some(row));
                }
                Ok(())
            })?;
            Ok(Sheet { name, rows })
        })
        .collect()
}

fn read_named(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    let mut book = open(bytes)?;
    let names = book.names();
    if let Some(name) = sheet {
        if !names.iter().any(|n| n == name) {
            return Err(ImportError::NoSuchSheet {
                name: name.to_owned(),
            });
        }
        return read(&mut book, name);
    }
    for name in &names {
        match read(&mut book, name) {
            Err(ImportError::Empty) => continue,
            read => return read,
        }
    }
    Err(ImportError::Empty)
}

fn read(book: &mut Workbook<'_>, name: &str) -> Result<Table, ImportError> {
    let mut rows = Rows::new(MAX_ROWS);
    book.cells(name, |row, column, text| rows.push(row, column, text))?;
    Ok(Table::from_rows(
        rows.finish()?,
        Source::Sheet {
            name: name.to_owned(),
        },
    ))
}

/// The rows seen so far, sparse, with the span of columns used.
struct Rows {
    cells: BTreeMap<u32, Vec<(u32, String)>>,
    columns: Option<(u32, u32)>,
    max_rows: usize,
}

impl Rows {
    fn new(max_rows: usize) -> Self {
        Rows {
            cells: BTreeMap::new(),
            columns: None,
            max_rows,
        }
    }

    fn push(&mut self, row: u32, column: u32, text: String) -> Result<(), ImportError> {
        let line = row as usize + 1;
        if text.chars().count() > MAX_FIELD_CHARS {
            return Err(ImportError::FieldTooLong {
                line,
                max: MAX_FIELD_CHARS,
            });
        }
        let (first, last) = self.columns.unwrap_or((column, column));
        let (first, last) = (first.min(column), last.max(column));
        let count = (last - first) as usize + 1;
        if count > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line,
                count,
                max: MAX_COLUMNS,
            });
        }
        self.columns = Some((first, last));
        if !self.cells.contains_key(&row) && self.cells.len() == self.max_rows {
            return Err(ImportError::TooManyRows { max: self.max_rows });
        }
        self.cells.entry(row).or_default().push((column, text));
        Ok(())
    }

    fn finish(self) -> Result<Vec<Row>, ImportError> {
        let Some((first, _)) = self.columns else {
            return Err(ImportError::Empty);
        };
        Ok(self
            .cells
            .into_iter()
            .map(|(row, cells)| {
                let width = cells.iter().map(|(c, _)| c - first + 1).max().unwrap_or(0);
                let mut dense = vec![String::new(); width as usize];
                for (column, text) in cells {
                    dense[(column - first) as usize] = text;
                }
                Row {
                    line: row as usize + 1,
                    cells: dense,
                }
            })
            .collect())
    }
}

/// An open workbook, its kind told from its bytes.
enum Workbook<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

fn open(bytes: &[u8]) -> Result<Workbook<'_>, ImportError> {
    let cursor = Cursor::new(bytes);
    if bytes.starts_with(OLE_MAGIC) {
        check_xls(bytes)?;
        return match Xls::new(cursor) {
            Ok(xls) => Ok(Workbook::Xls(xls)),
            Err(XlsError::Password) => Err(ImportError::Encrypted),
            // An XLSX saved with a password is an OLE file holding the encrypted package.
            Err(_) if matches!(Xlsx::new(Cursor::new(bytes)), Err(XlsxError::Password)) => {
                Err(ImportError::Encrypted)
            }
            Err(err) => Err(damaged(err)),
        };
    }
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(ImportError::Damaged(None));
    }
    let ods = check_zip(bytes)?;
    if ods {
        match Ods::new(cursor) {
            Ok(ods) => Ok(Workbook::Ods(ods)),
            Err(OdsError::Password) => Err(ImportError::Encrypted),
            Err(err) => Err(damaged(err)),
        }
    } else {
        match Xlsx::new(cursor) {
            Ok(xlsx) => Ok(Workbook::Xlsx(xlsx)),
            Err(XlsxError::Password) => Err(ImportError::Encrypted),
            Err(err) => Err(damaged(err)),
        }
    }
}

fn damaged(err: impl std::error::Error + Send + Sync + 'static) -> ImportError {
    ImportError::Damaged(Some(Box::new(err)))
}

/// Refuses a zip whose entries declare more than the caps, from its central directory alone
/// (the zip reader then stops any entry that unpacks beyond what it declared). Returns whether
/// the archive is an OpenDocument file (it has a `mimetype` entry) rather than XLSX.
fn check_zip(bytes: &[u8]) -> Result<bool, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let sizes = (0..archive.len()).map(|i| {
        archive
            .by_index_data(i)
            .map(|entry| (entry.compressed_size(), entry.size()))
            .map_err(damaged)
    });
    check_sizes(sizes)?;
    if archive.index_for_name("mimetype").is_none() {
        return Ok(false);
    }
    let content = archive.by_name("content.xml").map_err(damaged)?;
    if ods_cells(BufReader::new(content))? > MAX_GRID_CELLS {
        return Err(ImportError::TooManyCells {
            max: MAX_GRID_CELLS,
        });
    }
    Ok(true)
}

/// Checks `(packed, unpacked)` entry sizes against [`MAX_UNPACKED_BYTES`] and [`MAX_RATIO`].
fn check_sizes(
    sizes: impl Iterator<Item = Result<(u64, u64), ImportError>>,
) -> Result<(), ImportError> {
    let too_large = ImportError::TooLarge {
        max_mib: MAX_UNPACKED_BYTES >> 20,
        ratio: MAX_RATIO,
    };
    let mut total = 0u64;
    for size in sizes {
        let (packed, unpacked) = size?;
        total = total.saturating_add(unpacked);
        if total > MAX_UNPACKED_BYTES
            || unpacked > RATIO_GRACE_BYTES && unpacked / packed.max(1) > MAX_RATIO
        {
            return Err(too_large);
        }
    }
    Ok(())
}

/// Refuses an XLS file whose sheets calamine would lay out beyond [`MAX_GRID_CELLS`]. An OLE
/// file without a workbook stream is left to calamine to name (password-protected XLSX, or
/// damaged).
fn check_xls(bytes: &[u8]) -> Result<(), ImportError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    let Ok(mut stream) = file
        .open_stream("Workbook")
        .or_else(|_| file.open_stream("Book"))
    else {
        return Ok(());
    };
    let mut workbook = Vec::new();
    stream.read_to_end(&mut workbook).map_err(damaged)?;
    if xls_cells(&workbook) > MAX_GRID_CELLS {
        return Err(ImportError::TooManyCells {
            max: MAX_GRID_CELLS,
        });
    }
    Ok(())
}

/// The records of a BIFF stream, `(type, data)`, up to the first truncated one.
fn biff_records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let [t0, t1, l0, l1, rest @ ..] = stream else {
            return None;
        };
        let len = usize::from(u16::from_le_bytes([*l0, *l1]));
        let data = rest.get(..len)?;
        stream = &rest[len..];
        Some((u16::from_le_bytes([*t0, *t1]), data))
    })
}

fn u16_at(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 2)
        .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 4).map_or(0, |b| {
        u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    })
}

/// How many cells calamine lays out for the sheets of an XLS workbook stream: per sheet (each
/// `BOUNDSHEET` entry, as calamine reads every one), the grid from the first to the last cell,
/// plus the room a `DIMENSIONS` record makes it reserve. It follows calamine's reading: the same
/// cell records, nested substreams (charts) skipped.
fn xls_cells(workbook: &[u8]) -> u64 {
    let sheets = biff_records(workbook)
        .take_while(|(kind, _)| *kind != 0x000A)
        .filter(|(kind, data)| *kind == 0x0085 && data.len() >= 4)
        .map(|(_, data)| u32_at(data, 0));
    sheets
        .map(|at| xls_sheet_cells(workbook.get(at as usize..).unwrap_or_default()))
        .fold(0, u64::saturating_add)
}

fn xls_sheet_cells(sheet: &[u8]) -> u64 {
    let (mut reserved, mut grid) = (0u64, Extent::default());
    let (mut seen_bof, mut nested) = (false, 0usize);
    for (kind, data) in biff_records(sheet) {
        if nested > 0 {
            match kind {
                0x0809 => nested += 1,
                0x000A => nested -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            0x0809 if seen_bof => nested += 1,
            0x0809 => seen_bof = true,
            // DIMENSIONS, read as calamine does (first row, past the last row, columns alike).
            0x0200 => {
                let (first_row, past_row, mut first_col, past_col) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => continue,
                };
                if first_col > 0xFF || past_col < first_col {
                    first_col = 0;
                }
                let cells = if past_row == 0 || past_col == 0 {
                    1
                } else if past_row < first_row {
                    // calamine's count of rows would wrap around.
                    u64::MAX
                } else {
                    (past_row - first_row).saturating_mul(past_col - first_col)
                };
                reserved = reserved.saturating_add(cells);
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA: row, then column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                grid.cell(u16_at(data, 0), u16_at(data, 2));
            }
            // MULRK: a row, its first column, ..., its last column.
            0x00BD if data.len() >= 6 => {
                let (first, last) = (u16_at(data, 2), u16_at(data, data.len() - 2));
                if last < first {
                    return u64::MAX;
                }
                grid.cell(u16_at(data, 0), first);
                grid.cell(u16_at(data, 0), last);
            }
            0x000A => break,
            _ => {}
        }
    }
    reserved.saturating_add(grid.cells())
}

/// The smallest block of cells holding every cell seen: `(first row, last row, first column,
/// last column)`.
#[derive(Default)]
struct Extent(Option<(u64, u64, u64, u64)>);

impl Extent {
    fn cell(&mut self, row: u64, column: u64) {
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, column, column));
        self.0 = Some((r0.min(row), r1.max(row), c0.min(column), c1.max(column)));
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            (r1 - r0 + 1).saturating_mul(c1 - c0 + 1)
        })
    }
}

/// How many cells the tables of an ODS `content.xml` span once their repeated rows and cells are
/// expanded: per table, from the first to the last row with content, by the widest content. It
/// is an upper bound of what calamine builds, read from the XML stream without building anything.
fn ods_cells(content: impl BufRead) -> Result<u64, ImportError> {
    use quick_xml::events::{BytesStart, Event};

    let repeats = |e: &BytesStart<'_>, name: &str| {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse::<u64>().ok())
            .unwrap_or(1)
    };
    // Any of these makes a cell non-empty for calamine (even an empty string value).
    let has_value = |e: &BytesStart<'_>| {
        e.attributes().flatten().any(|a| {
            let key = a.key.as_ref();
            key.starts_with("office:") && key != "office:currency" || key == "table:formula"
        })
    };
    let mut xml = quick_xml::Reader::from_reader(content);
    // As lenient as calamine, so that whatever it reads is measured.
    xml.config_mut().check_end_names = false;
    xml.config_mut().check_comments = false;
    let (mut buf, mut skipped) = (Vec::new(), Vec::new());
    let (mut total, mut table) = (0u64, Grid::default());
    // The row being read: how often it repeats, columns so far, where its content ends.
    let (mut repeated, mut column, mut end) = (1u64, 0u64, 0u64);
    loop {
        let event = xml.read_event_into(&mut buf).map_err(damaged)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => table = Grid::default(),
                "table:table-row" => {
                    (repeated, column, end) = (repeats(e, "table:number-rows-repeated"), 0, 0);
                    if matches!(event, Event::Empty(_)) {
                        table.row(repeated, end);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    column = column.saturating_add(repeats(e, "table:number-columns-repeated"));
                    if has_value(e) {
                        end = column;
                    }
                    if matches!(event, Event::Start(_)) {
                        // Its content (text, a note, even a table) is no part of the grid, as
                        // for calamine.
                        let close = e.to_end().into_owned();
                        xml.read_to_end_into(close.name(), &mut skipped)
                            .map_err(damaged)?;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => table.row(repeated, end),
            Event::End(e) if e.name().as_ref() == "table:table" => {
                total = total.saturating_add(table.cells());
            }
            Event::Eof => return Ok(total),
            _ => {}
        }
        buf.clear();
    }
}

/// What [`ods_cells`] has read of one table.
#[derive(Default)]
struct Grid {
    /// Rows so far.
    rows: u64,
    /// The rows with content, from the first to past the last.
    content: Option<(u64, u64)>,
    /// The widest content, in columns.
    width: u64,
}

impl Grid {
    /// A row, `repeated` times, whose content ends at column `end` (0 when it has none).
    fn row(&mut self, repeated: u64, end: u64) {
        let next = self.rows.saturating_add(repeated);
        if end > 0 {
            let first = self.content.map_or(self.rows, |(first, _)| first);
            self.content = Some((first, next));
            self.width = self.width.max(end);
        }
        self.rows = next;
    }

    fn cells(&self) -> u64 {
        self.content
            .map_or(0, |(first, past)| (past - first).saturating_mul(self.width))
    }
}

impl Workbook<'_> {
    fn names(&self) -> Vec<String> {
        match self {
            Workbook::Xlsx(book) => book.sheet_names(),
            Workbook::Xls(book) => book.sheet_names(),
            Workbook::Ods(book) => book.sheet_names(),
        }
    }

    /// Calls `each` with the 0-based row and column and the text of every cell of sheet `name`
    /// that has any, row by row. XLSX is streamed cell by cell, so a hostile sheet that claims
    /// the far corner of the grid costs nothing; XLS and ODS arrive whole from calamine.
    fn cells(
        &mut self,
        name: &str,
        mut each: impl FnMut(u32, u32, String) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        let range = match self {
            Workbook::Xlsx(book) => {
                let mut reader = match book.worksheet_cells_reader(name) {
                    Ok(reader) => reader,
                    // A chart sheet: no cells.
                    Err(XlsxError::NotAWorksheet(_)) => return Ok(()),
                    Err(err) => return Err(damaged(err)),
                };
                while let Some(cell) = reader.next_cell().map_err(damaged)? {
                    let (row, column) = cell.get_position();
                    let text = text(&Data::from(cell.get_value().clone()));
                    if !text.is_empty() {
                        each(row, column, text)?;
                    }
                }
                return Ok(());
            }
            Workbook::Xls(book) => book.worksheet_range(name).map_err(damaged)?,
            Workbook::Ods(book) => book.worksheet_range(name).map_err(damaged)?,
        };
        let (top, left) = range.start().unwrap_or_default();
        for (row, column, value) in range.used_cells() {
            let text = text(value);
            if !text.is_empty() {
                // Positions within a range fit the u32 its corners are.
                each(top + row as u32, left + column as u32, text)?;
            }
        }
        Ok(())
    }
}

/// A cell as text (see the module documentation).
fn text(value: &Data) -> String {
    match value {
        Data::String(text) => text.trim().to_owned(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => decimal(*number),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(when) if when.is_datetime() => {
            let (year, month, day, ..) = when.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTime(duration) => decimal(duration.as_f64()),
        Data::DateTimeIso(when) => when.split('T').next().unwrap_or_default().to_owned(),
        Data::DurationIso(duration) => duration.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// `number` rounded to 10 decimal places, without trailing zeros: `12.5`, `-1234.56`, `0.3`.
fn decimal(number: f64) -> String {
    let text = format!("{number:.10}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" { "0" } else { text }.to_owned()
}

#[cfg(test)]
mod tests {
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    use super::*;

    #[test]
    fn numbers_read_as_the_person_sees_them() {
        assert_eq!(decimal(0.1 + 0.2), "0.3");
        assert_eq!(decimal(12.5), "12.5");
        assert_eq!(decimal(-1234.56), "-1234.56");
        assert_eq!(decimal(45730.0), "45730");
        assert_eq!(decimal(-0.000_000_000_01), "0", "no negative zero");
        assert_eq!(decimal(1e15), "1000000000000000", "no exponent");
        assert_eq!(text(&Data::Int(-7)), "-7");
    }

    #[test]
    fn other_cells_read_as_text_or_nothing() {
        let date = |value, kind| Data::DateTime(ExcelDateTime::new(value, kind, false));
        assert_eq!(
            text(&date(45730.75, ExcelDateTimeType::DateTime)),
            "2025-03-14",
            "the time of day is dropped"
        );
        assert_eq!(
            text(&Data::DateTime(ExcelDateTime::new(
                44268.0,
                ExcelDateTimeType::DateTime,
                true
            ))),
            "2025-03-14",
            "the 1904 date system"
        );
        assert_eq!(text(&date(1.5, ExcelDateTimeType::TimeDelta)), "1.5");
        assert_eq!(
            text(&Data::DateTimeIso("2025-03-14T10:30:00".into())),
            "2025-03-14"
        );
        assert_eq!(text(&Data::String("  Café \n".into())), "Café");
        assert_eq!(text(&Data::Bool(true)), "TRUE");
        assert_eq!(text(&Data::Error(CellErrorType::Div0)), "");
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn declared_sizes_beyond_the_caps_are_refused() {
        let check = |sizes: &[(u64, u64)]| check_sizes(sizes.iter().map(|s| Ok(*s)));
        assert!(check(&[(100, 5_000), (200_000, 2_000_000)]).is_ok());
        assert!(
            check(&[(10, 1_000_000)]).is_ok(),
            "a small entry may pack very well"
        );
        assert!(matches!(
            check(&[(20_000, 2_020_000)]),
            Err(ImportError::TooLarge { .. })
        ));
        let big = MAX_UNPACKED_BYTES / 2 + 1;
        assert!(matches!(
            check(&[(big / 10, big), (big / 10, big)]),
            Err(ImportError::TooLarge { .. })
        ));
    }

    #[test]
    fn ods_tables_are_measured_with_their_repeats() {
        let cells = |xml: &str| ods_cells(xml.as_bytes()).expect("xml");
        let text =
            r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        let blank = r#"<table:table-cell table:number-columns-repeated="1024"/>"#;
        let table = format!(
            r#"<table:table table:name="A">
            <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
            <table:table-row>{text}{text}{text}{blank}</table:table-row>
            <table:table-row table:number-rows-repeated="2">{blank}</table:table-row>
            <table:table-row table:number-rows-repeated="4"/>
            <table:table-row><table:table-cell table:number-columns-repeated="2"/>{text}</table:table-row>
            <table:table-row table:number-rows-repeated="1048000">{blank}</table:table-row>
            </table:table>"#
        );
        assert_eq!(
            cells(&table),
            8 * 3,
            "rows 4 to 11 by three columns; blanks around them do not count"
        );
        let bomb = r#"<table:table><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert_eq!(cells(bomb), 6000 * 16384);
        let hidden = r#"<table:table><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p><table:table><table:table-row/></table:table></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(
            cells(hidden),
            6000 * 16384,
            "a table inside a cell hides nothing"
        );
        assert_eq!(
            cells(&format!(
                "<office:spreadsheet>{table}{table}</office:spreadsheet>"
            )),
            2 * 8 * 3,
            "every sheet counts, since calamine expands them all"
        );
        assert_eq!(cells("<table:table/>"), 0);
    }

    #[test]
    fn xls_sheets_are_measured_as_calamine_lays_them_out() {
        let record = |kind: u16, data: &[u8]| {
            let mut out = kind.to_le_bytes().to_vec();
            out.extend(u16::try_from(data.len()).expect("short").to_le_bytes());
            out.extend(data);
            out
        };
        let cell = |row: u16, column: u16| {
            let mut data = [0u8; 14];
            data[..2].copy_from_slice(&row.to_le_bytes());
            data[2..4].copy_from_slice(&column.to_le_bytes());
            record(0x0203, &data)
        };
        let (bof, eof) = (record(0x0809, &[0, 6, 0x10, 0]), record(0x000A, &[]));
        let sheet =
            |records: &[Vec<u8>]| xls_sheet_cells(&[&bof[..], &records.concat(), &eof].concat());
        assert_eq!(sheet(&[cell(2, 1), cell(11, 4)]), 10 * 4);
        let chart = [bof.clone(), cell(60_000, 200), eof.clone()].concat();
        assert_eq!(
            sheet(&[cell(2, 1), chart]),
            1,
            "an embedded chart's records are skipped"
        );
        let dimensions = |rows: [u16; 2], columns: [u16; 2]| {
            let fields = [rows[0], rows[1], columns[0], columns[1], 0];
            record(
                0x0200,
                &fields
                    .iter()
                    .flat_map(|f| f.to_le_bytes())
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(sheet(&[dimensions([0, 100], [0, 5])]), 500);
        assert_eq!(
            sheet(&[dimensions([10, 5], [0, 5])]),
            u64::MAX,
            "calamine's row count would wrap around"
        );
        let mut backwards = vec![0u8; 12];
        backwards[2..4].copy_from_slice(&9u16.to_le_bytes());
        backwards[10..12].copy_from_slice(&3u16.to_le_bytes());
        assert_eq!(sheet(&[record(0x00BD, &backwards)]), u64::MAX);
        let globals = |at: u32| {
            [
                &bof[..],
                &record(
                    0x0085,
                    &[&at.to_le_bytes()[..], &[0, 0, 1, 0, b'S']].concat(),
                ),
                &eof,
            ]
            .concat()
        };
        let head = globals(0).len() as u32;
        let one = [
            globals(head),
            bof.clone(),
            cell(0, 0),
            cell(99, 9),
            eof.clone(),
        ]
        .concat();
        assert_eq!(xls_cells(&one), 1000);
    }

    #[test]
    fn rows_are_checked_as_they_come() {
        let mut rows = Rows::new(3);
        rows.push(0, 3, "a".into()).expect("first cell");
        rows.push(5, 3 + MAX_COLUMNS as u32 - 1, "b".into())
            .expect("exactly as wide as allowed");
        assert!(matches!(
            rows.push(6, 2, "c".into()),
            Err(ImportError::TooManyColumns { line: 7, count, .. }) if count == MAX_COLUMNS + 1
        ));
        assert!(matches!(
            rows.push(7, 3, "x".repeat(MAX_FIELD_CHARS + 1)),
            Err(ImportError::FieldTooLong { line: 8, .. })
        ));
        rows.push(5, 4, "same row".into())
            .expect("a row already counted");
        rows.push(9, 3, "third".into()).expect("a third row");
        assert!(matches!(
            rows.push(10, 3, "fourth".into()),
            Err(ImportError::TooManyRows { max: 3 })
        ));
        let built = rows.finish().expect("rows");
        assert_eq!(
            built[0],
            Row {
                line: 1,
                cells: vec!["a".into()]
            }
        );
        assert_eq!(built[1].line, 6);
        assert_eq!(built[1].cells.len(), MAX_COLUMNS);
        assert_eq!(built[1].cells[..2], ["", "same row"]);
        assert_eq!(built[2].line, 10);
        assert!(matches!(Rows::new(1).finish(), Err(ImportError::Empty)));
    }
}
