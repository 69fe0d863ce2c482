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

/// Reads every row of `text` split by `delimiter`.
pub fn rows(text: &str, delimiter: u8) -> Result<Vec<Row>, ImportError> {
    let mut rows = Vec::new();
    let mut reader = reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    // Line numbers are counted here, from where each record starts (after the previous one and
    // any blank lines): the CSV reader's own count skips blank lines, and the person compares
    // with what a text editor shows.
    let bytes = text.as_bytes();
    let (mut line, mut counted_to, mut end) = (1usize, 0usize, 0usize);
    loop {
        let mut start = end;
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if !reader.read_record(&mut record)? {
            break;
        }
        end = usize::try_from(reader.position().byte()).unwrap_or(bytes.len());
        line += bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line,
                count: record.len(),
                max: MAX_COLUMNS,
            });
        }
        if record.iter().any(|f| f.chars().count() > MAX_FIELD_CHARS) {
            return Err(ImportError::FieldTooLong {
                line,
                max: MAX_FIELD_CHARS,
            });
        }
        rows.push(Row {
            line,
            cells: record.iter().map(|f| f.trim().to_owned()).collect(),
        });
    }
    if rows.iter().all(|r| r.cells.iter().all(String::is_empty)) {
        return Err(ImportError::Empty);
    }
    Ok(rows)
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
