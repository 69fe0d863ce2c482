//! A leftover `-wal` over IPC: a last change that a power cut could have torn is dropped and reported
//! by `unlock` (`lostLastChange`), and damage no power cut can leave is refused as `tampered_ledger`.

use std::fs::{self, File};

use coffer_vault::wal::{self, WalLayout};
use serde_json::{Value, json};

use super::data_folder::copy_data_folder;
use super::{Harness, add, all_expenses, code, harness, harness_in, invoke};

const PASSWORD: &str = "long enough password";

/// A copy of a data folder taken while its profile is unlocked, as a power cut leaves it, with one
/// byte flipped in the log where `pick` says (given the log's layout).
struct TornCopy {
    dir: tempfile::TempDir,
    id: String,
}

/// Pat's profile with three expenses, each its own commit in the log; the folder is copied while the
/// profile is still unlocked, and the log's byte at `pick(layout)` flipped.
fn torn_copy(pick: impl Fn(&WalLayout) -> usize) -> TornCopy {
    let h = harness();
    let created = invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": "Pat", "password": PASSWORD, "currency": "EUR"}}),
    )
    .expect("profile created");
    assert_eq!(created["session"]["lostLastChange"], json!(false));
    let id = created["session"]["profile"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    for description in ["first", "second", "the last change"] {
        add(&h, json!({ "description": description })).expect("added");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    copy_data_folder(h.dir.path(), dir.path()).expect("copied");
    drop(h);
    let log = wal::log_path(&dir.path().join("profiles").join(format!("{id}.db")));
    let layout = WalLayout::read(File::open(&log).expect("the copy has a log"))
        .expect("readable")
        .expect("a valid header");
    assert!(layout.commits.len() >= 3, "{layout:?}");
    let mut bytes = fs::read(&log).expect("readable");
    bytes[pick(&layout)] ^= 0x04;
    fs::write(&log, &bytes).expect("writable");
    TornCopy { dir, id }
}

fn unlock(h: &Harness, id: &str) -> Result<Value, Value> {
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": PASSWORD}}),
    )
}

fn descriptions(h: &Harness) -> Vec<String> {
    all_expenses(h, json!({}), 50)
        .iter()
        .map(|e| e["description"].as_str().expect("text").to_owned())
        .collect()
}

#[test]
fn a_torn_last_change_is_dropped_and_reported_once() {
    // A byte of the last commit frame's page: SQLite drops that transaction, as after a power cut.
    let copy = torn_copy(|layout| {
        let last = *layout.commits.last().expect("commits");
        wal::HEADER_LEN + last * layout.frame_len() + wal::FRAME_HEADER_LEN + 200
    });
    let h = harness_in(copy.dir, None);
    let session = unlock(&h, &copy.id).expect("a torn last change unlocks");
    assert_eq!(session["lostLastChange"], json!(true), "{session}");
    let mut seen = descriptions(&h);
    seen.sort();
    assert_eq!(seen, ["first", "second"], "opened as of the change before");

    invoke(&h.main, "lock", json!({})).expect("locked");
    let again = unlock(&h, &copy.id).expect("unlocks again");
    assert_eq!(
        again["lostLastChange"],
        json!(false),
        "said once: the log was recovered"
    );
}

#[test]
fn damage_before_the_last_change_is_refused_naming_the_log() {
    // A byte of the first frame's page, which several later commits follow.
    let copy = torn_copy(|_| wal::HEADER_LEN + wal::FRAME_HEADER_LEN + 200);
    let h = harness_in(copy.dir, None);
    let err = unlock(&h, &copy.id).expect_err("refused");
    assert_eq!(code(&err), "tampered_ledger", "{err}");
    let message = err["message"].as_str().expect("a message");
    assert!(message.contains("-wal"), "{message}");
}
