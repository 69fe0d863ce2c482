//! Migrations on real (in-memory) SQLite3 Multiple Ciphers connections.

use coffer_ledger::{Error, LedgerOverview, SCHEMA_VERSION, migrate, overview};
use rusqlite::Connection;

const NOW: i64 = 1_767_225_600;

fn connection() -> Connection {
    coffer_sqlite3mc_sys::link();
    Connection::open_in_memory().expect("an in-memory database opens")
}

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("readable")
}

fn schema(conn: &Connection) -> Vec<String> {
    let mut statement = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .expect("prepared");
    statement
        .query_map([], |row| row.get(0))
        .expect("queried")
        .collect::<Result<_, _>>()
        .expect("read")
}

#[test]
fn a_fresh_ledger_migrates_to_the_current_version() {
    let mut conn = connection();
    assert_eq!(migrate(&mut conn, NOW).expect("migrates"), SCHEMA_VERSION);
    assert_eq!(user_version(&conn), i64::from(SCHEMA_VERSION));
    assert_eq!(
        overview(&conn).expect("overview"),
        LedgerOverview {
            schema_version: SCHEMA_VERSION,
            created_at: NOW
        }
    );
}

#[test]
fn the_schema_is_exactly_what_the_migrations_say() {
    // A schema change that does not come with a new migration shows up here.
    let mut conn = connection();
    migrate(&mut conn, NOW).expect("migrates");
    let objects: Vec<(String, String)> = conn
        .prepare("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        .expect("prepared")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("queried")
        .collect::<Result<_, _>>()
        .expect("read");
    let expected = [
        ("index", "budget_alert_key"),
        ("index", "budget_key"),
        ("index", "expense_by_amount"),
        ("index", "expense_by_category"),
        ("index", "expense_by_day"),
        ("table", "budget"),
        ("table", "budget_alert"),
        ("table", "category"),
        ("table", "expense"),
        ("table", "import_batch"),
        ("table", "import_mapping"),
        ("table", "meta"),
        ("table", "month_total"),
        ("table", "sqlite_sequence"),
    ];
    assert_eq!(objects, expected.map(|(t, n)| (t.to_owned(), n.to_owned())),);
    assert!(
        schema(&conn)
            .iter()
            .filter(|sql| sql.starts_with("CREATE TABLE") && !sql.contains("sqlite_sequence"))
            .all(|sql| sql.contains("STRICT")),
        "every table is STRICT"
    );
    let err = conn
        .execute("INSERT INTO meta (key, value) VALUES ('x', X'00')", [])
        .expect_err("STRICT: a blob is not TEXT");
    assert!(
        err.to_string()
            .contains("cannot store BLOB value in TEXT column"),
        "{err}"
    );
}

#[test]
fn migrating_again_is_a_no_op() {
    let mut conn = connection();
    migrate(&mut conn, NOW).expect("migrates");
    let schema_before = schema(&conn);
    assert_eq!(
        migrate(&mut conn, NOW + 3_600).expect("no-op"),
        SCHEMA_VERSION
    );
    assert_eq!(schema(&conn), schema_before);
    assert_eq!(
        overview(&conn).expect("overview").created_at,
        NOW,
        "the creation time is set once, by the first migrate"
    );
}

#[test]
fn a_ledger_from_a_newer_coffer_is_refused_and_untouched() {
    let mut conn = connection();
    migrate(&mut conn, NOW).expect("migrates");
    let newer = SCHEMA_VERSION + 1;
    conn.execute_batch(&format!("PRAGMA user_version = {newer}"))
        .expect("set");
    let err = migrate(&mut conn, NOW).expect_err("newer schema");
    assert!(
        matches!(err, Error::NewerSchema { found, supported } if found == newer && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("created by a newer Coffer"),
        "{err}"
    );
    assert_eq!(err.code(), "newer_ledger");
    assert_eq!(user_version(&conn), i64::from(newer), "not downgraded");
    assert!(matches!(overview(&conn), Err(Error::NewerSchema { .. })));
}

#[test]
fn overview_needs_a_migrated_ledger() {
    let conn = connection();
    let err = overview(&conn).expect_err("not migrated");
    assert!(
        matches!(err, Error::NotMigrated { found: 0, .. }),
        "{err:?}"
    );
}

#[test]
fn a_negative_schema_version_is_damage() {
    let mut conn = connection();
    conn.execute_batch("PRAGMA user_version = -3").expect("set");
    let err = migrate(&mut conn, NOW).expect_err("negative");
    assert_eq!(err.code(), "damaged_ledger", "{err}");
}

#[test]
fn migrations_run_on_an_encrypted_file_ledger_too() {
    // The same code path as in the app: a keyed sqlite3mc connection to a file, closed and reopened.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.db");
    let open = || {
        let conn = connection_at(&path);
        conn.execute_batch(
            "PRAGMA key = 'raw:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'",
        )
        .expect("keyed");
        conn
    };
    let mut conn = open();
    migrate(&mut conn, NOW).expect("migrates");
    drop(conn);
    let mut conn = open();
    assert_eq!(migrate(&mut conn, NOW + 1).expect("no-op"), SCHEMA_VERSION);
    assert_eq!(overview(&conn).expect("overview").created_at, NOW);
    drop(conn);
    let unkeyed = connection_at(&path);
    let err = overview(&unkeyed)
        .map(|_| ())
        .expect_err("without the key nothing is readable");
    assert_eq!(err.code(), "tampered_ledger", "{err}");
}

fn connection_at(path: &std::path::Path) -> Connection {
    coffer_sqlite3mc_sys::link();
    Connection::open(path).expect("opens")
}
