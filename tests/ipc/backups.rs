//! Encrypted backups over IPC, with the native dialogs answered by the test: a backup saved where the
//! "dialog" says (never a path from the webview), chosen again, rolled back onto its own profile with the
//! name typed, restored as a new profile while locked, and refused when damaged, foreign or not a backup.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use coffer_shell::FileQuestion;
use serde_json::{Value, json};

use super::{Harness, add, code, harness_with, invoke};

const PASSWORD: &str = "long enough password";
const MARKER: &str = "Backup-marker-Zanzibar";

/// The test's side of the dialogs: the answers to give, in order, and the questions asked.
#[derive(Clone, Default)]
struct Dialogs {
    answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
    asked: Arc<Mutex<Vec<FileQuestion>>>,
}

impl Dialogs {
    fn will_answer(&self, answer: Option<&Path>) {
        self.answers
            .lock()
            .expect("not poisoned")
            .push_back(answer.map(Path::to_path_buf));
    }

    fn asked(&self) -> Vec<FileQuestion> {
        self.asked.lock().expect("not poisoned").clone()
    }
}

fn harness_with_dialogs() -> (Harness, Dialogs) {
    let dialogs = Dialogs::default();
    let answering = dialogs.clone();
    let h = harness_with(tempfile::tempdir().expect("temp dir"), move |state| {
        state.connect_file_picker(Box::new(move |question| {
            answering.asked.lock().expect("not poisoned").push(question);
            answering
                .answers
                .lock()
                .expect("not poisoned")
                .pop_front()
                .expect("the test prepared an answer")
        }));
        state
    });
    (h, dialogs)
}

fn create(h: &Harness, name: &str) -> Value {
    invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": name, "password": PASSWORD, "currency": "EUR"}}),
    )
    .expect("profile created")
}

fn descriptions(h: &Harness) -> Vec<String> {
    let filter = json!({"from": null, "to": null, "categories": [], "minAmount": null, "maxAmount": null, "text": null});
    let page = invoke(
        &h.main,
        "expense_page",
        json!({"request": {"filter": filter, "sort": "date", "descending": true, "after": null, "limit": 50}}),
    )
    .expect("page");
    let mut list: Vec<String> = page["expenses"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["description"].as_str().expect("text").to_owned())
        .collect();
    list.sort();
    list
}

fn profile_names(h: &Harness) -> Vec<String> {
    invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["profiles"]
        .as_array()
        .expect("list")
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_owned())
        .collect()
}

fn save_backup(h: &Harness, password: &str) -> Result<Value, Value> {
    invoke(
        &h.main,
        "save_backup",
        json!({"request": {"password": password}}),
    )
}

fn by_password(password: &str) -> Value {
    json!({"password": password, "recoveryCode": null})
}

#[test]
fn a_backup_rolls_its_profile_back_and_restores_as_a_new_profile() {
    let (h, dialogs) = harness_with_dialogs();
    let outside = tempfile::tempdir().expect("a folder outside the data directory");
    let file = outside.path().join("ada.cofferbackup");
    create(&h, "Ada");
    add(&h, json!({"description": MARKER})).expect("added");

    // Cancelling the dialog writes nothing; a wrong password is refused after the dialog.
    dialogs.will_answer(None);
    assert_eq!(save_backup(&h, PASSWORD).expect("cancelled"), Value::Null);
    dialogs.will_answer(Some(&file));
    let err = save_backup(&h, "not the password").expect_err("wrong password");
    assert_eq!(code(&err), "wrong_password");
    assert!(!file.exists(), "nothing written for a wrong password");

    // Saved where the dialog said, under the name it proposed, as unreadable as the profile.
    dialogs.will_answer(Some(&file));
    let saved = save_backup(&h, PASSWORD).expect("saved");
    assert_eq!(saved["fileName"], json!("ada.cofferbackup"));
    let bytes = std::fs::read(&file).expect("the backup exists");
    assert_eq!(saved["bytes"], json!(bytes.len()));
    assert!(
        !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
        "no expense text in the backup"
    );
    match &dialogs.asked()[0] {
        FileQuestion::SaveBackup { suggested_name } => {
            assert!(
                suggested_name.starts_with("coffer-ada-")
                    && suggested_name.ends_with(".cofferbackup"),
                "{suggested_name}"
            );
        }
        other => panic!("asked {other:?}"),
    }

    // Later changes, then the roll back: the chosen file is described, the name must be typed.
    add(&h, json!({"description": "After the backup"})).expect("added");
    dialogs.will_answer(Some(&file));
    let choice = invoke(&h.main, "choose_backup", json!({})).expect("chosen");
    assert_eq!(choice["profileName"], json!("Ada"));
    assert_eq!(choice["ofUnlockedProfile"], json!(true));
    assert_eq!(choice["existsHere"], json!(true));
    assert_eq!(choice["hasRecoveryCode"], json!(true));
    let restore = |confirm: &str| {
        invoke(
            &h.main,
            "restore_unlocked",
            json!({"request": {"secret": by_password(PASSWORD), "confirmName": confirm}}),
        )
    };
    assert_eq!(
        code(&restore("ada").expect_err("not exact")),
        "confirmation_mismatch"
    );
    assert_eq!(
        descriptions(&h),
        ["After the backup", MARKER],
        "a refused restore changes nothing"
    );
    let session = restore("Ada").expect("rolled back");
    assert_eq!(session["profile"]["name"], json!("Ada"));
    assert_eq!(descriptions(&h), [MARKER], "back to the backup's expenses");

    // Locked, the same file becomes a new profile: a member with its own recovery code.
    invoke(&h.main, "lock", json!({})).expect("locked");
    dialogs.will_answer(Some(&file));
    let choice = invoke(&h.main, "choose_backup", json!({})).expect("chosen while locked");
    assert_eq!(choice["ofUnlockedProfile"], json!(false));
    let as_new = |name: &str| {
        invoke(
            &h.main,
            "restore_backup_as_new",
            json!({"request": {"secret": by_password(PASSWORD), "name": name, "newPassword": null}}),
        )
    };
    assert_eq!(code(&as_new("ada").expect_err("taken")), "duplicate_name");
    let created = as_new("Ada (copy)").expect("restored as new");
    assert_eq!(created["session"]["profile"]["role"], json!("member"));
    assert_eq!(
        created["recoveryCode"].as_str().expect("a new code").len(),
        29
    );
    assert_eq!(descriptions(&h), [MARKER]);
    assert_eq!(profile_names(&h), ["Ada", "Ada (copy)"]);
    // The chosen file was used up: another restore needs another choice.
    let err = as_new("Ada (again)").expect_err("no file chosen");
    assert_eq!(code(&err), "invalid_request");
}

#[test]
fn damaged_foreign_and_unrelated_files_are_refused_and_change_nothing() {
    let (h, dialogs) = harness_with_dialogs();
    let outside = tempfile::tempdir().expect("a folder outside the data directory");
    let ada_file = outside.path().join("ada.cofferbackup");
    create(&h, "Ada");
    add(&h, json!({"description": MARKER})).expect("added");
    dialogs.will_answer(Some(&ada_file));
    save_backup(&h, PASSWORD).expect("saved");

    // A flipped byte in the middle (the ledger's pages): refused at restore, nothing changes.
    let mut bytes = std::fs::read(&ada_file).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    let damaged = outside.path().join("damaged.cofferbackup");
    std::fs::write(&damaged, &bytes).expect("written");
    add(&h, json!({"description": "Kept"})).expect("added");
    dialogs.will_answer(Some(&damaged));
    invoke(&h.main, "choose_backup", json!({})).expect("its header still reads");
    let err = invoke(
        &h.main,
        "restore_unlocked",
        json!({"request": {"secret": by_password(PASSWORD), "confirmName": "Ada"}}),
    )
    .expect_err("damaged");
    assert_eq!(code(&err), "damaged_backup");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("damaged.cofferbackup")),
        "the message names the file: {err}"
    );
    assert_eq!(descriptions(&h).len(), 2, "still unlocked, nothing lost");

    // Not a backup at all.
    let text = outside.path().join("notes.cofferbackup");
    std::fs::write(&text, "just some text").expect("written");
    dialogs.will_answer(Some(&text));
    let err = invoke(&h.main, "choose_backup", json!({})).expect_err("not a backup");
    assert_eq!(code(&err), "not_a_backup");

    // Another profile's backup cannot roll this one back.
    create(&h, "Max");
    dialogs.will_answer(Some(&ada_file));
    let choice = invoke(&h.main, "choose_backup", json!({})).expect("chosen");
    assert_eq!(choice["ofUnlockedProfile"], json!(false));
    let err = invoke(
        &h.main,
        "restore_unlocked",
        json!({"request": {"secret": by_password(PASSWORD), "confirmName": "Max"}}),
    )
    .expect_err("another profile's");
    assert_eq!(code(&err), "backup_of_another_profile");

    // A recovery code restore needs a new password; neither secret, or both, is a bad request.
    let err = invoke(
        &h.main,
        "restore_backup_as_new",
        json!({"request": {"secret": {"password": null, "recoveryCode": null}, "name": "X", "newPassword": null}}),
    )
    .expect_err("no secret");
    assert_eq!(code(&err), "invalid_request");
    assert_eq!(profile_names(&h), ["Ada", "Max"], "no profile was added");
}
