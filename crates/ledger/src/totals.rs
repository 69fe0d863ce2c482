//! The maintained aggregates: per month x category totals and counts (`month_total`), changed by the
//! same transaction that changes an expense, so dashboards read a few hundred rows, never a scan.
//!
//! Invariant: for every (month, category), `month_total` holds exactly the sum and count of the
//! expenses with that month and category, and has no row where there are none. Only this crate writes
//! expenses, and every write goes through [`adjust`] (or, in bulk, [`Pending`]).

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::category::CategoryId;
use crate::date::Month;
use crate::error::{Error, Result};

/// Adds `amount` and `count` to one (month, category) cell; a negative `count` takes expenses out
/// (and `amount` is then negative too), removing the cell when none are left.
pub(crate) fn adjust(
    conn: &Connection,
    month: Month,
    category: CategoryId,
    amount: i64,
    count: i64,
) -> Result<()> {
    let key = params![month.key(), category.0, amount, count];
    if count >= 0 {
        conn.prepare_cached(
            "INSERT INTO month_total (month, category_id, total, count) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (month, category_id)
                  DO UPDATE SET total = total + excluded.total, count = count + excluded.count",
        )?
        .execute(key)?;
        return Ok(());
    }
    let changed = conn
        .prepare_cached(
            "UPDATE month_total SET total = total + ?3, count = count + ?4
              WHERE month = ?1 AND category_id = ?2",
        )?
        .execute(key)?;
    if changed != 1 {
        return Err(Error::Damaged {
            reason: format!("the totals for {month} have no entry for an expense in it"),
        });
    }
    conn.prepare_cached(
        "DELETE FROM month_total WHERE month = ?1 AND category_id = ?2 AND count = 0",
    )?
    .execute(params![month.key(), category.0])?;
    Ok(())
}

/// Changes collected in memory during a bulk insert and written once at the end.
#[derive(Debug, Default)]
pub(crate) struct Pending(HashMap<(Month, CategoryId), (i64, i64)>);

impl Pending {
    /// Counts one more expense of `amount`.
    pub(crate) fn add(&mut self, month: Month, category: CategoryId, amount: i64) {
        let cell = self.0.entry((month, category)).or_default();
        cell.0 += amount;
        cell.1 += 1;
    }

    /// Collects the removal of one expense of `amount` in `month` and `category`.
    pub(crate) fn remove(&mut self, month: Month, category: CategoryId, amount: i64) {
        let cell = self.0.entry((month, category)).or_default();
        cell.0 -= amount;
        cell.1 -= 1;
    }

    /// Writes the collected changes.
    pub(crate) fn apply(self, conn: &Connection) -> Result<()> {
        for ((month, category), (amount, count)) in self.0 {
            adjust(conn, month, category, amount, count)?;
        }
        Ok(())
    }
}

/// The total and count of one category in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCategoryTotal {
    /// The month.
    pub month: Month,
    /// The category.
    pub category: CategoryId,
    /// Sum of amounts, minor units.
    pub total: i64,
    /// Number of expenses.
    pub count: i64,
}

/// A sum and count of expenses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    /// Sum of amounts, minor units.
    pub total: i64,
    /// Number of expenses.
    pub count: i64,
}

impl Sum {
    /// Reads a `Sum` from a row whose first two columns are the total and the count.
    pub(crate) fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Sum> {
        Ok(Sum {
            total: row.get(0)?,
            count: row.get(1)?,
        })
    }
}

fn month_total(row: &rusqlite::Row<'_>) -> rusqlite::Result<MonthCategoryTotal> {
    let key: i32 = row.get(0)?;
    let month = Month::from_key(key).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(err))
    })?;
    Ok(MonthCategoryTotal {
        month,
        category: CategoryId(row.get(1)?),
        total: row.get(2)?,
        count: row.get(3)?,
    })
}

/// Totals per month x category over the whole ledger, by month then category.
pub fn by_month_and_category(conn: &Connection) -> Result<Vec<MonthCategoryTotal>> {
    let mut statement = conn.prepare_cached(
        "SELECT month, category_id, total, count FROM month_total ORDER BY month, category_id",
    )?;
    let rows = statement.query_map([], month_total)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Totals per category in `month`, largest first.
pub fn by_category(conn: &Connection, month: Month) -> Result<Vec<MonthCategoryTotal>> {
    let mut statement = conn.prepare_cached(
        "SELECT month, category_id, total, count FROM month_total
          WHERE month = ?1 ORDER BY total DESC, category_id",
    )?;
    let rows = statement.query_map([month.key()], month_total)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The total and count of everything in `month`.
pub fn of_month(conn: &Connection, month: Month) -> Result<Sum> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(total), 0), coalesce(sum(count), 0) FROM month_total WHERE month = ?1",
        )?
        .query_row([month.key()], Sum::from_row)?)
}

/// The total and count of the whole ledger.
pub fn overall(conn: &Connection) -> Result<Sum> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(total), 0), coalesce(sum(count), 0) FROM month_total")?
        .query_row([], Sum::from_row)?)
}
