//! Imports as batches: each import is one transaction that records which expenses it added, so
//! "Undo import" removes exactly those, and nothing else.
//!
//! Expense ids are AUTOINCREMENT and an import is a single writer in one IMMEDIATE transaction,
//! so the expenses of a batch are exactly the ids `first..=last` it recorded: no column on the
//! expense table is needed. An expense of a batch that was edited since still belongs to it; one
//! that was deleted is simply no longer there to remove.

use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use crate::CategoryId;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::expense::{BulkWriter, bulk_in};
use crate::totals::Pending;

/// An import's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BatchId(pub i64);

/// An import as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Its id.
    pub id: BatchId,
    /// The imported file's name.
    pub source: String,
    /// When (Unix seconds).
    pub created_at: i64,
    /// Expenses it added that are still there.
    pub count: i64,
    /// Their sum, minor units.
    pub total: i64,
}

/// Runs `fill` like [`crate::expense::bulk`] and records the expenses it added as one batch
/// named `source` (the file name). All or nothing; an import that adds nothing is refused.
pub fn import<T, E: From<Error>>(
    conn: &mut Connection,
    now: i64,
    source: &str,
    fill: impl FnOnce(&mut BulkWriter<'_>) -> std::result::Result<T, E>,
) -> std::result::Result<(Batch, T), E> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(Error::from)?;
    let (value, ids) = bulk_in(&tx, now, fill)?;
    let Some((first, last)) = ids else {
        return Err(Error::NothingToImport.into());
    };
    let (count, total): (i64, i64) = tx
        .query_row(
            "SELECT count(*), coalesce(sum(amount), 0) FROM expense WHERE id BETWEEN ?1 AND ?2",
            [first, last],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(Error::from)?;
    tx.execute(
        "INSERT INTO import_batch (created_at, source, first_expense, last_expense)
         VALUES (?1, ?2, ?3, ?4)",
        params![now, source, first, last],
    )
    .map_err(Error::from)?;
    let id = BatchId(tx.last_insert_rowid());
    tx.commit().map_err(Error::from)?;
    Ok((
        Batch {
            id,
            source: source.to_owned(),
            created_at: now,
            count,
            total,
        },
        value,
    ))
}

/// Every import, newest first, with what is left of it.
pub fn list(conn: &Connection) -> Result<Vec<Batch>> {
    let mut statement = conn.prepare_cached(
        "SELECT b.id, b.source, b.created_at,
                (SELECT count(*) FROM expense e WHERE e.id BETWEEN b.first_expense AND b.last_expense),
                (SELECT coalesce(sum(amount), 0) FROM expense e
                  WHERE e.id BETWEEN b.first_expense AND b.last_expense)
           FROM import_batch b ORDER BY b.id DESC",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Batch {
            id: BatchId(row.get(0)?),
            source: row.get(1)?,
            created_at: row.get(2)?,
            count: row.get(3)?,
            total: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes every expense an import added (those still there) and forgets the import, in one
/// transaction that keeps the totals exact. Returns how many expenses were removed. Categories
/// the import created stay (they may have been used since).
pub fn undo(conn: &mut Connection, id: BatchId) -> Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (first, last): (i64, i64) = tx
        .query_row(
            "SELECT first_expense, last_expense FROM import_batch WHERE id = ?1",
            [id.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or(Error::UnknownImport(id.0))?;
    let mut pending = Pending::default();
    let mut removed = 0usize;
    {
        let mut statement =
            tx.prepare("SELECT day, category_id, amount FROM expense WHERE id BETWEEN ?1 AND ?2")?;
        let mut rows = statement.query([first, last])?;
        while let Some(row) = rows.next()? {
            let day: i32 = row.get(0)?;
            let date = Date::from_day_number(day).map_err(|err| Error::Damaged {
                reason: format!("an expense has an impossible date: {err}"),
            })?;
            pending.remove(date.month(), CategoryId(row.get(1)?), row.get(2)?);
            removed += 1;
        }
    }
    tx.execute(
        "DELETE FROM expense WHERE id BETWEEN ?1 AND ?2",
        [first, last],
    )?;
    pending.apply(&tx)?;
    tx.execute("DELETE FROM import_batch WHERE id = ?1", [id.0])?;
    tx.commit()?;
    Ok(removed)
}

/// Whether an expense with this date, amount and description exists: a likely duplicate of a
/// row being imported (one lookup on the day index).
pub fn exists(conn: &Connection, date: Date, amount: i64, description: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM expense WHERE day = ?1 AND amount = ?2 AND description = ?3 LIMIT 1",
        )?
        .exists(params![date.day_number(), amount, description])?)
}

/// The header row's key for [`remember`] and [`recall`]: its cells, trimmed, joined by U+001F.
pub fn header_key(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Remembers `choice` (opaque to the ledger) for files whose header row is `header`, so the next
/// export from the same bank imports in one click.
pub fn remember(conn: &Connection, header: &str, choice: &str, now: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_mapping (header, choice, used_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (header) DO UPDATE SET choice = excluded.choice, used_at = excluded.used_at",
    )?
    .execute(params![header, choice, now])?;
    Ok(())
}

/// The choice remembered for `header`, if any.
pub fn recall(conn: &Connection, header: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT choice FROM import_mapping WHERE header = ?1")?
        .query_row([header], |row| row.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{groceries, ledger};
    use crate::{ExpenseFields, expense, totals};

    fn fields(day: &str, amount: i64, category: CategoryId, description: &str) -> ExpenseFields {
        ExpenseFields::new(
            day.parse().expect("date"),
            amount,
            category,
            description,
            None,
            None,
        )
        .expect("valid")
    }

    fn recomputed(conn: &Connection) -> Vec<(i64, i64)> {
        conn.prepare("SELECT category_id, sum(amount) FROM expense GROUP BY category_id ORDER BY 1")
            .expect("prepared")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("queried")
            .collect::<rusqlite::Result<_>>()
            .expect("read")
    }

    fn maintained(conn: &Connection) -> Vec<(i64, i64)> {
        conn.prepare(
            "SELECT category_id, sum(total) FROM month_total GROUP BY category_id
              HAVING sum(count) > 0 ORDER BY 1",
        )
        .expect("prepared")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("queried")
        .collect::<rusqlite::Result<_>>()
        .expect("read")
    }

    #[test]
    fn undo_removes_exactly_the_batch_and_keeps_totals_exact() {
        let mut conn = ledger();
        let food = groceries(&conn);
        let mine = expense::add(&mut conn, &fields("2025-03-01", 500, food, "Mine"), 0)
            .expect("added by hand");
        let (batch, ()) = import(&mut conn, 10, "march.csv", |w| -> Result<()> {
            w.insert(&fields("2025-03-02", 100, food, "A"))?;
            let rent = w.category_named("Miete", true)?;
            w.insert(&fields("2025-04-02", 70_000, rent, "B"))?;
            w.insert(&fields("2025-03-03", 250, food, "C"))
        })
        .expect("imported");
        assert_eq!(
            (batch.count, batch.total, batch.source.as_str()),
            (3, 70_350, "march.csv")
        );
        let after_hand = expense::add(&mut conn, &fields("2025-03-05", 7, food, "Later"), 20)
            .expect("added later");
        assert_eq!(list(&conn).expect("listed"), std::slice::from_ref(&batch));

        assert_eq!(undo(&mut conn, batch.id).expect("undone"), 3);
        let left: Vec<i64> = conn
            .prepare("SELECT id FROM expense ORDER BY id")
            .expect("prepared")
            .query_map([], |r| r.get(0))
            .expect("queried")
            .collect::<rusqlite::Result<_>>()
            .expect("read");
        assert_eq!(left, [mine.id.0, after_hand.id.0], "only the batch went");
        assert_eq!(maintained(&conn), recomputed(&conn));
        assert_eq!(totals::overall(&conn).expect("total").total, 507);
        assert!(list(&conn).expect("listed").is_empty());
        let err = undo(&mut conn, batch.id).expect_err("already undone");
        assert_eq!(err.code(), "unknown_import");
    }

    #[test]
    fn a_failing_import_writes_nothing_and_an_empty_one_is_refused() {
        let mut conn = ledger();
        let food = groceries(&conn);
        let failed = import(&mut conn, 0, "bad.csv", |w| -> Result<()> {
            w.insert(&fields("2025-03-02", 100, food, "A"))?;
            w.category_named("New one", true)?;
            w.insert(&fields("2025-03-02", 100, CategoryId(999), "B"))
        });
        assert!(failed.is_err());
        assert_eq!(totals::overall(&conn).expect("total").count, 0);
        assert!(list(&conn).expect("listed").is_empty());
        assert_eq!(
            crate::category::find_by_name(&conn, "New one").expect("read"),
            None
        );
        let empty = import(&mut conn, 0, "empty.csv", |_| -> Result<()> { Ok(()) });
        assert!(empty.is_err(), "nothing to import");
    }

    #[test]
    fn a_mapping_is_remembered_per_header() {
        let conn = ledger();
        let header = header_key(&[" Date".into(), "Amount ".into()]);
        assert_eq!(header, "Date\u{1f}Amount");
        assert_eq!(recall(&conn, &header).expect("read"), None);
        remember(&conn, &header, "first", 1).expect("stored");
        remember(&conn, &header, "second", 2).expect("replaced");
        assert_eq!(
            recall(&conn, &header).expect("read").as_deref(),
            Some("second")
        );
        assert_eq!(recall(&conn, "Date").expect("read"), None);
    }

    #[test]
    fn duplicates_are_found_by_date_amount_and_description() {
        let mut conn = ledger();
        let food = groceries(&conn);
        expense::add(&mut conn, &fields("2025-03-01", 500, food, "Bakery"), 0).expect("added");
        let day = "2025-03-01".parse().expect("date");
        let other = "2025-03-02".parse().expect("date");
        let found: Vec<bool> = [
            (day, 500, "Bakery"),
            (day, 501, "Bakery"),
            (other, 500, "Bakery"),
            (day, 500, "bakery"),
        ]
        .into_iter()
        .map(|(d, a, t)| exists(&conn, d, a, t).expect("checked"))
        .collect();
        assert_eq!(found, [true, false, false, false]);
    }
}
