//! The checks run on a profile's ledger after every kill: imports entirely present or entirely absent,
//! every committed change there and no uncommitted one, and the maintained month totals equal to a
//! recomputation from the expenses. Each check returns the problems it found, in words; an empty list
//! means it passed. They take any connection, so a test can hand them a ledger damaged on purpose.

use std::collections::{BTreeMap, BTreeSet};

use coffer_ledger::Date;
use coffer_ledger::budget::{self, Scope};
use coffer_vault::rusqlite::{Connection, OptionalExtension as _};

use crate::Failure;
use crate::intent::{BatchRecord, Model};
use crate::workload::{HAND_PREFIX, budget_month};

/// At most this many problems of one kind are spelled out.
const SHOWN: usize = 8;

fn push_limited(problems: &mut Vec<String>, hidden: &mut usize, problem: String) {
    if problems.len() < SHOWN {
        problems.push(problem);
    } else {
        *hidden += 1;
    }
}

fn finish(mut problems: Vec<String>, hidden: usize) -> Vec<String> {
    if hidden > 0 {
        problems.push(format!("… and {hidden} more"));
    }
    problems
}

/// An `import_batch` row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StoredBatch {
    id: i64,
    source: String,
    first: i64,
    last: i64,
}

fn stored_batches(conn: &Connection) -> Result<Vec<StoredBatch>, Failure> {
    let mut statement = conn
        .prepare("SELECT id, source, first_expense, last_expense FROM import_batch ORDER BY id")?;
    let rows = statement.query_map([], |row| {
        Ok(StoredBatch {
            id: row.get(0)?,
            source: row.get(1)?,
            first: row.get(2)?,
            last: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn count_between(conn: &Connection, first: i64, last: i64) -> Result<i64, Failure> {
    Ok(conn.query_row(
        "SELECT count(*) FROM expense WHERE id BETWEEN ?1 AND ?2",
        [first, last],
        |row| row.get(0),
    )?)
}

/// Every import entirely present or entirely absent: the `import_batch` rows are exactly the
/// `committed` batches (id, file name, id range), each range holds exactly the batch's `rows`
/// expenses, and the range of every `undone` batch is empty.
pub fn check_batches(
    conn: &Connection,
    committed: &[BatchRecord],
    undone: &[BatchRecord],
) -> Result<Vec<String>, Failure> {
    let mut problems = Vec::new();
    let mut hidden = 0;
    let stored = stored_batches(conn)?;
    let expected: BTreeMap<i64, &BatchRecord> = committed.iter().map(|b| (b.id, b)).collect();
    for batch in &stored {
        match expected.get(&batch.id) {
            None => push_limited(
                &mut problems,
                &mut hidden,
                format!(
                    "import batch {} ({}) is in the ledger but was never committed",
                    batch.id, batch.source
                ),
            ),
            Some(record)
                if record.source != batch.source
                    || record.first != batch.first
                    || record.last != batch.last =>
            {
                push_limited(
                    &mut problems,
                    &mut hidden,
                    format!(
                        "import batch {} is recorded as {} ids {}..={}, but was committed as {} ids {}..={}",
                        batch.id,
                        batch.source,
                        batch.first,
                        batch.last,
                        record.source,
                        record.first,
                        record.last
                    ),
                );
            }
            Some(_) => {}
        }
    }
    let stored_ids: BTreeSet<i64> = stored.iter().map(|b| b.id).collect();
    for record in committed {
        if !stored_ids.contains(&record.id) {
            push_limited(
                &mut problems,
                &mut hidden,
                format!(
                    "committed import batch {} ({}, {} rows) is missing",
                    record.id, record.source, record.rows
                ),
            );
            continue;
        }
        let span = record.last - record.first + 1;
        let present = count_between(conn, record.first, record.last)?;
        if i64::try_from(record.rows).ok() != Some(present) || span != present {
            push_limited(
                &mut problems,
                &mut hidden,
                format!(
                    "import batch {} ({}) is half there: {present} of its {} expenses (ids {}..={})",
                    record.id, record.source, record.rows, record.first, record.last
                ),
            );
        }
    }
    for record in undone {
        let present = count_between(conn, record.first, record.last)?;
        if present != 0 {
            push_limited(
                &mut problems,
                &mut hidden,
                format!(
                    "undone import batch {} ({}) still has {present} expenses",
                    record.id, record.source
                ),
            );
        }
    }
    Ok(finish(problems, hidden))
}

/// No expense outside the id range of every recorded import except the hand-entered ones in `hand`,
/// and every one of those there: an expense of an import that was not recorded (a half-committed
/// batch) shows up here.
pub fn check_loose_expenses(
    conn: &Connection,
    hand: &BTreeSet<i64>,
) -> Result<Vec<String>, Failure> {
    let ranges: Vec<(i64, i64)> = stored_batches(conn)?
        .into_iter()
        .map(|b| (b.first, b.last))
        .collect();
    let mut problems = Vec::new();
    let mut hidden = 0;
    let mut seen = BTreeSet::new();
    let mut statement = conn.prepare("SELECT id, description FROM expense ORDER BY id")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if ranges
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&id))
        {
            continue;
        }
        let description: String = row.get(1)?;
        if hand.contains(&id) && description.starts_with(HAND_PREFIX) {
            seen.insert(id);
        } else {
            push_limited(
                &mut problems,
                &mut hidden,
                format!(
                    "expense {id} ({description:?}) belongs to no recorded import and was not entered by hand"
                ),
            );
        }
    }
    for id in hand.difference(&seen) {
        push_limited(
            &mut problems,
            &mut hidden,
            format!("hand-entered expense {id} is missing"),
        );
    }
    Ok(finish(problems, hidden))
}

/// The maintained `month_total` (sum and count per month × category) equals a recomputation over
/// `expense`, with no row where there is no expense.
pub fn check_totals(conn: &Connection) -> Result<Vec<String>, Failure> {
    let mut recomputed: BTreeMap<(i32, i64), (i64, i64)> = BTreeMap::new();
    {
        let mut statement = conn.prepare("SELECT day, category_id, amount FROM expense")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let day: i32 = row.get(0)?;
            let month = Date::from_day_number(day)
                .map_err(|err| Failure(format!("an expense has an impossible day {day}: {err}")))?
                .month()
                .key();
            let cell = recomputed.entry((month, row.get(1)?)).or_default();
            cell.0 += row.get::<_, i64>(2)?;
            cell.1 += 1;
        }
    }
    let mut stored: BTreeMap<(i32, i64), (i64, i64)> = BTreeMap::new();
    {
        let mut statement =
            conn.prepare("SELECT month, category_id, total, count FROM month_total")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            stored.insert((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?));
        }
    }
    let mut problems = Vec::new();
    let mut hidden = 0;
    let keys: BTreeSet<(i32, i64)> = recomputed.keys().chain(stored.keys()).copied().collect();
    for key in keys {
        let (want, have) = (recomputed.get(&key), stored.get(&key));
        if want != have {
            let show = |cell: Option<&(i64, i64)>| {
                cell.map_or_else(|| "no row".to_owned(), |(t, c)| format!("{t} in {c}"))
            };
            push_limited(
                &mut problems,
                &mut hidden,
                format!(
                    "month_total of month key {} × category {}: stored {}, recomputed {}",
                    key.0,
                    key.1,
                    show(have),
                    show(want)
                ),
            );
        }
    }
    Ok(finish(problems, hidden))
}

/// The amount of expense `id`, if it exists.
pub fn amount_of(conn: &Connection, id: i64) -> Result<Option<i64>, Failure> {
    Ok(conn
        .query_row("SELECT amount FROM expense WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?)
}

/// The overall budget of the workload's budget month, if one is set.
pub fn overall_budget(conn: &Connection) -> Result<Option<i64>, Failure> {
    Ok(budget::lines(conn, budget_month()?)?
        .into_iter()
        .find(|line| line.scope == Scope::Overall)
        .and_then(|line| line.setting)
        .map(|setting| setting.amount))
}

/// The name of category `id`, if it exists.
pub fn category_name(conn: &Connection, id: i64) -> Result<Option<String>, Failure> {
    Ok(conn
        .query_row("SELECT name FROM category WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?)
}

/// Everything the model says about the ledger: the batch, loose-expense and totals checks, plus every
/// edited amount, every deletion, the budget and the category name. Problems are grouped by check.
pub fn check_ledger(conn: &Connection, model: &Model) -> Result<LedgerFindings, Failure> {
    let committed: Vec<BatchRecord> = model.batches.values().cloned().collect();
    let batches = check_batches(conn, &committed, &model.undone)?;
    let hand: BTreeSet<i64> = model.hand.keys().copied().collect();
    let loose = check_loose_expenses(conn, &hand)?;
    let totals = check_totals(conn)?;
    let mut changes = Vec::new();
    let mut hidden = 0;
    for (id, amount) in model.hand.iter().chain(&model.edited) {
        match amount_of(conn, *id)? {
            Some(found) if found == *amount => {}
            found => push_limited(
                &mut changes,
                &mut hidden,
                format!("expense {id} should have the amount {amount}, found {found:?}"),
            ),
        }
    }
    for id in &model.deleted {
        if amount_of(conn, *id)?.is_some() {
            push_limited(
                &mut changes,
                &mut hidden,
                format!("deleted expense {id} is back"),
            );
        }
    }
    let budget = overall_budget(conn)?;
    if budget != model.budget {
        changes.push(format!(
            "the overall budget is {budget:?}, the last committed change set {:?}",
            model.budget
        ));
    }
    let category = model.setup()?.category;
    let name = category_name(conn, category)?;
    if name.as_deref() != Some(model.category_name.as_str()) {
        changes.push(format!(
            "category {category} is called {name:?}, the last committed rename made it {:?}",
            model.category_name
        ));
    }
    Ok(LedgerFindings {
        batches: [batches, loose].concat(),
        totals,
        changes: finish(changes, hidden),
    })
}

/// What [`check_ledger`] found, by check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerFindings {
    /// Imports not entirely present or absent, and expenses of no recorded import.
    pub batches: Vec<String>,
    /// Month totals that differ from the recomputation.
    pub totals: Vec<String>,
    /// Committed single changes lost, or uncommitted ones present.
    pub changes: Vec<String>,
}
