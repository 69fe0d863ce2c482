//! End to end in the real window: a backup saved from Settings through the native save dialog, the
//! profile rolled back to it through the native open dialog with its name typed, a damaged copy refused
//! on the profile list, and the backup restored there as a new profile with a new recovery code.

use std::path::Path;

use serde_json::json;

use crate::{
    PASSWORD, WAIT, add_expense, choose_theme, click, create_profile, desktop, fail, fill,
    lock_and_return_to_picker, open_settings, read, save_recovery_code, shot, text_of, wait_for,
    wait_screen,
};

const BEFORE: &str = "Bought before the backup";
const AFTER: &str = "Bought after the backup";

fn expense_descriptions(d: &crate::desktop::Desktop) -> serde_json::Value {
    click(d, "#nav-expenses");
    wait_screen(d, "expenses");
    d.app()
        .wait_visible("tr.expense-row", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
    read(
        d,
        "[...document.querySelectorAll('tr.expense-row .expense-title')].map(e => e.textContent.trim()).sort()",
    )
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_backup_is_saved_rolled_back_to_and_restored_as_a_new_profile() {
    let Some(d) = desktop() else { return };
    wait_screen(&d, "create");
    choose_theme(&d, "light");
    create_profile(&d, "Ada", PASSWORD);
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, None, "12.50", BEFORE);

    // Settings → Backups: the password, then the native save dialog.
    let file = d.data_dir().with_file_name("ada.cofferbackup");
    open_settings(&d);
    fill(&d, "#backup-password", PASSWORD);
    click(&d, "#backup-submit");
    d.answer_save_dialog("Save a backup", &file)
        .unwrap_or_else(|e| fail(&d, &e));
    wait_for(
        &d,
        "(document.getElementById('backup-last')?.textContent ?? '').includes('ada.cofferbackup')",
        json!(true),
    );
    assert_eq!(
        read(&d, "document.getElementById('backup-password').value"),
        json!(""),
        "the password is wiped once used"
    );
    let bytes = std::fs::read(&file).unwrap_or_else(|e| fail(&d, &format!("no backup: {e}")));
    assert!(bytes.starts_with(b"COFFERBK"), "a Coffer backup");
    assert!(
        !contains(&bytes, BEFORE)
            && !contains(&bytes, PASSWORD)
            && !contains(&bytes, "SQLite format 3"),
        "the backup is encrypted"
    );
    d.app()
        .script(
            "document.getElementById('settings-backup').scrollIntoView({ block: 'center' });",
            json!([]),
        )
        .expect("scrolled");
    shot(&d, "90-settings-backup-light");

    // Something recorded after the backup, then the roll back: the name must be typed.
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, None, "4", AFTER);
    assert_eq!(expense_descriptions(&d), json!([AFTER, BEFORE]));
    open_settings(&d);
    click(&d, "#restore-choose");
    d.answer_open_dialog("Restore from a backup", &file)
        .unwrap_or_else(|e| fail(&d, &e));
    d.app()
        .wait_visible("#restore-modal", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    fill(&d, "#restore-password", PASSWORD);
    fill(&d, "#restore-confirm-name", "ada");
    wait_for(
        &d,
        "document.getElementById('restore-submit').disabled",
        json!(true),
    );
    fill(&d, "#restore-confirm-name", "Ada");
    shot(&d, "91-restore-modal-light");
    click(&d, "#restore-submit");
    wait_screen(&d, "home");
    assert_eq!(expense_descriptions(&d), json!([BEFORE]), "rolled back");

    // On the profile list, a damaged copy is refused with a clear message …
    let damaged = d.data_dir().with_file_name("damaged.cofferbackup");
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    std::fs::write(&damaged, &flipped).expect("damaged copy written");
    lock_and_return_to_picker(&d);
    restore_from_picker(&d, &damaged);
    fill(&d, "#restore-backup-password", PASSWORD);
    click(&d, "#restore-submit");
    wait_for(
        &d,
        "(document.getElementById('restore-screen-error')?.textContent ?? '').includes('damaged')",
        json!(true),
    );
    shot(&d, "92-restore-damaged-light");
    click(&d, "#restore-back");
    wait_screen(&d, "picker");

    // … and the good one becomes a new profile, with its own recovery code.
    restore_from_picker(&d, &file);
    assert_eq!(
        text_of(&d, "#restore-backup-name"),
        "Ada",
        "what the backup claims"
    );
    assert_eq!(
        read(&d, "document.getElementById('restore-name').value"),
        json!("Ada (restored)"),
        "Ada exists here, so another name is proposed"
    );
    choose_theme(&d, "dark");
    shot(&d, "93-restore-screen-dark");
    fill(&d, "#restore-backup-password", PASSWORD);
    click(&d, "#restore-submit");
    save_recovery_code(&d);
    wait_screen(&d, "home");
    assert_eq!(expense_descriptions(&d), json!([BEFORE]));
    lock_and_return_to_picker(&d);
    assert_eq!(
        read(
            &d,
            "[...document.querySelectorAll('.profile-item')].map(e => e.dataset.profileName)"
        ),
        json!(["Ada", "Ada (restored)"])
    );
}

/// From the profile list: Restore a backup, answered with `file` in the native open dialog.
fn restore_from_picker(d: &crate::desktop::Desktop, file: &Path) {
    click(d, "#restore-backup-btn");
    d.answer_open_dialog("Restore from a backup", file)
        .unwrap_or_else(|e| fail(d, &e));
    wait_screen(d, "restore");
}
