//! Delimited text to rows of cells: the delimiter (comma, semicolon, tab or pipe) is the one that
//! splits the most lines into the same number of columns, so preamble lines above the header do
//! not fool it. Limits on columns and field length refuse corrupt or hostile files early.

use crate::error::ImportError;
use crate::{MAX_COLUMNS, MAX_FIELD_CHARS};

/// The delimiters Coffer recognises, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many lines the delimiter is guessed from.
const SNIFF_LINES: usize = 100;

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The most likely delimiter of `text`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (0usize, 0usize, b',');
    for delimiter in DELIMITERS {
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        for record in reader(text, delimiter).records().take(SNIFF_LINES) {
            let Ok(record) = record else { break };
            if record.len() > 1 {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        // Lines agreeing on one column count, then the count itself.
        if let Some((&columns, &lines)) = counts.iter().max_by_key(|(c, n)| (**n, **c))
            && (lines, columns) > (best.0, best.1)
        {
            best = (lines, columns, delimiter);
        }
    }
    best.2
}

/// One row of the file, cells trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its 1-based line number in the file (blank lines are skipped but counted, so this is
    /// what the person sees in a text editor).
    pub line: usize,
    /// Its cells.
    pub cells: Vec<String>,
}

/// The rows of `text` split by `delimiter`, parsed as they are read (the text is kept, rows are
/// not), with the line numbers a text editor shows: counted from where each record starts, since
/// the CSV reader's own count skips blank lines.
pub struct TextRows<'a> {
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    bytes: &'a [u8],
    line: usize,
    counted_to: usize,
    end: usize,
}

impl<'a> TextRows<'a> {
    /// Rows of `text`.
    pub fn new(text: &'a str, delimiter: u8) -> Self {
        Self {
            reader: reader(text, delimiter),
            record: csv::StringRecord::new(),
            bytes: text.as_bytes(),
            line: 1,
            counted_to: 0,
            end: 0,
        }
    }

    /// The next record and its line, borrowed, or the reader's error.
    fn next_record(&mut self) -> Result<Option<(usize, &csv::StringRecord)>, ImportError> {
        let mut start = self.end;
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if !self.reader.read_record(&mut self.record)? {
            return Ok(None);
        }
        self.end = usize::try_from(self.reader.position().byte()).unwrap_or(self.bytes.len());
        self.line += line_breaks(self.bytes, self.counted_to..start.max(self.counted_to));
        self.counted_to = start.max(self.counted_to);
        Ok(Some((self.line, &self.record)))
    }
}

/// How many line breaks `bytes[range]` holds, as a text editor counts them: `\n`, `\r\n`, and
/// a lone `\r` (old Mac files; the CSV reader ends a record at each of them too).
fn line_breaks(bytes: &[u8], range: std::ops::Range<usize>) -> usize {
    range
        .filter(|&i| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        })
        .count()
}

impl Iterator for TextRows<'_> {
    type Item = Row;

    /// Stops at the end, or at a record the reader refuses ([`check`] has refused such a text
    /// before anyone iterates it).
    fn next(&mut self) -> Option<Row> {
        let (line, record) = self.next_record().ok()??;
        Some(Row {
            line,
            cells: record.iter().map(|f| f.trim().to_owned()).collect(),
        })
    }
}

/// Checks every row of `text` against the limits (columns, field length) and that there is
/// something in it, without keeping any row.
pub fn check(text: &str, delimiter: u8) -> Result<(), ImportError> {
    let mut rows = TextRows::new(text, delimiter);
    let mut any = false;
    while let Some((line, record)) = rows.next_record()? {
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line,
                count: record.len(),
                max: MAX_COLUMNS,
            });
        }
        // Bytes bound characters from above (and from below, at 4 bytes each): count only when
        // it matters.
        let too_long = |f: &str| {
            f.len() > MAX_FIELD_CHARS
                && (f.len() > 4 * MAX_FIELD_CHARS || f.chars().count() > MAX_FIELD_CHARS)
        };
        if record.iter().any(too_long) {
            return Err(ImportError::FieldTooLong {
                line,
                max: MAX_FIELD_CHARS,
            });
        }
        any |= record.iter().any(|f| !f.trim().is_empty());
    }
    if any { Ok(()) } else { Err(ImportError::Empty) }
}

/// Every row of `text` split by `delimiter`, after [`check`].
pub fn rows(text: &str, delimiter: u8) -> Result<Vec<Row>, ImportError> {
    check(text, delimiter)?;
    Ok(TextRows::new(text, delimiter).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_that_splits_lines_alike() {
        assert_eq!(
            sniff_delimiter("Date,Amount,Payee\n2025-01-01,1.5,Shop\n"),
            b','
        );
        assert_eq!(
            sniff_delimiter("Kontonummer: 123;\n\nDatum;Betrag;Text\n01.02.2025;-1,50;Bäcker\n"),
            b';',
            "a comma inside amounts and a preamble do not fool it"
        );
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
    }

    #[test]
    fn line_numbers_are_the_editor_s_even_after_blank_lines() {
        let rows = rows("a;b\r\nc;d\r\n\r\nh;\"two\nlines\"\nx;y\n", b';').expect("rows");
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4, 6]);
        // A lone CR ends a line for the CSV reader and for editors alike (found by fuzzing: two
        // rows shared a line number, and the preview names rows by line).
        let mac = super::rows("a;b\rc;d\r\re;f\r\ng;h", b';').expect("rows");
        let lines: Vec<usize> = mac.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
    }

    #[test]
    fn limits_refuse_hostile_rows() {
        let wide = vec!["x"; MAX_COLUMNS + 1].join(",");
        assert!(matches!(
            rows(&wide, b','),
            Err(ImportError::TooManyColumns { line: 1, .. })
        ));
        let long = format!("a,b\n1,{}\n", "y".repeat(MAX_FIELD_CHARS + 1));
        assert!(matches!(
            rows(&long, b','),
            Err(ImportError::FieldTooLong { line: 2, .. })
        ));
        assert!(matches!(rows("\n\n", b','), Err(ImportError::Empty)));
    }
}
