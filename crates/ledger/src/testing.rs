//! Fixtures shared by the unit tests: a migrated in-memory ledger.

use rusqlite::Connection;

use crate::category::{self, CategoryId};

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
