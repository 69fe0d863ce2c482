//! The crash checker must be able to fail: ledgers broken on purpose (half an import, an expense of an
//! unrecorded import, a wrong month total, a lost committed change) are reported, and an intact one is
//! not.

use std::path::Path;

use coffer_faults::check::{check_batches, check_loose_expenses, check_totals};
use coffer_faults::crash::verify;
use coffer_faults::intent;
use coffer_faults::workload::{self, Worker, WorkerOptions};
use coffer_vault::Password;
use coffer_vault::rusqlite::Connection;

/// A profile made by the harness with one import of 50 rows and two hand-entered expenses, all
/// logged; returns the temporary directory with `data/` and `intent.log`.
fn harness_profile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let (data, log) = (dir.path().join("data"), dir.path().join("intent.log"));
    workload::setup(&data, &log, 3).expect("set up");
    let options = WorkerOptions {
        seed: 3,
        generation: 0,
        rows: 50,
        max_batches: 3,
        announce: false,
    };
    let mut worker = Worker::start(&data, &log, &options).expect("starts");
    let seq = worker.model().next_seq;
    for op in [
        intent::Op::Import {
            source: "batch.csv".into(),
            rows: 50,
        },
        intent::Op::Add {
            tag: format!("hand {}", seq + 1),
            amount: 700,
        },
        intent::Op::Add {
            tag: format!("hand {}", seq + 2),
            amount: 900,
        },
    ] {
        worker.run(&op).expect("runs");
    }
    worker.close().expect("closes");
    dir
}

/// Rebuilds `month_total` from the expenses, so that damage done to expenses stays invisible to the
/// totals check and only the check under test can notice it.
const RECOMPUTE_TOTALS: &str = "DELETE FROM month_total;
     INSERT INTO month_total (month, category_id, total, count)
       SELECT CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) * 12
              + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1,
              category_id, sum(amount), count(*)
         FROM expense GROUP BY 1, 2;";

/// Runs `damage` on the harness profile's open ledger.
fn damage(dir: &Path, damage: impl FnOnce(&Connection)) {
    let model = intent::replay(&intent::read(&dir.join("intent.log"), false).expect("reads"))
        .expect("replays");
    let vault = coffer_faults::open_vault(&dir.join("data")).expect("opens");
    let id = model.setup().expect("setup").profile.parse().expect("id");
    let session = vault
        .unlock(
            &id,
            &Password::from(model.password.as_str()),
            workload::now(999),
        )
        .expect("unlocks");
    damage(session.connection());
    session.close().expect("closes");
}

fn model(dir: &Path) -> intent::Model {
    intent::replay(&intent::read(&dir.join("intent.log"), false).expect("reads")).expect("replays")
}

fn check(dir: &Path) -> Result<u64, String> {
    verify(&dir.join("data"), &dir.join("intent.log"), 1)
        .map(|verified| verified.checks)
        .map_err(|failure| failure.0)
}

#[test]
fn an_intact_profile_passes_every_check() {
    let dir = harness_profile();
    assert_eq!(check(dir.path()), Ok(6));
}

#[test]
fn half_an_import_is_reported() {
    let dir = harness_profile();
    let batch = model(dir.path())
        .batches
        .values()
        .next()
        .cloned()
        .expect("a batch");
    damage(dir.path(), |conn| {
        let committed = [batch.clone()];
        assert!(
            check_batches(conn, &committed, &[])
                .expect("checks")
                .is_empty()
        );
        // Take out the second half of the batch as if its commit had been torn.
        conn.execute(
            "DELETE FROM expense WHERE id BETWEEN ?1 AND ?2",
            [batch.first + 25, batch.last],
        )
        .expect("damaged");
        conn.execute_batch(RECOMPUTE_TOTALS)
            .expect("totals recomputed");
        let problems = check_batches(conn, &committed, &[]).expect("checks");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("half there: 25 of its 50"),
            "{problems:?}"
        );
        assert!(
            check_totals(conn).expect("checks").is_empty(),
            "totals were kept consistent"
        );
    });
    let failure = check(dir.path()).expect_err("the checker must fail");
    assert!(
        failure.contains("(c)") && failure.contains("half there"),
        "{failure}"
    );
}

#[test]
fn an_expense_of_an_unrecorded_import_is_reported() {
    let dir = harness_profile();
    let hand: std::collections::BTreeSet<i64> = model(dir.path()).hand.keys().copied().collect();
    damage(dir.path(), |conn| {
        assert!(
            check_loose_expenses(conn, &hand)
                .expect("checks")
                .is_empty()
        );
        conn.execute(
            "INSERT INTO expense (day, amount, category_id, description, created_at, updated_at)
             VALUES (20500, 123, 1, 'Weekly shop', 0, 0)",
            [],
        )
        .expect("inserted");
        conn.execute_batch(RECOMPUTE_TOTALS)
            .expect("totals recomputed");
        let problems = check_loose_expenses(conn, &hand).expect("checks");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("belongs to no recorded import"),
            "{problems:?}"
        );
    });
    let failure = check(dir.path()).expect_err("the checker must fail");
    assert!(failure.contains("(c)"), "{failure}");
}

#[test]
fn a_wrong_month_total_is_reported() {
    let dir = harness_profile();
    damage(dir.path(), |conn| {
        assert!(check_totals(conn).expect("checks").is_empty());
        conn.execute_batch(
            "UPDATE month_total SET total = total + 1
              WHERE (month, category_id) = (SELECT month, category_id FROM month_total LIMIT 1)",
        )
        .expect("damaged");
        let problems = check_totals(conn).expect("checks");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("stored"), "{problems:?}");
    });
    let failure = check(dir.path()).expect_err("the checker must fail");
    assert!(failure.contains("(d)"), "{failure}");
}

#[test]
fn a_lost_committed_change_is_reported() {
    let dir = harness_profile();
    let (id, _) = model(dir.path())
        .hand
        .into_iter()
        .next()
        .expect("a hand expense");
    damage(dir.path(), |conn| {
        let changed = conn
            .execute("UPDATE expense SET amount = amount + 1 WHERE id = ?1", [id])
            .expect("changed");
        assert_eq!(changed, 1);
        conn.execute_batch(RECOMPUTE_TOTALS)
            .expect("totals recomputed");
    });
    let failure = check(dir.path()).expect_err("the checker must fail");
    assert!(
        failure.contains("(f)")
            && failure.contains(&format!("expense {id} should have the amount")),
        "{failure}"
    );
}
