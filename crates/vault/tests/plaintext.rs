//! Nothing written to the data directory may contain the ledger's contents or the password in the clear:
//! not the ledger, not its WAL, shared-memory index or rollback journal (while they exist, mid-transaction
//! too), not the registry or preferences.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use coffer_vault::{Preferences, Theme};
use common::TestVault;

const PASSWORD: &str = "Plaintext-Canary-Password-7781";

const MARKERS: [&str; 10] = [
    "MARKER-ALPHA-5f1c0e",
    "MARKER-BRAVO-9a22b7",
    "Grocery run at Zyxwvut Market 4417",
    "IBAN DE44 5001 0517 5407 3249 31",
    "Secret therapist: Dr. Quillfeather",
    "MARKER-CHARLIE-73d0aa",
    "Birthday gift for Ottoline Vexworth",
    "MARKER-DELTA-e8b6c1",
    "salary-bonus-canary-31337",
    "MARKER-ECHO-0bb4f9",
];

/// Every byte pattern that must not appear: each marker and the password as UTF-8, one marker as
/// UTF-16LE and UTF-16BE (SQLite's other text encodings) and as lowercase hex.
fn needles() -> Vec<(String, Vec<u8>)> {
    let mut needles: Vec<(String, Vec<u8>)> = MARKERS
        .iter()
        .chain([&PASSWORD])
        .map(|text| (text.to_string(), text.as_bytes().to_vec()))
        .collect();
    let marker = MARKERS[0];
    needles.push((
        format!("{marker} (UTF-16LE)"),
        marker.encode_utf16().flat_map(u16::to_le_bytes).collect(),
    ));
    needles.push((
        format!("{marker} (UTF-16BE)"),
        marker.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    ));
    let hex: String = marker.bytes().map(|b| format!("{b:02x}")).collect();
    needles.push((format!("{marker} (hex)"), hex.into_bytes()));
    needles
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Every file under `root`, read now.
fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    common::tree(root)
        .into_iter()
        .map(|relative| root.join(relative))
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = fs::read(&path).expect("readable");
            (path, bytes)
        })
        .collect()
}

/// Asserts no needle occurs in any file under `root`; returns the file names scanned.
fn assert_clean(root: &Path, moment: &str) -> Vec<String> {
    let needles = needles();
    let mut scanned = Vec::new();
    for (path, bytes) in files(root) {
        for (label, needle) in &needles {
            assert!(
                !find(&bytes, needle),
                "{moment}: {label:?} found in clear text in {}",
                path.display()
            );
        }
        scanned.push(
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned(),
        );
    }
    scanned
}

fn insert_markers(conn: &rusqlite::Connection, copies: usize) {
    let mut insert = conn
        .prepare("INSERT INTO secrets (body) VALUES (?1)")
        .expect("prepared");
    for copy in 0..copies {
        for marker in MARKERS.iter().chain([&PASSWORD]) {
            insert
                .execute([format!(
                    "{marker} / copy {copy} / {}",
                    "padding ".repeat(20)
                )])
                .expect("inserted");
        }
    }
}

#[test]
fn the_scan_finds_clear_text_when_it_is_there() {
    // Without this, a broken scanner would make the real test pass vacuously.
    let dir = tempfile::tempdir().expect("temp dir");
    let conn = rusqlite::Connection::open(dir.path().join("plain.db")).expect("plain SQLite");
    conn.execute_batch("CREATE TABLE secrets (body TEXT)")
        .expect("table");
    insert_markers(&conn, 1);
    drop(conn);
    let bytes = fs::read(dir.path().join("plain.db")).expect("readable");
    for (label, needle) in needles().iter().take(MARKERS.len() + 1) {
        assert!(
            find(&bytes, needle),
            "{label} should be visible in an unencrypted database"
        );
    }
    let utf16 = tempfile::tempdir().expect("temp dir");
    let conn = rusqlite::Connection::open(utf16.path().join("plain16.db")).expect("plain SQLite");
    conn.execute_batch("PRAGMA encoding = 'UTF-16le'; CREATE TABLE secrets (body TEXT)")
        .expect("table");
    insert_markers(&conn, 1);
    drop(conn);
    let bytes = fs::read(utf16.path().join("plain16.db")).expect("readable");
    let (label, needle) = &needles()[MARKERS.len() + 1];
    assert!(
        find(&bytes, needle),
        "{label} should be visible in a UTF-16 database"
    );
}

#[test]
fn no_marker_or_password_is_ever_written_in_clear_text() {
    let t = TestVault::new();
    t.vault
        .set_preferences(&Preferences { theme: Theme::Dark })
        .expect("saved");
    let mut session = t.create_with("Canary", PASSWORD, 11);
    let ledger = session.ledger_path().to_path_buf();
    let side = |suffix: &str| {
        let mut path = ledger.as_os_str().to_owned();
        path.push(suffix);
        PathBuf::from(path)
    };
    let conn = session.connection_mut();
    conn.execute_batch("CREATE TABLE secrets (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        .expect("table");

    // 1. Committed rows sit in the WAL until a checkpoint.
    let tx = conn.transaction().expect("begin");
    insert_markers(&tx, 3);
    tx.commit().expect("commit");
    assert!(
        side("-wal").is_file() && side("-shm").is_file(),
        "WAL mode keeps -wal and -shm while open"
    );
    let scanned = assert_clean(t.root(), "after a commit (WAL)");
    assert!(
        scanned.iter().any(|name| name.ends_with(".db-wal")),
        "{scanned:?}"
    );

    // 2. An open transaction larger than the page cache spills uncommitted pages into the WAL.
    conn.execute_batch("PRAGMA cache_size = 8")
        .expect("tiny cache");
    let wal_before = fs::metadata(side("-wal")).expect("wal").len();
    let tx = conn.transaction().expect("begin");
    insert_markers(&tx, 60);
    assert!(
        fs::metadata(side("-wal")).expect("wal").len() > wal_before,
        "uncommitted pages were spilled to the WAL"
    );
    assert_clean(t.root(), "during an open transaction (WAL)");
    tx.rollback().expect("rollback");

    // 3. A rollback journal holds the original pages while a transaction changes them.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))
        .expect("journal mode");
    assert_eq!(mode, "delete");
    let tx = conn.transaction().expect("begin");
    tx.execute("UPDATE secrets SET body = body || ' (edited)'", [])
        .expect("updated");
    insert_markers(&tx, 20);
    assert!(
        side("-journal").is_file(),
        "the rollback journal exists mid-transaction"
    );
    let scanned = assert_clean(t.root(), "during an open transaction (rollback journal)");
    assert!(
        scanned.iter().any(|name| name.ends_with(".db-journal")),
        "{scanned:?}"
    );
    tx.commit().expect("commit");
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");

    let count: i64 = conn
        .query_row("SELECT count(*) FROM secrets", [], |row| row.get(0))
        .expect("count");
    assert_eq!(
        count,
        11 * (3 + 20),
        "the data is really there, just not readable from outside"
    );
    session.close().expect("closes");

    // 4. At rest: ledger, registry and preferences.
    let scanned = assert_clean(t.root(), "after close");
    for expected in ["registry.json", "preferences.json"] {
        assert!(
            scanned.iter().any(|name| name == expected),
            "{expected} scanned: {scanned:?}"
        );
    }
    assert!(
        scanned.iter().any(|name| name.ends_with(".db")),
        "{scanned:?}"
    );
}
