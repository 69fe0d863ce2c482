//! Coffer's importer: turns a bank export into the expenses it describes, and says precisely
//! which rows it cannot read and why (file row number, column, reason) before anything is written.
//!
//! The steps, each a module with its own tests:
//! 1. [`decode`]: bytes to text (UTF-8, UTF-16 with BOM, Windows-1252), refusing binary files;
//! 2. [`table`]: the delimiter, then rows of cells, with limits on columns and field length — or,
//!    for a workbook (XLSX, XLS, ODS), [`spreadsheet`]: one sheet's cells as the same rows of text
//!    ([`read_file`] tells the two apart from the first bytes);
//! 3. [`propose`]: the header row (preamble lines above it are skipped), what each column is
//!    (date, amount or debit/credit, description, category, notes, payment method), the date
//!    format ([`dates`], decided from every value), the decimal mark ([`amounts`]) and whether
//!    spending is written negative;
//! 4. [`convert`]: every row to an [`Outcome`]: an expense (always one the ledger accepts), a row
//!    skipped on purpose (money coming in, a totals row) or a [`Problem`].
//!
//! Nothing here touches the ledger: the caller shows the preview and writes the accepted rows
//! with `coffer_ledger::expense::bulk`, all or nothing.

pub mod amounts;
pub mod dates;
pub mod decode;
mod error;
pub mod spreadsheet;
pub mod table;

use std::borrow::Cow;

use coffer_ledger::{Currency, Date, ExpenseFields};

pub use amounts::DecimalMark;
pub use dates::{DateFormat, Detected};
pub use decode::TextEncoding;
pub use error::ImportError;
pub use spreadsheet::Sheet;
pub use table::Row;

/// The most columns a row may have.
pub const MAX_COLUMNS: usize = 64;
/// The longest field, in characters.
pub const MAX_FIELD_CHARS: usize = 10_000;
/// How far down the file the header row is looked for.
const HEADER_SEARCH_ROWS: usize = 30;
/// The longest description an expense can have (see `coffer_ledger::expense`).
const DESCRIPTION_CHARS: usize = 200;

/// A file read and checked, whose rows are produced on demand: a text file keeps only its text
/// (rows are parsed as they are read, so a million-row file costs its own size, not a million
/// rows), a workbook its rows.
#[derive(Debug, Clone)]
pub struct Table {
    body: Body,
    /// What the rows were read from.
    pub source: Source,
}

#[derive(Debug, Clone)]
enum Body {
    /// Checked text, split by the delimiter of [`Source::Text`].
    Text(String),
    /// Rows read already.
    Rows(Vec<Row>),
}

impl Table {
    /// A table of rows already read (a workbook's sheet).
    pub fn from_rows(rows: Vec<Row>, source: Source) -> Table {
        Table {
            body: Body::Rows(rows),
            source,
        }
    }

    /// Every non-blank row, with its line number, in file order.
    pub fn rows(&self) -> Box<dyn Iterator<Item = Cow<'_, Row>> + '_> {
        match (&self.body, &self.source) {
            (Body::Text(text), Source::Text { delimiter, .. }) => {
                Box::new(table::TextRows::new(text, *delimiter).map(Cow::Owned))
            }
            (Body::Rows(rows), _) => Box::new(rows.iter().map(Cow::Borrowed)),
            (Body::Text(_), Source::Sheet { .. }) => Box::new(std::iter::empty()),
        }
    }

    /// The rows after the header row `header`.
    fn data(&self, header: usize) -> impl Iterator<Item = Cow<'_, Row>> + '_ {
        self.rows().skip(header + 1)
    }
}

/// What a [`Table`] was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A delimited text file.
    Text {
        /// The delimiter found.
        delimiter: u8,
        /// The encoding the text was read with.
        encoding: TextEncoding,
    },
    /// One sheet of a workbook.
    Sheet {
        /// The sheet's name.
        name: String,
    },
}

/// Reads a delimited text export (`forced` overrides the encoding detection).
pub fn read_text(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Table, ImportError> {
    let (text, encoding) = decode::decode(bytes, forced)?;
    let delimiter = table::sniff_delimiter(&text);
    table::check(&text, delimiter)?;
    Ok(Table {
        body: Body::Text(text),
        source: Source::Text {
            delimiter,
            encoding,
        },
    })
}

/// Reads any export: a workbook (recognised by its first bytes, see
/// [`spreadsheet::is_spreadsheet`]) through [`spreadsheet::read_sheet`] with `sheet` (without a
/// name, the first sheet that has content), anything else through [`read_text`] with `forced`.
/// [`spreadsheet::sheets`] lists a workbook's sheets for the person to choose.
pub fn read_file(
    bytes: &[u8],
    forced: Option<TextEncoding>,
    sheet: Option<&str>,
) -> Result<Table, ImportError> {
    if spreadsheet::is_spreadsheet(bytes) {
        spreadsheet::read_sheet(bytes, sheet)
    } else {
        read_text(bytes, forced)
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The booking date.
    Date,
    /// A signed amount.
    Amount,
    /// Money out (positive numbers).
    Debit,
    /// Money in (positive numbers).
    Credit,
    /// The description or payee.
    Description,
    /// A category.
    Category,
    /// Notes or a reference.
    Notes,
    /// The payment method.
    PaymentMethod,
}

/// Header words (lower case, several languages) and the role they mean. A header takes the first
/// word it contains; when several columns claim a role, the one whose word comes first here wins
/// (so a payee or purpose column beats a booking-type column for the description).
const HEADER_WORDS: &[(&str, Role)] = &[
    ("payment method", Role::PaymentMethod),
    ("zahlungsart", Role::PaymentMethod),
    ("date", Role::Date),
    ("datum", Role::Date),
    ("buchungstag", Role::Date),
    ("fecha", Role::Date),
    ("debit", Role::Debit),
    ("withdrawal", Role::Debit),
    ("money out", Role::Debit),
    ("paid out", Role::Debit),
    ("soll", Role::Debit),
    ("credit", Role::Credit),
    ("deposit", Role::Credit),
    ("money in", Role::Credit),
    ("paid in", Role::Credit),
    ("haben", Role::Credit),
    ("amount", Role::Amount),
    ("betrag", Role::Amount),
    ("montant", Role::Amount),
    ("importe", Role::Amount),
    ("umsatz", Role::Amount),
    ("category", Role::Category),
    ("kategorie", Role::Category),
    ("catégorie", Role::Category),
    ("description", Role::Description),
    ("payee", Role::Description),
    ("merchant", Role::Description),
    ("verwendungszweck", Role::Description),
    ("beschreibung", Role::Description),
    ("empfänger", Role::Description),
    ("libellé", Role::Description),
    ("concepto", Role::Description),
    ("details", Role::Description),
    ("buchungstext", Role::Description),
    ("memo", Role::Notes),
    ("notes", Role::Notes),
    ("note", Role::Notes),
    ("reference", Role::Notes),
    ("referenz", Role::Notes),
];

/// The role a header names and the rank of the word that named it.
fn role_of(header: &str) -> Option<(Role, usize)> {
    // `payment_method`, `Payment-Method` and `payment method` are the same header.
    let header = header.to_lowercase().replace(['_', '-'], " ");
    HEADER_WORDS
        .iter()
        .enumerate()
        .find(|(_, (word, _))| header.contains(word))
        .map(|(rank, (_, role))| (*role, rank))
}

/// Which columns hold the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountColumns {
    /// One signed column.
    Signed(usize),
    /// Money out and money in in two columns.
    DebitCredit {
        /// Money out.
        debit: usize,
        /// Money in.
        credit: usize,
    },
}

/// Which column means what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Index in [`Table::rows`] of the header row; data starts after it.
    pub header: usize,
    /// The header cells (to name columns in problems).
    pub names: Vec<String>,
    /// The date column.
    pub date: usize,
    /// The amount column(s).
    pub amount: AmountColumns,
    /// The description column.
    pub description: Option<usize>,
    /// The category column.
    pub category: Option<usize>,
    /// The notes column.
    pub notes: Option<usize>,
    /// The payment method column.
    pub payment_method: Option<usize>,
}

/// How spending is written in a signed amount column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Spending is negative (most bank exports); positive rows are money in.
    SpendingNegative,
    /// Spending is positive (card statements, expense lists); negative rows are refunds.
    SpendingPositive,
}

/// What Coffer proposes for a file; the person can change every part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The columns.
    pub mapping: Mapping,
    /// The date format, or the candidates when the file is ambiguous.
    pub dates: Detected,
    /// The decimal mark.
    pub mark: DecimalMark,
    /// The sign convention.
    pub sign: Sign,
}

fn cell(row: &Row, column: usize) -> &str {
    row.cells.get(column).map_or("", String::as_str)
}

/// Finds the header, the columns and the formats of `table` (two passes over its rows: the
/// date format and decimal mark, then the sign convention read with that mark).
pub fn propose(table: &Table, currency: Currency) -> Result<Proposal, ImportError> {
    let mapping = table
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(index, row)| mapping_of(index, &row))
        .ok_or(ImportError::NoColumns)?;
    let dates = detect_dates(table, &mapping);
    let mut votes = amounts::MarkVotes::default();
    for row in table.data(mapping.header) {
        match mapping.amount {
            AmountColumns::Signed(c) => votes.feed(cell(&row, c)),
            AmountColumns::DebitCredit { debit, credit } => {
                votes.feed(cell(&row, debit));
                votes.feed(cell(&row, credit));
            }
        }
    }
    let mark = votes.finish();
    let sign = match mapping.amount {
        AmountColumns::DebitCredit { .. } => Sign::SpendingPositive,
        AmountColumns::Signed(column) => {
            let (mut negative, mut positive) = (0usize, 0usize);
            for row in table.data(mapping.header) {
                match amounts::parse(cell(&row, column), mark, currency) {
                    Ok(v) if v < 0 => negative += 1,
                    Ok(v) if v > 0 => positive += 1,
                    _ => {}
                }
            }
            if negative > positive {
                Sign::SpendingNegative
            } else {
                Sign::SpendingPositive
            }
        }
    };
    Ok(Proposal {
        mapping,
        dates,
        mark,
        sign,
    })
}

/// The date format of `mapping`'s date column, from every data row. A totals row often names
/// itself in the date column ("Total"); it is no date to detect from.
pub fn detect_dates(table: &Table, mapping: &Mapping) -> Detected {
    let mut detector = dates::DateDetector::default();
    for row in table.data(mapping.header) {
        let value = cell(&row, mapping.date);
        if !names_a_total(value) {
            detector.feed(value);
        }
    }
    detector.finish()
}

fn mapping_of(index: usize, row: &Row) -> Option<Mapping> {
    // Per role: (rank of the word, column); the best-ranked word wins, then the leftmost column.
    let mut found: Vec<(Role, usize, usize)> = Vec::new();
    for (column, header) in row.cells.iter().enumerate() {
        let Some((role, rank)) = role_of(header) else {
            continue;
        };
        match found.iter_mut().find(|(r, _, _)| *r == role) {
            Some(best) if rank < best.1 => *best = (role, rank, column),
            Some(_) => {}
            None => found.push((role, rank, column)),
        }
    }
    let column = |role: Role| {
        found
            .iter()
            .find(|(r, _, _)| *r == role)
            .map(|(_, _, c)| *c)
    };
    let amount = match (
        column(Role::Amount),
        column(Role::Debit),
        column(Role::Credit),
    ) {
        (_, Some(debit), Some(credit)) => AmountColumns::DebitCredit { debit, credit },
        (Some(amount), _, _) => AmountColumns::Signed(amount),
        (None, Some(debit), None) => AmountColumns::Signed(debit),
        _ => return None,
    };
    Some(Mapping {
        header: index,
        names: row.cells.clone(),
        date: column(Role::Date)?,
        amount,
        description: column(Role::Description),
        category: column(Role::Category),
        notes: column(Role::Notes),
        payment_method: column(Role::PaymentMethod),
    })
}

/// The date format to read `table` with under `proposal`: the detected one; `None` when the file
/// is ambiguous (the person chooses); when no format reads every date, the one that reads the
/// most, so the others show up as problems.
pub fn date_format(table: &Table, proposal: &Proposal) -> Option<DateFormat> {
    match &proposal.dates {
        Detected::Format(format) => Some(*format),
        Detected::Ambiguous(_) => None,
        Detected::None => {
            let mut read = [0usize; 4];
            for row in table.data(proposal.mapping.header) {
                let value = cell(&row, proposal.mapping.date);
                for (format, count) in DateFormat::ALL.iter().zip(&mut read) {
                    *count += usize::from(format.parse(value).is_some());
                }
            }
            DateFormat::ALL
                .into_iter()
                .zip(read)
                .filter(|(_, n)| *n > 0)
                .max_by_key(|(_, n)| *n)
                .map(|(f, _)| f)
        }
    }
}

/// An expense read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expense {
    /// Its line in the file.
    pub line: usize,
    /// The date.
    pub date: Date,
    /// Positive minor units.
    pub amount: i64,
    /// The category named in the file, if any.
    pub category: Option<String>,
    /// One line, at most 200 characters.
    pub description: String,
    /// Notes, if any.
    pub notes: Option<String>,
    /// Payment method, if any.
    pub payment_method: Option<String>,
}

impl Expense {
    /// The ledger's validated fields for this expense in `category`.
    pub fn fields(
        &self,
        category: coffer_ledger::CategoryId,
    ) -> coffer_ledger::Result<ExpenseFields> {
        ExpenseFields::new(
            self.date,
            self.amount,
            category,
            &self.description,
            self.notes.as_deref(),
            self.payment_method.as_deref(),
        )
    }
}

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Its line in the file.
    pub line: usize,
    /// The column's header.
    pub column: String,
    /// What is wrong, for the person.
    pub reason: String,
}

/// What becomes of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// An expense to import.
    Expense(Expense),
    /// Left out on purpose, with the reason (money coming in, a totals row).
    Skipped {
        /// Its line in the file.
        line: usize,
        /// Why.
        reason: &'static str,
    },
    /// Cannot be read.
    Problem(Problem),
}

/// Words that mark a totals or balance row below the data.
const TOTAL_WORDS: [&str; 7] = [
    "total",
    "summe",
    "saldo",
    "balance",
    "gesamt",
    "kontostand",
    "sum",
];

/// Whether `text` holds one of [`TOTAL_WORDS`], in any case.
fn names_a_total(text: &str) -> bool {
    let text = text.to_lowercase();
    TOTAL_WORDS.iter().any(|w| text.contains(w))
}

/// One line of text: whitespace runs (line breaks included) become single spaces, and text
/// beyond `max` characters is cut with an ellipsis.
fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        joined
    } else {
        let mut cut: String = joined.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

/// Text as it was before a spreadsheet-safe export neutralised it: an apostrophe in front of
/// `=`, `+`, `-`, `@`, tab or carriage return (what `coffer_export` and other careful exporters
/// add against formula injection) is dropped, so export → import gives back the same text.
/// The text stays text either way: Coffer never evaluates a cell.
fn unneutralised(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// The text of `column` in `row`, un-neutralised.
fn text(row: &Row, column: usize) -> &str {
    unneutralised(cell(row, column))
}

fn optional(row: &Row, column: Option<usize>) -> Option<String> {
    column
        .map(|c| text(row, c).to_owned())
        .filter(|v| !v.is_empty())
}

/// Reads every data row of `table` with `proposal` and the chosen `date_format`, as the rows
/// are read (nothing is kept: a caller that writes each outcome away imports any size of file in
/// bounded memory).
pub fn outcomes<'a>(
    table: &'a Table,
    proposal: &'a Proposal,
    date_format: DateFormat,
    currency: Currency,
) -> impl Iterator<Item = Outcome> + 'a {
    table
        .data(proposal.mapping.header)
        .filter_map(move |row| outcome(&row, proposal, date_format, currency))
}

/// [`outcomes`], collected.
pub fn convert(
    table: &Table,
    proposal: &Proposal,
    date_format: DateFormat,
    currency: Currency,
) -> Vec<Outcome> {
    outcomes(table, proposal, date_format, currency).collect()
}

/// What becomes of one data row; `None` for a blank one.
fn outcome(
    row: &Row,
    proposal: &Proposal,
    date_format: DateFormat,
    currency: Currency,
) -> Option<Outcome> {
    let m = &proposal.mapping;
    let name = |column: usize| m.names.get(column).cloned().unwrap_or_default();
    let problem = |row: &Row, column: usize, reason: String| {
        Outcome::Problem(Problem {
            line: row.line,
            column: name(column),
            reason,
        })
    };
    {
        if row.cells.iter().all(String::is_empty) {
            return None;
        }
        let Some(date) = date_format.parse(cell(row, m.date)) else {
            if names_a_total(&row.cells.join(" ")) {
                return Some(Outcome::Skipped {
                    line: row.line,
                    reason: "a totals or balance row",
                });
            } else {
                let value = cell(row, m.date);
                let reason = if value.is_empty() {
                    "the date is empty".to_owned()
                } else {
                    format!("“{}” is not a date", one_line(value, 40))
                };
                return Some(problem(row, m.date, reason));
            }
        };
        let read = |column: usize| amounts::parse(cell(row, column), proposal.mark, currency);
        let spent = match m.amount {
            AmountColumns::Signed(column) => match read(column) {
                Err(err) => {
                    return Some(problem(
                        row,
                        column,
                        format!("“{}” is {err}", one_line(cell(row, column), 40)),
                    ));
                }
                Ok(value) => match proposal.sign {
                    Sign::SpendingNegative => -value,
                    Sign::SpendingPositive => value,
                },
            },
            AmountColumns::DebitCredit { debit, credit } => {
                if !cell(row, debit).is_empty() {
                    match read(debit) {
                        Ok(value) => value.abs(),
                        Err(err) => {
                            return Some(problem(
                                row,
                                debit,
                                format!("“{}” is {err}", one_line(cell(row, debit), 40)),
                            ));
                        }
                    }
                } else if !cell(row, credit).is_empty() {
                    -1
                } else {
                    return Some(problem(row, debit, "no amount in either column".to_owned()));
                }
            }
        };
        if spent <= 0 {
            return Some(Outcome::Skipped {
                line: row.line,
                reason: if spent == 0 {
                    "a zero amount"
                } else {
                    "money coming in (income or a refund)"
                },
            });
        }
        let description = m
            .description
            .map(|c| one_line(text(row, c), DESCRIPTION_CHARS))
            .unwrap_or_default();
        if description.is_empty() {
            return Some(problem(
                row,
                m.description.unwrap_or(m.date),
                "the description is empty".to_owned(),
            ));
        }
        let expense = Expense {
            line: row.line,
            date,
            amount: spent,
            category: optional(row, m.category).map(|c| one_line(&c, 40)),
            description,
            notes: optional(row, m.notes),
            payment_method: optional(row, m.payment_method).map(|p| one_line(&p, 40)),
        };
        // What the preview shows as an expense must be one the ledger takes, or the import would
        // fail at commit on a row the preview called fine (found by fuzzing: control characters
        // in a description or category, notes beyond the ledger's length).
        if let Err(coffer_ledger::Error::Invalid { field, message }) =
            expense.fields(coffer_ledger::CategoryId(0))
        {
            let column = match field {
                coffer_ledger::Field::Notes => m.notes,
                coffer_ledger::Field::PaymentMethod => m.payment_method,
                _ => m.description,
            };
            return Some(problem(row, column.unwrap_or(m.date), reason_of(&message)));
        }
        if let (Some(category), Some(column)) = (&expense.category, m.category)
            && category.chars().any(char::is_control)
        {
            return Some(problem(
                row,
                column,
                "the category cannot contain control characters".to_owned(),
            ));
        }
        Some(Outcome::Expense(expense))
    }
}

/// A ledger's message (“The description cannot…”) as a problem's reason (“the description
/// cannot…”).
fn reason_of(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::unneutralised;

    #[test]
    fn a_neutralising_apostrophe_is_dropped_and_nothing_else() {
        for (exported, original) in [
            ("'=SUM(A1)", "=SUM(A1)"),
            ("'+notes", "+notes"),
            ("'-5 discount", "-5 discount"),
            ("'@home", "@home"),
            ("'\tx", "\tx"),
            ("'quoted'", "'quoted'"),
            ("It's", "It's"),
            ("''=x", "''=x"),
        ] {
            assert_eq!(unneutralised(exported), original, "{exported:?}");
        }
    }
}
