//! Fixtures shared by the unit tests: a migrated in-memory ledger.

use rusqlite::Connection;

use crate::category::{self, CategoryId};
use crate::date::Date;
use crate::expense::{self, ExpenseFields};

/// A fresh, migrated in-memory ledger.
pub(crate) fn ledger() -> Connection {
    coffer_sqlite3mc_sys::link();
    let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("foreign keys on, as in the app");
    crate::migrate(&mut conn, 1_700_000_000).expect("migrates");
    conn
}

/// The seeded Groceries category.
pub(crate) fn groceries(conn: &Connection) -> CategoryId {
    category::find_by_name(conn, "Groceries")
        .expect("read")
        .expect("seeded")
}

/// Records an expense of `amount` minor units in `category` on `day` (`YYYY-MM-DD`).
pub(crate) fn spend(conn: &mut Connection, category: CategoryId, day: &str, amount: i64) {
    let fields = ExpenseFields::new(
        day.parse::<Date>().expect("date"),
        amount,
        category,
        "x",
        None,
        None,
    )
    .expect("fields");
    expense::add(conn, &fields, 0).expect("added");
}
