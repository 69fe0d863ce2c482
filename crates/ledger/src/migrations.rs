//! The ordered list of schema migrations and the machinery that applies them.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// What a migration may need besides the transaction.
#[derive(Debug, Clone, Copy)]
pub struct MigrationContext {
    /// The time [`crate::migrate`] was called with, in seconds since the Unix epoch.
    pub now_unix_seconds: i64,
}

/// One step of the schema: migration number `n` (1-based position in the list) turns version `n - 1`
/// into version `n`.
#[derive(Clone, Copy)]
pub struct Migration {
    /// A short description, for errors and reviews.
    pub description: &'static str,
    /// Applies the change inside the given transaction. Must not commit, and must not touch
    /// `user_version` (the runner does both).
    pub apply: fn(&Transaction<'_>, &MigrationContext) -> rusqlite::Result<()>,
}

impl std::fmt::Debug for Migration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migration")
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

/// Every migration, oldest first. Append only.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        description: "meta table with the ledger's creation time",
        apply: m0001_meta,
    },
    Migration {
        description: "expenses, categories (seeded), month x category totals, currency",
        apply: m0002_expenses,
    },
    Migration {
        description: "budgets (history of changes per scope), alert records, alert settings",
        apply: m0003_budgets,
    },
    Migration {
        description: "import batches (id ranges of the expenses each import added)",
        apply: m0004_import_batches,
    },
    Migration {
        description: "import mappings remembered per header row",
        apply: m0005_import_mappings,
    },
];

fn m0001_meta(tx: &Transaction<'_>, context: &MigrationContext) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE meta (
             key   TEXT PRIMARY KEY,
             value TEXT NOT NULL
         ) STRICT;",
    )?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('created_at', ?1)",
        [context.now_unix_seconds.to_string()],
    )?;
    Ok(())
}

fn m0002_expenses(tx: &Transaction<'_>, context: &MigrationContext) -> rusqlite::Result<()> {
    // `folded` is the name lower-cased by Rust (Unicode-aware, unlike SQLite's NOCASE), so
    // "Café" and "CAFÉ" collide. `day` is days since 1970-01-01, `amount` minor units.
    // AUTOINCREMENT: ids are never reused, so an undone delete can put an expense back under
    // its old id (and so its place in insertion order).
    tx.execute_batch(
        "CREATE TABLE category (
             id         INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             folded     TEXT NOT NULL UNIQUE,
             color      TEXT NOT NULL,
             created_at INTEGER NOT NULL
         ) STRICT;

         CREATE TABLE expense (
             id             INTEGER PRIMARY KEY AUTOINCREMENT,
             day            INTEGER NOT NULL,
             amount         INTEGER NOT NULL CHECK (amount > 0 AND amount <= 99999999999),
             category_id    INTEGER NOT NULL REFERENCES category (id),
             description    TEXT NOT NULL,
             notes          TEXT,
             payment_method TEXT,
             created_at     INTEGER NOT NULL,
             updated_at     INTEGER NOT NULL
         ) STRICT;
         CREATE INDEX expense_by_day ON expense (day);
         CREATE INDEX expense_by_category ON expense (category_id, day);
         CREATE INDEX expense_by_amount ON expense (amount);

         CREATE TABLE month_total (
             month       INTEGER NOT NULL,
             category_id INTEGER NOT NULL REFERENCES category (id),
             total       INTEGER NOT NULL,
             count       INTEGER NOT NULL CHECK (count >= 0),
             PRIMARY KEY (month, category_id)
         ) STRICT, WITHOUT ROWID;

         INSERT INTO meta (key, value) VALUES ('currency', 'EUR');",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO category (name, folded, color, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (name, color) in crate::category::DEFAULTS {
        let folded = crate::category::fold(name);
        insert.execute(rusqlite::params![
            name,
            folded,
            color,
            context.now_unix_seconds
        ])?;
    }
    Ok(())
}

fn m0003_budgets(tx: &Transaction<'_>, _context: &MigrationContext) -> rusqlite::Result<()> {
    // `category_id` NULL is the overall budget. Keys use ifnull(category_id, 0) because NULLs
    // are distinct in a UNIQUE index. Deleting a category deletes its budgets and alert records.
    // `month` is a month key (year * 12 + month - 1); see `budget.rs` for how rows resolve.
    tx.execute_batch(
        "CREATE TABLE budget (
             category_id INTEGER REFERENCES category (id) ON DELETE CASCADE,
             month       INTEGER NOT NULL,
             one_month   INTEGER NOT NULL CHECK (one_month IN (0, 1)),
             amount      INTEGER CHECK (amount IS NULL OR (amount > 0 AND amount <= 99999999999)),
             rollover    INTEGER NOT NULL CHECK (rollover IN (0, 1))
         ) STRICT;
         CREATE UNIQUE INDEX budget_key ON budget (ifnull(category_id, 0), month, one_month);

         CREATE TABLE budget_alert (
             category_id INTEGER REFERENCES category (id) ON DELETE CASCADE,
             month       INTEGER NOT NULL,
             threshold   INTEGER NOT NULL CHECK (threshold BETWEEN 1 AND 200),
             at          INTEGER NOT NULL
         ) STRICT;
         CREATE UNIQUE INDEX budget_alert_key ON budget_alert (ifnull(category_id, 0), month, threshold);

         INSERT INTO meta (key, value) VALUES
             ('alert_thresholds', '80,100'),
             ('alert_os', '1'),
             ('alert_hide_amounts', '0');",
    )
}

fn m0004_import_batches(tx: &Transaction<'_>, _context: &MigrationContext) -> rusqlite::Result<()> {
    // Expense ids are AUTOINCREMENT and an import is one transaction, so its expenses are exactly
    // the ids first_expense..=last_expense (see `batch.rs`). `source` is the file name only.
    tx.execute_batch(
        "CREATE TABLE import_batch (
             id            INTEGER PRIMARY KEY,
             created_at    INTEGER NOT NULL,
             source        TEXT NOT NULL,
             first_expense INTEGER NOT NULL,
             last_expense  INTEGER NOT NULL CHECK (last_expense >= first_expense)
         ) STRICT;",
    )
}

fn m0005_import_mappings(
    tx: &Transaction<'_>,
    _context: &MigrationContext,
) -> rusqlite::Result<()> {
    // `header` is a file's header row (cells joined by U+001F); `choice` is what the person chose
    // for it, as the shell serialises it. Inside the encrypted ledger like everything else.
    tx.execute_batch(
        "CREATE TABLE import_mapping (
             header  TEXT PRIMARY KEY,
             choice  TEXT NOT NULL,
             used_at INTEGER NOT NULL
         ) STRICT;",
    )
}

/// Reads `PRAGMA user_version` as a schema version.
pub(crate) fn schema_version(conn: &Connection) -> Result<u32> {
    let raw: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    u32::try_from(raw).map_err(|_| Error::Damaged {
        reason: format!("its schema version {raw} is negative"),
    })
}

/// Applies the pending migrations of `migrations` one transaction each; see [`crate::migrate`].
pub(crate) fn apply(
    conn: &mut Connection,
    migrations: &[Migration],
    now_unix_seconds: i64,
) -> Result<u32> {
    let known = u32::try_from(migrations.len()).expect("fewer than 4 billion migrations");
    let context = MigrationContext { now_unix_seconds };
    loop {
        // IMMEDIATE: take the write lock before reading the version, so two connections cannot both
        // apply the same migration.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = schema_version(&tx)?;
        if current > known {
            return Err(Error::NewerSchema {
                found: current,
                supported: known,
            });
        }
        if current == known {
            tx.commit()?;
            return Ok(current);
        }
        let version = current + 1;
        let migration = &migrations[current as usize];
        let failed = |source| Error::Migration { version, source };
        (migration.apply)(&tx, &context).map_err(failed)?;
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection() -> Connection {
        coffer_sqlite3mc_sys::link();
        Connection::open_in_memory().expect("an in-memory database opens")
    }

    fn user_version(conn: &Connection) -> u32 {
        schema_version(conn).expect("readable")
    }

    fn table_exists(conn: &Connection, name: &str) -> bool {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |row| row.get::<_, i64>(0),
        )
        .expect("queried")
            == 1
    }

    fn creates_then_fails(tx: &Transaction<'_>, _: &MigrationContext) -> rusqlite::Result<()> {
        tx.execute_batch("CREATE TABLE half_done (x INTEGER) STRICT;")?;
        tx.execute_batch("INSERT INTO no_such_table VALUES (1);")
    }

    fn second(tx: &Transaction<'_>, _: &MigrationContext) -> rusqlite::Result<()> {
        tx.execute_batch("CREATE TABLE second (x INTEGER) STRICT;")
    }

    const GOOD: Migration = Migration {
        description: "meta",
        apply: m0001_meta,
    };
    const FAILING: Migration = Migration {
        description: "fails halfway",
        apply: creates_then_fails,
    };
    const SECOND: Migration = Migration {
        description: "second",
        apply: second,
    };

    #[test]
    fn the_version_is_the_number_of_migrations() {
        assert_eq!(crate::SCHEMA_VERSION as usize, MIGRATIONS.len());
    }

    #[test]
    fn a_failing_migration_rolls_back_and_keeps_the_previous_version() {
        let mut conn = connection();
        let err =
            apply(&mut conn, &[GOOD, FAILING, SECOND], 5).expect_err("the second migration fails");
        assert!(
            matches!(err, Error::Migration { version: 2, .. }),
            "{err:?}"
        );
        assert_eq!(user_version(&conn), 1, "migration 1 stays applied");
        assert!(table_exists(&conn, "meta"));
        assert!(
            !table_exists(&conn, "half_done"),
            "the failed migration's work was rolled back"
        );
        assert!(
            !table_exists(&conn, "second"),
            "nothing after the failure ran"
        );

        // Once the bug is fixed, migrating resumes where it stopped.
        assert_eq!(apply(&mut conn, &[GOOD, SECOND], 6).expect("resumes"), 2);
        assert!(table_exists(&conn, "second"));
    }

    #[test]
    fn a_failing_first_migration_leaves_an_empty_ledger() {
        let mut conn = connection();
        apply(&mut conn, &[FAILING], 5).expect_err("fails");
        assert_eq!(user_version(&conn), 0);
        assert!(!table_exists(&conn, "half_done"));
    }

    #[test]
    fn appending_a_migration_upgrades_an_existing_ledger() {
        let mut conn = connection();
        assert_eq!(apply(&mut conn, &[GOOD], 5).expect("v1"), 1);
        assert_eq!(apply(&mut conn, &[GOOD, SECOND], 9).expect("v2"), 2);
        let created_at: String = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'created_at'",
                [],
                |row| row.get(0),
            )
            .expect("read");
        assert_eq!(created_at, "5", "migration 1 did not run again");
    }
}
