//! Proves that rusqlite reaches the amalgamation this crate compiles, with the options we chose.

use rusqlite::Connection;

fn open() -> Connection {
    coffer_sqlite3mc_sys::link();
    Connection::open_in_memory().expect("an in-memory database always opens")
}

#[test]
fn rusqlite_runs_on_sqlite3mc() {
    let conn = open();
    let version: String = conn
        .query_row("SELECT sqlite_version()", [], |row| row.get(0))
        .expect("sqlite_version() always answers");
    assert_eq!(
        version,
        coffer_sqlite3mc_sys::SQLITE_VERSION,
        "the amalgamation's SQLite answers"
    );
    assert!(
        coffer_sqlite3mc_sys::sqlite3mc_version_string()
            .contains(coffer_sqlite3mc_sys::SQLITE3MC_VERSION),
        "sqlite3mc itself is linked, not a plain SQLite"
    );
}

#[test]
fn compile_options_are_the_ones_we_chose() {
    let conn = open();
    let mut stmt = conn
        .prepare("PRAGMA compile_options")
        .expect("a valid pragma");
    let options: Vec<String> = stmt
        .query_map([], |row| row.get(0))
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("each option is text");
    for wanted in [
        "TEMP_STORE=2",
        "SECURE_DELETE",
        "DQS=0",
        "THREADSAFE=1",
        "DEFAULT_FOREIGN_KEYS",
        "ENABLE_API_ARMOR",
        "ENABLE_FTS5",
        "ENABLE_DBSTAT_VTAB",
        "ENABLE_STAT4",
        "OMIT_LOAD_EXTENSION",
        "USE_URI",
    ] {
        assert!(
            options
                .iter()
                .any(|o| o == wanted || o.starts_with(&format!("{wanted}="))),
            "{wanted} missing from {options:?}"
        );
    }
}

#[test]
fn only_chacha20_is_compiled_in() {
    let conn = open();
    let cipher: String = conn
        .query_row("PRAGMA cipher", [], |row| row.get(0))
        .expect("sqlite3mc answers PRAGMA cipher");
    assert_eq!(
        cipher,
        coffer_sqlite3mc_sys::CIPHER_NAME,
        "chacha20 is the default cipher"
    );
    // Selecting a cipher that was compiled out must fail, not fall back silently.
    let other = conn.query_row("PRAGMA cipher = 'aes256cbc'", [], |row| {
        row.get::<_, String>(0)
    });
    let message = format!("{other:?}");
    assert!(
        other.is_err() && message.contains("unknown"),
        "aes256cbc must be unknown to this build, got {message}"
    );
}

#[test]
fn double_quoted_strings_are_identifiers() {
    let conn = open();
    let err = conn.query_row("SELECT \"not a column\"", [], |row| row.get::<_, String>(0));
    assert!(
        err.is_err(),
        "SQLITE_DQS=0: a double-quoted word is an identifier, so this must fail"
    );
}
