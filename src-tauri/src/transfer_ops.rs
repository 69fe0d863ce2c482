//! Import and export for the unlocked profile: read a dropped or picked file with
//! `coffer_import`, show what importing it would do, write the accepted rows as one undoable
//! batch (through [`AppState::write`], so budget alerts fire once for the whole import), and write
//! expenses out with `coffer_export`. Files are read and written here, by path; the webview never
//! touches the file system.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash as _, Hasher as _};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use coffer_import::{
    AmountColumns, DateFormat, Detected, ImportError, Outcome, Sign, Source, Table, TextEncoding,
};
use coffer_ledger::batch::{self, Batch, BatchId};
use coffer_ledger::query::{self, Filter, Sort, SortKey};
use coffer_ledger::{CategoryId, Currency, category};

use crate::dto::{
    ColumnChoice, DateFormatChoice, ExportFormat, ExportRequest, ImportBatchView,
    ImportCommitRequest, ImportPhase, ImportPreview, ImportPreviewRequest, PreviewRow, ProblemRow,
    SignChoice, SkippedRow, TextEncodingChoice, UnknownCategory,
};
use crate::error::{AppError, ErrorCode};
use crate::ledger_ops::filter;
use crate::state::{AppState, ImportRun, Unlocked, now};

/// The largest file Coffer imports.
pub const MAX_IMPORT_BYTES: u64 = 200 * 1024 * 1024;
/// How many rows, skips and problems a preview lists (the counts are always complete).
const PREVIEW_ROWS: usize = 500;

fn unreadable(message: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::ImportUnreadable, message)
}

/// A path's file name, for messages and the window (never its folder).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Reads the file at `path`, refusing what is too large or cannot be opened, with its name. The
/// size is checked on what is actually read, never more than the limit plus one byte, so a file
/// that grows while it is read, or a pipe or device that reports no size, cannot get past it.
fn read_bytes(path: &Path) -> Result<Vec<u8>, AppError> {
    let name = file_name(path);
    let too_large = || {
        unreadable(format!(
            "“{name}” is larger than {} MB, the most Coffer imports.",
            MAX_IMPORT_BYTES / 1_000_000
        ))
    };
    let file = std::fs::File::open(path)
        .map_err(|err| unreadable(format!("“{name}” cannot be opened: {err}.")))?;
    if file.metadata().is_ok_and(|m| m.len() > MAX_IMPORT_BYTES) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| unreadable(format!("“{name}” cannot be read: {err}.")))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A fingerprint of a file's bytes, to notice that it changed between its preview and its import.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
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
    /// The bytes read, fingerprinted.
    fingerprint: u64,
    /// Workbooks: every sheet's name.
    sheets: Vec<String>,
    table: Table,
    proposal: coffer_import::Proposal,
    /// `None` while the person must choose among `formats`.
    format: Option<DateFormat>,
    formats: Vec<DateFormat>,
    /// The choices came from an earlier import of a file with the same header row.
    remembered: bool,
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

/// Reads and understands the file, with the choices `request` makes (and, when it makes none,
/// those `remembered` for files with the same header row).
fn load(
    request: &ImportPreviewRequest,
    currency: Currency,
    remembered: impl FnOnce(&str) -> Result<Option<Remembered>, AppError>,
) -> Result<Loaded, AppError> {
    let path = Path::new(&request.path);
    let name = file_name(path);
    let bytes = read_bytes(path)?;
    let fingerprint = fingerprint(&bytes);
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
    drop(bytes);
    let mut proposal =
        coffer_import::propose(&table, currency).map_err(|err| import_error(&name, &err))?;
    let untouched =
        request.columns.is_none() && request.date_format.is_none() && request.sign.is_none();
    let recalled = if untouched {
        remembered(&batch::header_key(&proposal.mapping.names))?
    } else {
        None
    };
    // What the person chose now, else what they chose last time for this header, where it
    // still fits this file (columns that exist, a date format that reads its dates).
    if let Some(columns) = &request.columns {
        apply_columns(&mut proposal.mapping, columns)?;
    } else if let Some(r) = &recalled {
        let mut mapping = proposal.mapping.clone();
        if apply_columns(&mut mapping, &r.columns).is_ok() {
            proposal.mapping = mapping;
        }
    }
    if request.columns.is_some() || recalled.is_some() {
        // The columns may have changed: their formats are decided again from their values.
        proposal.dates = coffer_import::detect_dates(&table, &proposal.mapping);
    }
    if let Some(sign) = request.sign.or(recalled.as_ref().map(|r| r.sign)) {
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
    let remembered_format = recalled
        .as_ref()
        .and_then(|r| r.date_format)
        .map(date_format)
        .filter(|f| formats.contains(f));
    let format = match request.date_format.map(date_format).or(remembered_format) {
        Some(chosen) => Some(chosen),
        None if formats.len() == 1 => formats.first().copied(),
        None => None,
    };
    Ok(Loaded {
        name,
        fingerprint,
        sheets,
        table,
        proposal,
        format,
        formats,
        remembered: recalled.is_some(),
    })
}

/// The choices remembered for a header row, as stored (JSON) in the ledger.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Remembered {
    columns: ColumnChoice,
    date_format: Option<DateFormatChoice>,
    sign: SignChoice,
}

/// What `u` remembers for `header`; a stored choice that no longer parses is ignored.
fn recall(u: &Unlocked, header: &str) -> Result<Option<Remembered>, AppError> {
    Ok(batch::recall(u.session.connection(), header)?
        .and_then(|json| serde_json::from_str(&json).ok()))
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

/// Finds likely duplicates as rows stream by: the same date, amount and description as an
/// expense in the ledger, or as an earlier row of the file. Earlier rows are remembered by a
/// 64-bit hash of the three, so a million rows cost a few megabytes.
struct Duplicates {
    seen: HashSet<u64>,
}

impl Duplicates {
    fn new() -> Self {
        Self {
            seen: HashSet::new(),
        }
    }

    fn check(
        &mut self,
        e: &coffer_import::Expense,
        in_ledger: impl FnOnce() -> Result<bool, AppError>,
    ) -> Result<bool, AppError> {
        let mut hasher = std::hash::DefaultHasher::new();
        (e.date, e.amount, &e.description).hash(&mut hasher);
        let again = !self.seen.insert(hasher.finish());
        Ok(again || in_ledger()?)
    }
}

/// Everything the preview says, gathered in one pass over the rows (lists capped, counts whole).
fn preview(u: &Unlocked, loaded: &Loaded, run: &ImportRun<'_>) -> Result<ImportPreview, AppError> {
    let conn = u.session.connection();
    let existing: Vec<(String, CategoryId)> = category::list(conn)?
        .into_iter()
        .map(|c| (category::fold(&c.name), c.id))
        .collect();
    let mut rows = Vec::new();
    let (mut row_count, mut duplicate_count, mut total) = (0usize, 0usize, 0i64);
    let (mut skipped, mut skipped_count) = (Vec::new(), 0usize);
    let (mut problems, mut problem_count) = (Vec::new(), 0usize);
    let mut unknown: Vec<UnknownCategory> = Vec::new();
    let mut duplicates = Duplicates::new();
    let outcomes = loaded
        .format
        .into_iter()
        .flat_map(|f| coffer_import::outcomes(&loaded.table, &loaded.proposal, f, u.currency));
    for (index, outcome) in outcomes.enumerate() {
        run.row(index + 1)?;
        match outcome {
            Outcome::Expense(e) => {
                let duplicate = duplicates.check(&e, || {
                    Ok(batch::exists(conn, e.date, e.amount, &e.description)?)
                })?;
                row_count += 1;
                if duplicate {
                    duplicate_count += 1;
                } else {
                    total = total.saturating_add(e.amount);
                }
                if let Some(name) = &e.category {
                    let folded = category::fold(name);
                    if !existing.iter().any(|(n, _)| *n == folded) {
                        match unknown
                            .iter_mut()
                            .find(|c| category::fold(&c.name) == folded)
                        {
                            Some(entry) => entry.rows += 1,
                            None => unknown.push(UnknownCategory {
                                name: name.clone(),
                                rows: 1,
                                suggestion: suggestion(name, &existing).map(|id| id.0),
                            }),
                        }
                    }
                }
                if rows.len() < PREVIEW_ROWS {
                    rows.push(PreviewRow {
                        line: to_u32(e.line),
                        date: e.date.to_string(),
                        amount: e.amount,
                        category: e.category,
                        description: e.description,
                        notes: e.notes,
                        payment_method: e.payment_method,
                        duplicate,
                    });
                }
            }
            Outcome::Skipped { line, reason } => {
                skipped_count += 1;
                if skipped.len() < PREVIEW_ROWS {
                    skipped.push(SkippedRow {
                        line: to_u32(line),
                        reason: reason.to_owned(),
                    });
                }
            }
            Outcome::Problem(p) => {
                problem_count += 1;
                if problems.len() < PREVIEW_ROWS {
                    problems.push(ProblemRow {
                        line: to_u32(p.line),
                        column: p.column,
                        reason: p.reason,
                    });
                }
            }
        }
    }
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
        remembered: loaded.remembered,
        rows,
        row_count: to_u32(row_count),
        duplicate_count: to_u32(duplicate_count),
        total,
        skipped,
        skipped_count: to_u32(skipped_count),
        problems,
        problem_count: to_u32(problem_count),
        unknown_categories: unknown,
    })
}

/// An expense as an export row, its category named.
fn export_row(
    e: &coffer_ledger::Expense,
    names: &HashMap<CategoryId, String>,
) -> coffer_export::ExportRow {
    coffer_export::ExportRow {
        date: e.fields.date(),
        amount: e.fields.amount(),
        category: names.get(&e.fields.category()).cloned().unwrap_or_default(),
        description: e.fields.description().to_owned(),
        notes: e.fields.notes().map(str::to_owned),
        payment_method: e.fields.payment_method().map(str::to_owned),
    }
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
        let run = self.import_run(ImportPhase::Reading);
        // The file is read and parsed outside the session lock.
        let loaded = load(&request, currency, |header| {
            self.with_session(|u| recall(u, header))
        })?;
        self.remember_preview(PathBuf::from(&request.path), loaded.fingerprint);
        self.with_session(|u| preview(u, &loaded, &run))
    }

    /// Imports the file as previewed, with the person's choices, as one undoable batch.
    pub fn import_commit(&self, request: ImportCommitRequest) -> Result<ImportBatchView, AppError> {
        let currency = self.with_session(|u| Ok(u.currency))?;
        let run = self.import_run(ImportPhase::Writing);
        let loaded = load(&request.preview, currency, |header| {
            self.with_session(|u| recall(u, header))
        })?;
        // The person chose what to import from the preview: a file that changed since would bring
        // rows nobody saw (and line numbers that point elsewhere).
        if self
            .previewed_fingerprint(Path::new(&request.preview.path))
            .is_some_and(|seen| seen != loaded.fingerprint)
        {
            return Err(unreadable(format!(
                "“{}” changed since its preview. Nothing was imported; open it again to see what it holds now.",
                loaded.name
            )));
        }
        let Some(format) = loaded.format else {
            return Err(AppError::new(
                ErrorCode::AmbiguousDates,
                "These dates read both day-first and month-first: choose the date format.",
            ));
        };
        self.write(|u| {
            let include: HashSet<u32> = request.include_duplicates.iter().copied().collect();
            let chosen: HashMap<String, Option<i64>> = request
                .categories
                .iter()
                .map(|c| (category::fold(&c.name), c.category_id))
                .collect();
            let default = CategoryId(request.default_category_id);
            let currency = u.currency;
            let mut duplicates = Duplicates::new();
            let (batch, ()) = batch::import(
                u.session.connection_mut(),
                now().0,
                &loaded.name,
                |w| -> Result<(), AppError> {
                    // One pass, written as read: the first problem without consent rolls it all
                    // back.
                    let outcomes =
                        coffer_import::outcomes(&loaded.table, &loaded.proposal, format, currency);
                    for (index, outcome) in outcomes.enumerate() {
                        run.row(index + 1)?;
                        let e = match outcome {
                            Outcome::Expense(e) => e,
                            Outcome::Skipped { .. } => continue,
                            Outcome::Problem(_) if request.leave_out_problems => continue,
                            Outcome::Problem(p) => {
                                return Err(AppError::new(
                                    ErrorCode::ImportProblems,
                                    format!(
                                        "Row {}, “{}”: {}. Fix the file, or confirm that rows \
                                         with problems are left out.",
                                        p.line, p.column, p.reason
                                    ),
                                ));
                            }
                        };
                        let duplicate = duplicates
                            .check(&e, || Ok(w.exists(e.date, e.amount, &e.description)?))?;
                        if duplicate && !include.contains(&to_u32(e.line)) {
                            continue;
                        }
                        let category = match &e.category {
                            None => default,
                            Some(name) => match chosen.get(&category::fold(name)) {
                                Some(Some(id)) => CategoryId(*id),
                                _ => w.category_named(name, true)?,
                            },
                        };
                        let fields = e.fields(category).map_err(|err| {
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
            // The next file with this header imports with the same choices in one click. The
            // import is committed already: failing to remember must not report it as failed.
            let remembered = Remembered {
                columns: loaded.columns(),
                date_format: Some(date_format_choice(format)),
                sign: match loaded.proposal.sign {
                    Sign::SpendingNegative => SignChoice::SpendingNegative,
                    Sign::SpendingPositive => SignChoice::SpendingPositive,
                },
            };
            if let Ok(json) = serde_json::to_string(&remembered) {
                let header = batch::header_key(&loaded.proposal.mapping.names);
                let _ = batch::remember(u.session.connection(), &header, &json, now().0);
            }
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
            // Pages are read as the writer asks for rows, so an export of a million expenses
            // holds one page at a time; a failed read ends the rows and is reported below.
            let mut page = Vec::new().into_iter();
            let (mut after, mut last_page) = (None, false);
            let mut read_error = None;
            let rows = std::iter::from_fn(|| {
                loop {
                    if let Some(e) = page.next() {
                        return Some(export_row(&e, &names));
                    }
                    if last_page {
                        return None;
                    }
                    match query::page(conn, &filter, oldest_first, after, 10_000) {
                        Ok(next) => {
                            after = next.next;
                            last_page = after.is_none();
                            page = next.expenses.into_iter();
                        }
                        Err(err) => {
                            read_error = Some(err);
                            return None;
                        }
                    }
                }
            });
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
                    coffer_export::write_csv(std::io::BufWriter::new(file), u.currency, rows)
                        .map_err(|e| failed(&e))?
                }
                ExportFormat::Xlsx => {
                    coffer_export::write_xlsx(path, u.currency, rows).map_err(|e| failed(&e))?
                }
            };
            if let Some(err) = read_error {
                return Err(err.into());
            }
            Ok(u64::try_from(written).unwrap_or(u64::MAX))
        })
    }
}
