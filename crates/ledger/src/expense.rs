//! Expenses: validation of what a person (or a file) enters, and every write to the `expense` table —
//! add, edit, delete, undo and bulk insert — each in one transaction with its totals.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension as _, Row, TransactionBehavior, params};

use crate::category::{self, CategoryId};
use crate::date::Date;
use crate::error::{Error, Field, Result};
use crate::money::{self, Currency, MAX_AMOUNT};
use crate::totals::{self, Pending};

/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
/// The longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 2000;
/// The longest payment method, in characters.
pub const MAX_PAYMENT_METHOD_CHARS: usize = 40;

/// An expense's id: also its place in insertion order (ids are never reused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExpenseId(pub i64);

/// A stored expense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expense {
    /// Its id.
    pub id: ExpenseId,
    /// The validated contents.
    pub fields: ExpenseFields,
    /// When it was recorded, Unix seconds.
    pub created_at: i64,
    /// When it was last changed, Unix seconds.
    pub updated_at: i64,
}

/// An expense's contents, validated: only [`ExpenseFields::new`] and [`ExpenseFields::parse`] make one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseFields {
    date: Date,
    amount: i64,
    category: CategoryId,
    description: String,
    notes: Option<String>,
    payment_method: Option<String>,
}

/// What a form (or a file row) holds before validation: text as typed.
#[derive(Debug, Clone, Copy)]
pub struct ExpenseText<'a> {
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// As typed, e.g. `12.34` (see [`money::parse_amount`]).
    pub amount: &'a str,
    /// The chosen category.
    pub category: CategoryId,
    /// 1-200 characters.
    pub description: &'a str,
    /// Up to 2000 characters; empty for none.
    pub notes: &'a str,
    /// Up to 40 characters; empty for none.
    pub payment_method: &'a str,
}

/// Checks a single-line text field (an expense's description or payment method, a category's
/// name): trimmed, within `max` characters, no control characters.
pub(crate) fn line(field: Field, label: &str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars > max {
        return Err(Error::invalid(
            field,
            format!("The {label} has at most {max} characters (this one has {chars})."),
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("The {label} cannot contain line breaks or control characters."),
        ));
    }
    Ok(text.to_owned())
}

fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

impl ExpenseFields {
    /// Validates an expense: amount in 1..=[`MAX_AMOUNT`], description of 1-200 characters on one
    /// line, notes up to 2000 characters (line breaks allowed), payment method up to 40. Text is
    /// trimmed and otherwise kept verbatim, markup and quotes included.
    pub fn new(
        date: Date,
        amount: i64,
        category: CategoryId,
        description: &str,
        notes: Option<&str>,
        payment_method: Option<&str>,
    ) -> Result<ExpenseFields> {
        if amount <= 0 {
            return Err(Error::invalid(
                Field::Amount,
                "The amount must be more than zero.",
            ));
        }
        if amount > MAX_AMOUNT {
            return Err(Error::invalid(
                Field::Amount,
                format!("The amount is too large: at most {MAX_AMOUNT} minor units."),
            ));
        }
        let description = line(
            Field::Description,
            "description",
            description,
            MAX_DESCRIPTION_CHARS,
        )?;
        if description.is_empty() {
            return Err(Error::invalid(
                Field::Description,
                "Describe the expense (e.g. “Weekly shop”).",
            ));
        }
        let notes = notes.unwrap_or("").trim().replace("\r\n", "\n");
        let note_chars = notes.chars().count();
        if note_chars > MAX_NOTES_CHARS {
            return Err(Error::invalid(
                Field::Notes,
                format!(
                    "Notes have at most {MAX_NOTES_CHARS} characters (these have {note_chars})."
                ),
            ));
        }
        if notes
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(Error::invalid(
                Field::Notes,
                "Notes cannot contain control characters.",
            ));
        }
        let payment_method = line(
            Field::PaymentMethod,
            "payment method",
            payment_method.unwrap_or(""),
            MAX_PAYMENT_METHOD_CHARS,
        )?;
        Ok(ExpenseFields {
            date,
            amount,
            category,
            description,
            notes: optional(notes),
            payment_method: optional(payment_method),
        })
    }

    /// Parses and validates form text in the ledger's `currency`.
    pub fn parse(text: &ExpenseText<'_>, currency: Currency) -> Result<ExpenseFields> {
        let date: Date = text
            .date
            .parse()
            .map_err(|err| Error::invalid(Field::Date, capitalise(&format!("{err}."))))?;
        let amount = money::parse_amount(text.amount, currency)
            .map_err(|err| Error::invalid(Field::Amount, capitalise(&format!("{err}."))))?;
        ExpenseFields::new(
            date,
            amount,
            text.category,
            text.description,
            Some(text.notes),
            Some(text.payment_method),
        )
    }

    /// The date.
    pub fn date(&self) -> Date {
        self.date
    }
    /// The amount in minor units (always positive).
    pub fn amount(&self) -> i64 {
        self.amount
    }
    /// The category.
    pub fn category(&self) -> CategoryId {
        self.category
    }
    /// The description.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// The notes, if any.
    pub fn notes(&self) -> Option<&str> {
        self.notes.as_deref()
    }
    /// The payment method, if any.
    pub fn payment_method(&self) -> Option<&str> {
        self.payment_method.as_deref()
    }
}

fn capitalise(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The columns [`from_row`] reads, in order.
pub(crate) const COLUMNS: &str =
    "id, day, amount, category_id, description, notes, payment_method, created_at, updated_at";

/// Reads an expense selected with [`COLUMNS`]. Rows were validated on the way in; a row that no
/// longer is (an edited file) is reported, not trusted.
pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Expense> {
    let day: i32 = row.get(1)?;
    let date = Date::from_day_number(day).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Integer, Box::new(err))
    })?;
    Ok(Expense {
        id: ExpenseId(row.get(0)?),
        fields: ExpenseFields {
            date,
            amount: row.get(2)?,
            category: CategoryId(row.get(3)?),
            description: row.get(4)?,
            notes: row.get(5)?,
            payment_method: row.get(6)?,
        },
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

/// The expense with this id.
pub fn get(conn: &Connection, id: ExpenseId) -> Result<Expense> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM expense WHERE id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(Error::UnknownExpense(id.0))
}

const INSERT: &str = "INSERT INTO expense
     (id, day, amount, category_id, description, notes, payment_method, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

fn insert(
    conn: &Connection,
    id: Option<i64>,
    f: &ExpenseFields,
    created: i64,
    updated: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(INSERT)?.execute(params![
        id,
        f.date.day_number(),
        f.amount,
        f.category.0,
        f.description,
        f.notes,
        f.payment_method,
        created,
        updated,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Records a new expense. `now` (Unix seconds) is its creation and update time.
pub fn add(conn: &mut Connection, fields: &ExpenseFields, now: i64) -> Result<Expense> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    category::ensure_exists(&tx, fields.category)?;
    let id = insert(&tx, None, fields, now, now)?;
    totals::adjust(&tx, fields.date.month(), fields.category, fields.amount, 1)?;
    tx.commit()?;
    Ok(Expense {
        id: ExpenseId(id),
        fields: fields.clone(),
        created_at: now,
        updated_at: now,
    })
}

/// Replaces an expense's contents. `now` (Unix seconds) is its new update time.
pub fn update(
    conn: &mut Connection,
    id: ExpenseId,
    fields: &ExpenseFields,
    now: i64,
) -> Result<Expense> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let old = get(&tx, id)?;
    category::ensure_exists(&tx, fields.category)?;
    tx.prepare_cached(
        "UPDATE expense SET day = ?2, amount = ?3, category_id = ?4, description = ?5, notes = ?6,
                            payment_method = ?7, updated_at = ?8
          WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        fields.date.day_number(),
        fields.amount,
        fields.category.0,
        fields.description,
        fields.notes,
        fields.payment_method,
        now,
    ])?;
    let was = &old.fields;
    totals::adjust(&tx, was.date.month(), was.category, -was.amount, -1)?;
    totals::adjust(&tx, fields.date.month(), fields.category, fields.amount, 1)?;
    tx.commit()?;
    Ok(Expense {
        id,
        fields: fields.clone(),
        created_at: old.created_at,
        updated_at: now,
    })
}

/// Deletes an expense and returns it, so that it can be [`restore`]d (undo).
pub fn delete(conn: &mut Connection, id: ExpenseId) -> Result<Expense> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let old = get(&tx, id)?;
    tx.prepare_cached("DELETE FROM expense WHERE id = ?1")?
        .execute([id.0])?;
    let f = &old.fields;
    totals::adjust(&tx, f.date.month(), f.category, -f.amount, -1)?;
    tx.commit()?;
    Ok(old)
}

/// Puts a deleted expense back exactly as it was: same id (so the same place in insertion order),
/// same times. Refused if it is already there, or if its category has been deleted meanwhile.
pub fn restore(conn: &mut Connection, expense: &Expense) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if tx
        .prepare_cached("SELECT 1 FROM expense WHERE id = ?1")?
        .exists([expense.id.0])?
    {
        return Err(Error::AlreadyRestored(expense.id.0));
    }
    let f = &expense.fields;
    category::ensure_exists(&tx, f.category)?;
    insert(
        &tx,
        Some(expense.id.0),
        f,
        expense.created_at,
        expense.updated_at,
    )?;
    totals::adjust(&tx, f.date.month(), f.category, f.amount, 1)?;
    tx.commit()?;
    Ok(())
}

/// Writes many expenses in one transaction: one prepared statement, categories resolved by name from
/// memory, totals collected in memory and written once. Made by [`bulk`].
pub struct BulkWriter<'t> {
    conn: &'t Connection,
    insert: rusqlite::Statement<'t>,
    /// Folded name → id of every category, including those created by this writer.
    categories: HashMap<String, CategoryId>,
    /// The ids of the same categories.
    category_ids: HashSet<CategoryId>,
    pending: Pending,
    count: usize,
    /// The first and last id inserted (ids only grow within one transaction).
    ids: Option<(i64, i64)>,
    now: i64,
}

impl BulkWriter<'_> {
    /// The category called `name` (ignoring case). A missing one is created with a colour from the
    /// default palette if `create` is set, and is [`Error::UnknownCategory`]-like otherwise.
    pub fn category_named(&mut self, name: &str, create: bool) -> Result<CategoryId> {
        let folded = category::fold(name.trim());
        if let Some(id) = self.categories.get(&folded) {
            return Ok(*id);
        }
        if !create {
            return Err(Error::invalid(
                Field::Category,
                format!(
                    "There is no category called “{}”.",
                    name.trim().chars().take(40).collect::<String>()
                ),
            ));
        }
        let id = category::insert(self.conn, name, None, self.now)?;
        self.categories.insert(folded, id);
        self.category_ids.insert(id);
        Ok(id)
    }

    /// Adds one expense, whose category must exist.
    pub fn insert(&mut self, f: &ExpenseFields) -> Result<()> {
        if !self.category_ids.contains(&f.category) {
            return Err(Error::UnknownCategory(f.category.0));
        }
        self.insert.execute(params![
            None::<i64>,
            f.date.day_number(),
            f.amount,
            f.category.0,
            f.description,
            f.notes,
            f.payment_method,
            self.now,
            self.now,
        ])?;
        self.pending.add(f.date.month(), f.category, f.amount);
        self.count += 1;
        let id = self.conn.last_insert_rowid();
        self.ids = Some(self.ids.map_or((id, id), |(first, _)| (first, id)));
        Ok(())
    }

    /// Whether an expense with this date, amount and description exists already (recorded
    /// before, or added by this writer): one index lookup.
    pub fn exists(&self, date: Date, amount: i64, description: &str) -> Result<bool> {
        crate::batch::exists(self.conn, date, amount, description)
    }

    /// How many expenses were added so far.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// Runs `fill` with a [`BulkWriter`] inside one transaction and commits only if it returns `Ok`: all or
/// nothing, the path imports and the benchmark take. `now` (Unix seconds) is every row's creation time.
pub fn bulk<T, E: From<Error>>(
    conn: &mut Connection,
    now: i64,
    fill: impl FnOnce(&mut BulkWriter<'_>) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(Error::from)?;
    let (value, _) = bulk_in(&tx, now, fill)?;
    tx.commit().map_err(Error::from)?;
    Ok(value)
}

/// [`bulk`] inside the caller's transaction (which commits or rolls back); also returns the first
/// and last id it inserted, if any.
pub(crate) fn bulk_in<T, E: From<Error>>(
    tx: &rusqlite::Transaction<'_>,
    now: i64,
    fill: impl FnOnce(&mut BulkWriter<'_>) -> std::result::Result<T, E>,
) -> std::result::Result<(T, Option<(i64, i64)>), E> {
    let categories: HashMap<String, CategoryId> = category::list(tx)?
        .into_iter()
        .map(|c| (category::fold(&c.name), c.id))
        .collect();
    let mut writer = BulkWriter {
        conn: tx,
        insert: tx.prepare(INSERT).map_err(Error::from)?,
        category_ids: categories.values().copied().collect(),
        categories,
        pending: Pending::default(),
        count: 0,
        ids: None,
        now,
    };
    let value = fill(&mut writer)?;
    let ids = writer.ids;
    writer.pending.apply(tx)?;
    Ok((value, ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{groceries, ledger};

    fn text<'a>(amount: &'a str, date: &'a str, description: &'a str) -> ExpenseText<'a> {
        ExpenseText {
            date,
            amount,
            category: CategoryId(1),
            description,
            notes: "",
            payment_method: "",
        }
    }

    fn code(result: Result<ExpenseFields>) -> &'static str {
        result.expect_err("refused").code()
    }

    #[test]
    fn form_text_is_validated_field_by_field() {
        let eur = Currency::EUR;
        let ok = ExpenseFields::parse(&text("12.34", "2025-03-14", " Weekly shop "), eur)
            .expect("valid");
        assert_eq!(ok.amount(), 1234);
        assert_eq!(ok.description(), "Weekly shop", "trimmed");
        assert_eq!(ok.notes(), None, "empty notes are none");
        for (amount, date, description, expected) in [
            ("0", "2025-03-14", "x", "invalid_amount"),
            ("-3", "2025-03-14", "x", "invalid_amount"),
            ("abc", "2025-03-14", "x", "invalid_amount"),
            ("1000000000", "2025-03-14", "x", "invalid_amount"),
            ("1", "2025-02-30", "x", "invalid_date"),
            ("1", "14/03/2025", "x", "invalid_date"),
            ("1", "2025-03-14", "", "invalid_description"),
            ("1", "2025-03-14", "   ", "invalid_description"),
            ("1", "2025-03-14", "two\nlines", "invalid_description"),
        ] {
            assert_eq!(
                code(ExpenseFields::parse(&text(amount, date, description), eur)),
                expected,
                "{amount:?} {date:?} {description:?}"
            );
        }
        let paste = "x".repeat(10_000);
        let err = ExpenseFields::parse(&text("1", "2025-03-14", &paste), eur).expect_err("long");
        assert_eq!(err.code(), "invalid_description");
        assert!(err.to_string().contains("10000"), "says how long: {err}");
        let long_notes = ExpenseText {
            notes: &paste,
            ..text("1", "2025-03-14", "x")
        };
        assert_eq!(
            code(ExpenseFields::parse(&long_notes, eur)),
            "invalid_notes"
        );
        let method = "v".repeat(41);
        let long_method = ExpenseText {
            payment_method: &method,
            ..text("1", "2025-03-14", "x")
        };
        assert_eq!(
            code(ExpenseFields::parse(&long_method, eur)),
            "invalid_payment_method"
        );
        let multi_line_notes = ExpenseText {
            notes: "line one\r\nline two",
            ..text("1", "2025-03-14", "x")
        };
        let parsed = ExpenseFields::parse(&multi_line_notes, eur).expect("notes may have lines");
        assert_eq!(parsed.notes(), Some("line one\nline two"));
    }

    #[test]
    fn add_edit_delete_and_undo_keep_everything_in_step() {
        let mut conn = ledger();
        let cat = groceries(&conn);
        let f = |amount, date: &str| {
            ExpenseFields::new(date.parse().expect("date"), amount, cat, "Shop", None, None)
                .expect("valid")
        };
        let a = add(&mut conn, &f(1000, "2025-03-14"), 100).expect("added");
        let b = add(&mut conn, &f(250, "2025-03-20"), 101).expect("added");
        assert!(b.id > a.id, "ids grow in insertion order");
        let march = "2025-03".parse().expect("month");
        assert_eq!(totals::of_month(&conn, march).expect("read").total, 1250);

        let edited = update(&mut conn, a.id, &f(400, "2025-04-01"), 200).expect("edited");
        assert_eq!((edited.created_at, edited.updated_at), (100, 200));
        assert_eq!(get(&conn, a.id).expect("there"), edited);
        assert_eq!(totals::of_month(&conn, march).expect("read").total, 250);
        let april = "2025-04".parse().expect("month");
        assert_eq!(totals::of_month(&conn, april).expect("read").total, 400);

        let deleted = delete(&mut conn, b.id).expect("deleted");
        assert_eq!(
            get(&conn, b.id).expect_err("gone").code(),
            "unknown_expense"
        );
        assert_eq!(
            totals::by_category(&conn, march).expect("read"),
            vec![],
            "an empty cell is removed, not left at zero"
        );
        restore(&mut conn, &deleted).expect("undone");
        assert_eq!(
            get(&conn, b.id).expect("back"),
            deleted,
            "same id and times"
        );
        assert_eq!(totals::of_month(&conn, march).expect("read").total, 250);
        assert_eq!(
            restore(&mut conn, &deleted).expect_err("twice").code(),
            "already_restored"
        );
    }

    #[test]
    fn unknown_ids_change_nothing() {
        let mut conn = ledger();
        let bad = ExpenseFields::new(
            "2025-03-14".parse().expect("date"),
            100,
            CategoryId(999),
            "x",
            None,
            None,
        )
        .expect("valid on its own");
        assert_eq!(
            add(&mut conn, &bad, 1).expect_err("no category").code(),
            "unknown_category"
        );
        assert_eq!(
            update(&mut conn, ExpenseId(5), &bad, 1)
                .expect_err("no expense")
                .code(),
            "unknown_expense"
        );
        assert_eq!(
            delete(&mut conn, ExpenseId(5))
                .expect_err("no expense")
                .code(),
            "unknown_expense"
        );
        assert_eq!(
            totals::overall(&conn).expect("read"),
            totals::Sum::default()
        );
    }

    #[test]
    fn a_bulk_insert_is_all_or_nothing() {
        let mut conn = ledger();
        let cat = groceries(&conn);
        let row = |amount, category| {
            ExpenseFields::new(
                "2025-03-14".parse().expect("date"),
                amount,
                category,
                "x",
                None,
                None,
            )
            .expect("valid")
        };
        let err = bulk(&mut conn, 1, |w| {
            w.insert(&row(1, cat))?;
            w.category_named("Brand new", true)?;
            w.insert(&row(2, CategoryId(999)))
        })
        .expect_err("unknown category");
        assert_eq!(err.code(), "unknown_category");
        let err = bulk(&mut conn, 1, |w| w.category_named("Nope", false).map(drop))
            .expect_err("not allowed to create");
        assert_eq!(err.code(), "invalid_category");
        assert_eq!(
            totals::overall(&conn).expect("read").count,
            0,
            "nothing stayed"
        );
        assert_eq!(
            category::find_by_name(&conn, "brand new").expect("read"),
            None,
            "the category created in the failed run is gone too"
        );

        let n = bulk(&mut conn, 1, |w| {
            let new = w.category_named(" Brand New ", true)?;
            assert_eq!(
                w.category_named("BRAND NEW", true)?,
                new,
                "found, not created twice"
            );
            for (amount, category) in [(1, cat), (2, new), (3, cat)] {
                w.insert(&row(amount, category))?;
            }
            Ok::<_, Error>(w.count())
        })
        .expect("inserted");
        assert_eq!(n, 3);
        assert_eq!(
            totals::overall(&conn).expect("read"),
            totals::Sum { total: 6, count: 3 }
        );
    }

    #[test]
    fn markup_quotes_and_sql_are_stored_verbatim() {
        let mut conn = ledger();
        let cat = groceries(&conn);
        for text in [
            "<img src=x onerror=alert(1)>",
            "'; DROP TABLE expense; --",
            "Robert \"Bobby\" Tables",
            "100% off_sale \\ backslash",
        ] {
            let f = ExpenseFields::new(
                "2025-03-14".parse().expect("date"),
                1,
                cat,
                text,
                Some(text),
                Some("<b>card</b>"),
            )
            .expect("any text is valid");
            let stored = add(&mut conn, &f, 1).expect("added");
            let read = get(&conn, stored.id).expect("read back");
            assert_eq!(read.fields.description(), text);
            assert_eq!(read.fields.notes(), Some(text));
            assert_eq!(read.fields.payment_method(), Some("<b>card</b>"));
        }
    }
}
