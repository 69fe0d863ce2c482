//! Coffer's ledger: the schema of one profile's database and the versioned migrations that build it.
//!
//! The ledger works on an already-open [`rusqlite::Connection`]; in the app that is the encrypted
//! connection of an unlocked `coffer_vault::Session`, in tests any connection will do. This crate neither
//! opens files nor knows about keys.
//!
//! # Migrations
//!
//! The schema version lives in SQLite's `PRAGMA user_version`. [`migrate`] applies every pending
//! migration in order, each in its own `IMMEDIATE` transaction together with the `user_version` bump, so
//! a failure (or a crash) leaves the ledger at the last fully applied version. A ledger whose version is
//! newer than [`SCHEMA_VERSION`] was written by a newer Coffer and is refused, never downgraded.
//!
//! # Data
//!
//! [`category`] and [`expense`] are the only writers of their tables; every write is one transaction
//! that also keeps [`totals`] (per month x category sums and counts) exact, which is what dashboards
//! read. [`query`] pages through expenses by keyset. [`budget`] keeps the history of monthly budgets,
//! [`batch`] records each import so it can be undone exactly,
//! [`pace`] projects a month to its end, [`privacy`] keeps the profile's own privacy choices, [`report`] sums any period and choice of categories for
//! the reports screen, and [`alert`] decides, once per (budget, month,
//! threshold), when spending has reached a threshold. Money is `i64` minor units of the ledger's
//! [`Currency`]; dates are [`Date`]s. No function here reads the clock: times are passed in.
//!
//! To change the schema, append a [`Migration`] to `MIGRATIONS` in `migrations.rs`. Never edit or
//! reorder one that has shipped.

pub mod alert;
pub mod batch;
pub mod budget;
pub mod category;
pub mod date;
mod error;
pub mod expense;
mod migrations;
pub mod money;
pub mod pace;
pub mod privacy;
pub mod query;
pub mod report;
pub mod totals;

#[cfg(test)]
mod testing;

use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior};

pub use category::{Category, CategoryId};
pub use date::{Date, DateError, Month};
pub use error::{Error, Field, Result};
pub use expense::{Expense, ExpenseFields, ExpenseId, ExpenseText};
pub use migrations::{Migration, MigrationContext};
pub use money::{Currency, MAX_AMOUNT};

/// The schema version this build of Coffer creates and understands: the number of migrations.
pub const SCHEMA_VERSION: u32 = migrations::MIGRATIONS.len() as u32;
const _: () = assert!(
    SCHEMA_VERSION >= 1,
    "there is always at least the first migration"
);

/// Brings the ledger on `conn` up to [`SCHEMA_VERSION`] and returns that version.
///
/// `now_unix_seconds` is the current time (seconds since the Unix epoch, UTC), recorded as the ledger's
/// creation time by the first migration; the crate never reads the clock itself. Running it again is a
/// no-op. A ledger from a newer Coffer is [`Error::NewerSchema`] and is left untouched; a failing
/// migration is [`Error::Migration`] and leaves the ledger at the previous version.
pub fn migrate(conn: &mut Connection, now_unix_seconds: i64) -> Result<u32> {
    migrations::apply(conn, migrations::MIGRATIONS, now_unix_seconds)
}

/// What the ledger says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerOverview {
    /// The ledger's schema version (equal to [`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// When the ledger was created, in seconds since the Unix epoch (UTC).
    pub created_at: i64,
}

/// Reads the ledger's [`LedgerOverview`]. The ledger must be migrated ([`Error::NotMigrated`] otherwise).
pub fn overview(conn: &Connection) -> Result<LedgerOverview> {
    let schema_version = migrations::schema_version(conn)?;
    if schema_version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found: schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    if schema_version < SCHEMA_VERSION {
        return Err(Error::NotMigrated {
            found: schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    let created_at: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'created_at'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let created_at = created_at
        .ok_or_else(|| Error::Damaged {
            reason: "its creation time is missing".into(),
        })?
        .parse()
        .map_err(|_| Error::Damaged {
            reason: "its creation time is not a number".into(),
        })?;
    Ok(LedgerOverview {
        schema_version,
        created_at,
    })
}

/// The ledger's currency.
pub fn currency(conn: &Connection) -> Result<Currency> {
    let code: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'currency'", [], |row| {
            row.get(0)
        })
        .optional()?;
    let code = code.ok_or_else(|| Error::Damaged {
        reason: "its currency is missing".into(),
    })?;
    Currency::from_code(&code).ok_or_else(|| Error::Damaged {
        reason: format!("its currency “{code}” is unknown"),
    })
}

/// Sets the ledger's currency: allowed only while it has no expenses, since amounts are stored in the
/// currency's minor units and would otherwise change meaning.
pub fn set_currency(conn: &mut Connection, currency: Currency) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let has_expenses = tx.prepare("SELECT 1 FROM expense LIMIT 1")?.exists([])?;
    if has_expenses && self::currency(&tx)? != currency {
        return Err(Error::invalid(
            Field::Currency,
            "The currency cannot change once expenses are recorded.",
        ));
    }
    tx.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'currency'",
        [currency.code()],
    )?;
    tx.commit()?;
    Ok(())
}

/// The `meta` value under `key`, if any.
pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

/// Sets the `meta` value under `key` (inside the caller's transaction, if any).
pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
