//! Import and export for the unlocked profile: read a dropped or picked file with
//! `coffer_import`, show what importing it would do, write the accepted rows as one undoable
//! batch (through [`AppState::write`], so budget alerts fire once for the whole import), and write
//! expenses out with `coffer_export`. Files are read and written here, by path; the webview never
//! touches the file system.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use coffer_import::{
    AmountColumns, DateFormat, Detected, ImportError, Outcome, Sign, Source, Table, TextEncoding,
};
use coffer_ledger::batch::{self, Batch, BatchId};
use coffer_ledger::query::{self, Filter, Sort, SortKey};
use coffer_ledger::{CategoryId, Currency, ExpenseFields, category};

use crate::dto::{
    ColumnChoice, DateFormatChoice, ExportFormat, ExportRequest, ImportBatchView,
    ImportCommitRequest, ImportPreview, ImportPreviewRequest, PreviewRow, ProblemRow, SignChoice,
    SkippedRow, TextEncodingChoice, UnknownCategory,
};
use crate::error::{AppError, ErrorCode};
use crate::ledger_ops::filter;
use crate::state::{AppState, Unlocked, now};

/// The largest file Coffer imports.
pub const MAX_IMPORT_BYTES: u64 = 200 * 1024 * 1024;
/// How many rows, skips and problems a preview lists (the counts are always complete).
const PREVIEW_ROWS: usize = 500;

fn unreadable(message: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::ImportUnreadable, message)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Reads the file at `path`, refusing what is too large or cannot be opened, with its name.
fn read_bytes(path: &Path) -> Result<Vec<u8>, AppError> {
    let name = file_name(path);
    let size = std::fs::metadata(path)
        .map_err(|err| unreadable(format!("“{name}” cannot be opened: {err}.")))?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(unreadable(format!(
            "“{name}” is {} MB; Coffer imports files of up to {} MB.",
            size / 1_000_000,
            MAX_IMPORT_BYTES / 1_000_000
        )));
    }
    std::fs::read(path).map_err(|err| unreadable(format!("“{name}” cannot be read: {err}.")))
}

fn import_error(name: &str, err: &ImportError) -> AppError {
    let code = match err {
        ImportError::NoColumns => ErrorCode::InvalidColumns,
        _ => ErrorCode::ImportUnreadable,
    };
    AppError::new(code, format!("“{name}”: {err}"))
}

fn encoding(choice: TextEncodingChoice) -> TextEncoding {
    match choice {
        TextEncodingChoice::Utf8 => TextEncoding::Utf8,
        TextEncodingChoice::Utf16 => TextEncoding::Utf16,
        TextEncodingChoice::Windows1252 => TextEncoding::Windows1252,
    }
}

fn encoding_choice(encoding: TextEncoding) -> TextEncodingChoice {
    match encoding {
        TextEncoding::Utf8 => TextEncodingChoice::Utf8,
        TextEncoding::Utf16 => TextEncodingChoice::Utf16,
        TextEncoding::Windows1252 => TextEncodingChoice::Windows1252,
    }
}

fn date_format(choice: DateFormatChoice) -> DateFormat {
    match choice {
        DateFormatChoice::YearMonthDay => DateFormat::YearMonthDay,
        DateFormatChoice::DayMonthYear => DateFormat::DayMonthYear,
        DateFormatChoice::MonthDayYear => DateFormat::MonthDayYear,
        DateFormatChoice::ExcelSerial => DateFormat::ExcelSerial,
    }
}

fn date_format_choice(format: DateFormat) -> DateFormatChoice {
    match format {
        DateFormat::YearMonthDay => DateFormatChoice::YearMonthDay,
        DateFormat::DayMonthYear => DateFormatChoice::DayMonthYear,
        DateFormat::MonthDayYear => DateFormatChoice::MonthDayYear,
        DateFormat::ExcelSerial => DateFormatChoice::ExcelSerial,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A file read and understood, with the person's choices applied.
struct Loaded {
    name: String,
    /// Workbooks: every sheet's name.
    sheets: Vec<String>,
    table: Table,
    proposal: coffer_import::Proposal,
    /// `None` while the person must choose among `formats`.
    format: Option<DateFormat>,
    formats: Vec<DateFormat>,
}

impl Loaded {
    fn columns(&self) -> ColumnChoice {
        let m = &self.proposal.mapping;
        let (amount, debit, credit) = match m.amount {
            AmountColumns::Signed(c) => (Some(c), None, None),
            AmountColumns::DebitCredit { debit, credit } => (None, Some(debit), Some(credit)),
        };
        let c = |v: Option<usize>| v.map(to_u32);
        ColumnChoice {
            date: to_u32(m.date),
            amount: c(amount),
            debit: c(debit),
            credit: c(credit),
            description: c(m.description),
            category: c(m.category),
            notes: c(m.notes),
            payment_method: c(m.payment_method),
        }
    }
}

fn load(request: &ImportPreviewRequest, currency: Currency) -> Result<Loaded, AppError> {
    let path = Path::new(&request.path);
    let name = file_name(path);
    let bytes = read_bytes(path)?;
    let sheets = if coffer_import::spreadsheet::is_spreadsheet(&bytes) {
        coffer_import::spreadsheet::sheets(&bytes)
            .map_err(|err| import_error(&name, &err))?
            .into_iter()
            .map(|s| s.name)
            .collect()
    } else {
        Vec::new()
    };
    let table = coffer_import::read_file(
        &bytes,
        request.encoding.map(encoding),
        request.sheet.as_deref(),
    )
    .map_err(|err| import_error(&name, &err))?;
    let mut proposal =
        coffer_import::propose(&table, currency).map_err(|err| import_error(&name, &err))?;
    if let Some(columns) = &request.columns {
        apply_columns(&mut proposal.mapping, columns)?;
        // The columns changed: their formats are decided again from their values.
        proposal.dates = coffer_import::detect_dates(&table, &proposal.mapping);
    }
    if let Some(sign) = request.sign {
        proposal.sign = match sign {
            SignChoice::SpendingNegative => Sign::SpendingNegative,
            SignChoice::SpendingPositive => Sign::SpendingPositive,
        };
    }
    let formats = match &proposal.dates {
        Detected::Format(f) => vec![*f],
        Detected::Ambiguous(several) => several.clone(),
        // No format reads every date: the one that reads the most, and the rest are problems.
        Detected::None => coffer_import::date_format(&table, &proposal)
            .into_iter()
            .collect(),
    };
    let format = match request.date_format.map(date_format) {
        Some(chosen) => Some(chosen),
        None if formats.len() == 1 => formats.first().copied(),
        None => None,
    };
    Ok(Loaded {
        name,
        sheets,
        table,
        proposal,
        format,
        formats,
    })
}

fn apply_columns(m: &mut coffer_import::Mapping, c: &ColumnChoice) -> Result<(), AppError> {
    let count = m.names.len();
    let index = |v: u32| -> Result<usize, AppError> {
        let i = usize::try_from(v).unwrap_or(usize::MAX);
        if i < count {
            Ok(i)
        } else {
            Err(AppError::new(
                ErrorCode::InvalidColumns,
                format!(
                    "The file has {count} columns; column {} does not exist.",
                    v + 1
                ),
            ))
        }
    };
    let optional = |v: Option<u32>| v.map(index).transpose();
    m.date = index(c.date)?;
    m.amount = match (c.amount, c.debit, c.credit) {
        (Some(a), None, None) => AmountColumns::Signed(index(a)?),
        (None, Some(debit), Some(credit)) => AmountColumns::DebitCredit {
            debit: index(debit)?,
            credit: index(credit)?,
        },
        _ => {
            return Err(AppError::new(
                ErrorCode::InvalidColumns,
                "Choose one amount column, or both a money-out and a money-in column.",
            ));
        }
    };
    m.description = optional(c.description)?;
    m.category = optional(c.category)?;
    m.notes = optional(c.notes)?;
    m.payment_method = optional(c.payment_method)?;
    Ok(())
}

/// The existing category whose name is closest to `name`, if one is close: equal ignoring case
/// and accents aside, one containing the other, or a shared start of four letters.
fn suggestion(name: &str, existing: &[(String, CategoryId)]) -> Option<CategoryId> {
    let folded = category::fold(name);
    let prefix: String = folded.chars().take(4).collect();
    existing
        .iter()
        .find(|(n, _)| folded.contains(n.as_str()) || n.contains(folded.as_str()))
        .or_else(|| {
            existing
                .iter()
                .find(|(n, _)| prefix.chars().count() == 4 && n.starts_with(&prefix))
        })
        .map(|(_, id)| *id)
}

/// The expenses of `loaded` with their duplicate flags, and everything the preview says.
struct Reading {
    expenses: Vec<(coffer_import::Expense, bool)>,
    skipped: Vec<SkippedRow>,
    problems: Vec<ProblemRow>,
}

fn reading(u: &Unlocked, loaded: &Loaded, format: DateFormat) -> Result<Reading, AppError> {
    let outcomes = coffer_import::convert(&loaded.table, &loaded.proposal, format, u.currency);
    let mut expenses = Vec::new();
    let mut skipped = Vec::new();
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Expense(e) => expenses.push(e),
            Outcome::Skipped { line, reason } => skipped.push(SkippedRow {
                line: to_u32(line),
                reason: reason.to_owned(),
            }),
            Outcome::Problem(p) => problems.push(ProblemRow {
                line: to_u32(p.line),
                column: p.column,
                reason: p.reason,
            }),
        }
    }
    let keys: Vec<_> = expenses
        .iter()
        .map(|e| (e.date, e.amount, e.description.as_str()))
        .collect();
    let in_ledger = batch::existing(u.session.connection(), &keys)?;
    let mut seen = HashSet::new();
    let flagged = expenses
        .into_iter()
        .zip(in_ledger)
        .map(|(e, exists)| {
            let again = !seen.insert((e.date, e.amount, e.description.clone()));
            (e, exists || again)
        })
        .collect();
    Ok(Reading {
        expenses: flagged,
        skipped,
        problems,
    })
}

fn preview(u: &Unlocked, loaded: &Loaded) -> Result<ImportPreview, AppError> {
    let existing: Vec<(String, CategoryId)> = category::list(u.session.connection())?
        .into_iter()
        .map(|c| (category::fold(&c.name), c.id))
        .collect();
    let read = match loaded.format {
        Some(format) => reading(u, loaded, format)?,
        None => Reading {
            expenses: Vec::new(),
            skipped: Vec::new(),
            problems: Vec::new(),
        },
    };
    let mut unknown: Vec<UnknownCategory> = Vec::new();
    for (e, _) in &read.expenses {
        let Some(name) = &e.category else { continue };
        let folded = category::fold(name);
        if existing.iter().any(|(n, _)| *n == folded) {
            continue;
        }
        match unknown
            .iter_mut()
            .find(|u| category::fold(&u.name) == folded)
        {
            Some(entry) => entry.rows += 1,
            None => unknown.push(UnknownCategory {
                name: name.clone(),
                rows: 1,
                suggestion: suggestion(name, &existing).map(|id| id.0),
            }),
        }
    }
    let duplicate_count = read.expenses.iter().filter(|(_, d)| *d).count();
    Ok(ImportPreview {
        file_name: loaded.name.clone(),
        sheets: loaded.sheets.clone(),
        sheet: match &loaded.table.source {
            Source::Sheet { name } => Some(name.clone()),
            Source::Text { .. } => None,
        },
        encoding: match loaded.table.source {
            Source::Text { encoding, .. } => Some(encoding_choice(encoding)),
            Source::Sheet { .. } => None,
        },
        headers: loaded.proposal.mapping.names.clone(),
        columns: loaded.columns(),
        date_format: loaded.format.map(date_format_choice),
        date_formats: loaded
            .formats
            .iter()
            .copied()
            .map(date_format_choice)
            .collect(),
        sign: match loaded.proposal.sign {
            Sign::SpendingNegative => SignChoice::SpendingNegative,
            Sign::SpendingPositive => SignChoice::SpendingPositive,
        },
        rows: read
            .expenses
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(e, duplicate)| PreviewRow {
                line: to_u32(e.line),
                date: e.date.to_string(),
                amount: e.amount,
                category: e.category.clone(),
                description: e.description.clone(),
                notes: e.notes.clone(),
                payment_method: e.payment_method.clone(),
                duplicate: *duplicate,
            })
            .collect(),
        row_count: to_u32(read.expenses.len()),
        duplicate_count: to_u32(duplicate_count),
        total: read
            .expenses
            .iter()
            .filter(|(_, d)| !d)
            .map(|(e, _)| e.amount)
            .sum(),
        skipped_count: to_u32(read.skipped.len()),
        skipped: read.skipped.into_iter().take(PREVIEW_ROWS).collect(),
        problem_count: to_u32(read.problems.len()),
        problems: read.problems.into_iter().take(PREVIEW_ROWS).collect(),
        unknown_categories: unknown,
    })
}

impl From<Batch> for ImportBatchView {
    fn from(b: Batch) -> Self {
        ImportBatchView {
            id: b.id.0,
            file_name: b.source,
            imported_at: b.created_at,
            count: b.count,
            total: b.total,
        }
    }
}

impl AppState {
    /// What importing a file would do; nothing is written.
    pub fn import_preview(&self, request: ImportPreviewRequest) -> Result<ImportPreview, AppError> {
        let currency = self.with_session(|u| Ok(u.currency))?;
        // The file is read and parsed outside the session lock.
        let loaded = load(&request, currency)?;
        self.with_session(|u| preview(u, &loaded))
    }

    /// Imports the file as previewed, with the person's choices, as one undoable batch.
    pub fn import_commit(&self, request: ImportCommitRequest) -> Result<ImportBatchView, AppError> {
        let currency = self.with_session(|u| Ok(u.currency))?;
        let loaded = load(&request.preview, currency)?;
        let Some(format) = loaded.format else {
            return Err(AppError::new(
                ErrorCode::AmbiguousDates,
                "These dates read both day-first and month-first: choose the date format.",
            ));
        };
        self.write(|u| {
            let read = reading(u, &loaded, format)?;
            if !read.problems.is_empty() && !request.leave_out_problems {
                return Err(AppError::new(
                    ErrorCode::ImportProblems,
                    format!(
                        "{} row(s) cannot be read. Fix the file, or confirm that they are left out.",
                        read.problems.len()
                    ),
                ));
            }
            let include: HashSet<u32> = request.include_duplicates.iter().copied().collect();
            let chosen: HashMap<String, Option<i64>> = request
                .categories
                .iter()
                .map(|c| (category::fold(&c.name), c.category_id))
                .collect();
            let default = CategoryId(request.default_category_id);
            let (batch, ()) = batch::import(
                u.session.connection_mut(),
                now().0,
                &loaded.name,
                |w| -> Result<(), AppError> {
                    for (e, duplicate) in &read.expenses {
                        if *duplicate && !include.contains(&to_u32(e.line)) {
                            continue;
                        }
                        let category = match &e.category {
                            None => default,
                            Some(name) => match chosen.get(&category::fold(name)) {
                                Some(Some(id)) => CategoryId(*id),
                                _ => w.category_named(name, true)?,
                            },
                        };
                        let fields = ExpenseFields::new(
                            e.date,
                            e.amount,
                            category,
                            &e.description,
                            e.notes.as_deref(),
                            e.payment_method.as_deref(),
                        )
                        .map_err(|err| {
                            AppError::new(
                                ErrorCode::ImportProblems,
                                format!("Row {}: {err}", e.line),
                            )
                        })?;
                        w.insert(&fields)?;
                    }
                    Ok(())
                },
            )?;
            Ok(batch.into())
        })
    }

    /// Every import, newest first.
    pub fn import_batches(&self) -> Result<Vec<ImportBatchView>, AppError> {
        self.with_session(|u| {
            Ok(batch::list(u.session.connection())?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Removes exactly the expenses an import added; returns how many.
    pub fn undo_import(&self, id: i64) -> Result<u64, AppError> {
        self.write(|u| {
            let removed = batch::undo(u.session.connection_mut(), BatchId(id))?;
            Ok(u64::try_from(removed).unwrap_or(u64::MAX))
        })
    }

    /// Writes the expenses `request.filter` matches (all without one), oldest first, to
    /// `request.path`; returns how many.
    pub fn export_expenses(&self, request: ExportRequest) -> Result<u64, AppError> {
        self.with_session(|u| {
            let conn = u.session.connection();
            let filter = match &request.filter {
                Some(f) => filter(f, u.currency)?,
                None => Filter::default(),
            };
            let names: HashMap<CategoryId, String> = category::list(conn)?
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect();
            let oldest_first = Sort {
                key: SortKey::Date,
                descending: false,
            };
            let mut rows = Vec::new();
            let mut after = None;
            loop {
                let page = query::page(conn, &filter, oldest_first, after, 10_000)?;
                rows.extend(page.expenses.into_iter().map(|e| coffer_export::ExportRow {
                    date: e.fields.date(),
                    amount: e.fields.amount(),
                    category: names.get(&e.fields.category()).cloned().unwrap_or_default(),
                    description: e.fields.description().to_owned(),
                    notes: e.fields.notes().map(str::to_owned),
                    payment_method: e.fields.payment_method().map(str::to_owned),
                }));
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            let path = Path::new(&request.path);
            let failed = |err: &dyn std::fmt::Display| {
                AppError::new(
                    ErrorCode::ExportFailed,
                    format!("“{}” could not be written: {err}", file_name(path)),
                )
            };
            let written = match request.format {
                ExportFormat::Csv => {
                    let file = std::fs::File::create(path).map_err(|e| failed(&e))?;
                    coffer_export::write_csv(std::io::BufWriter::new(file), u.currency, &rows)
                        .map_err(|e| failed(&e))?
                }
                ExportFormat::Xlsx => {
                    coffer_export::write_xlsx(path, u.currency, &rows).map_err(|e| failed(&e))?
                }
            };
            Ok(u64::try_from(written).unwrap_or(u64::MAX))
        })
    }
}
