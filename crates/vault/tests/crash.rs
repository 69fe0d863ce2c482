//! A process that dies in the middle of a transaction must leave a ledger with every committed change
//! and none of the uncommitted ones.
//!
//! The test binary re-runs itself as a child (`--exact crash_child`) with `COFFER_CRASH_ROOT` and
//! `COFFER_CRASH_ID` set; the child unlocks the profile, commits some rows, starts a transaction, spills
//! uncommitted rows into the WAL, and calls `std::process::abort()`.

mod common;

use std::process::Command;

use coffer_vault::ProfileId;
use common::{PASSWORD, TestVault, open_fast};

const ROOT_VAR: &str = "COFFER_CRASH_ROOT";
const ID_VAR: &str = "COFFER_CRASH_ID";
const ABORTING: &str = "crash child: aborting now";

#[test]
fn crash_child() {
    // Only does something when started by `abort_mid_transaction_keeps_committed_data_only`.
    let (Ok(root), Ok(id)) = (std::env::var(ROOT_VAR), std::env::var(ID_VAR)) else {
        return;
    };
    let id: ProfileId = id.parse().expect("the parent passes a valid id");
    let vault = open_fast(std::path::Path::new(&root));
    let mut session = vault
        .unlock(&id, &coffer_vault::Password::from(PASSWORD), common::NOW)
        .expect("the child unlocks");
    let conn = session.connection_mut();
    let tx = conn.transaction().expect("begin");
    tx.execute("INSERT INTO notes (body) VALUES ('child committed')", [])
        .expect("inserted");
    tx.commit().expect("committed");

    conn.execute_batch("PRAGMA cache_size = 4")
        .expect("tiny cache, so pages spill");
    let tx = conn.transaction().expect("begin");
    for i in 0..2_000 {
        tx.execute(
            "INSERT INTO notes (body) VALUES (?1)",
            [format!("uncommitted {i} {}", "x".repeat(200))],
        )
        .expect("inserted");
    }
    eprintln!("{ABORTING}");
    std::process::abort();
}

#[test]
fn abort_mid_transaction_keeps_committed_data_only() {
    let t = TestVault::new();
    let mut session = t.create("Alice", 1);
    let id = session.profile().id;
    let committed = common::write_rows(&mut session, "before the crash", 30);
    session.close().expect("closes");

    let output = Command::new(std::env::current_exe().expect("test binary path"))
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env(ROOT_VAR, t.root())
        .env(ID_VAR, id.to_string())
        .output()
        .expect("the child runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(ABORTING),
        "the child reached the abort: {stderr}"
    );
    assert!(
        !output.status.success(),
        "the child died: {:?}",
        output.status
    );
    let wal = t.root().join("profiles").join(format!("{id}.db-wal"));
    assert!(wal.is_file(), "the crash left a WAL behind for recovery");

    let session = t
        .unlock(&id, PASSWORD)
        .expect("the ledger opens after a crash");
    session
        .check_integrity()
        .expect("integrity_check is ok after recovery");
    let rows = common::read_rows(&session).expect("readable");
    let bodies: Vec<&str> = rows.iter().map(|(_, body)| body.as_str()).collect();
    assert_eq!(
        rows[..committed.len()],
        committed[..],
        "everything committed before the crash is there"
    );
    assert_eq!(
        bodies[committed.len()..],
        ["child committed"],
        "the child's commit survived its crash"
    );
    assert!(
        !bodies.iter().any(|body| body.starts_with("uncommitted")),
        "no uncommitted row survived"
    );
    session.close().expect("closes");
}
