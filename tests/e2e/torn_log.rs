//! A change torn by a power cut, in the real window: the data folder of a first run is copied while
//! its profile is unlocked (as a power cut leaves it) with the last commit in its `-wal` torn; a second
//! run unlocks it, opens as of the change before, and tells the person in a warning toast.

use std::fs;
use std::path::PathBuf;

use coffer_vault::wal::{self, WalLayout};

use crate::data_folder::copy_data_folder;
use crate::desktop::Extras;
use crate::webdriver::ENTER;
use crate::{
    PASSWORD, WAIT, add_expense, choose_theme, click, create_profile, desktop, desktop_with, fail,
    fill, shot, text_of, wait_for, wait_screen,
};

/// The expense whose commit the power cut tears.
const LAST: &str = "Last one before the power cut";

#[test]
fn a_change_torn_by_a_power_cut_is_dropped_and_the_person_is_told() {
    let prepared = tempfile::tempdir().expect("temp dir");
    {
        let Some(d) = desktop() else {
            return;
        };
        wait_screen(&d, "create");
        create_profile(&d, "Torn Tess", PASSWORD);
        click(&d, "#nav-expenses");
        wait_screen(&d, "expenses");
        add_expense(&d, None, "4.20", "Bakery");
        add_expense(&d, None, "12.00", "Bus pass");
        add_expense(&d, None, "9.99", LAST);
        // Copied while the profile is unlocked: the last commits are only in the log.
        copy_data_folder(&d.data_dir(), prepared.path()).expect("copied");
    }
    let ledger = only_ledger(prepared.path().join("profiles"));
    let log = wal::log_path(&ledger);
    let layout = WalLayout::read(fs::File::open(&log).expect("the copy has a log"))
        .expect("readable")
        .expect("a valid header");
    let last = *layout.commits.last().expect("commits in the log");
    // A byte of the last commit frame's page, as a write the power cut stopped would leave it.
    let at = wal::HEADER_LEN + last * layout.frame_len() + wal::FRAME_HEADER_LEN + 300;
    let mut bytes = fs::read(&log).expect("readable");
    bytes[at] ^= 0x10;
    fs::write(&log, &bytes).expect("writable");

    let Some(d) = desktop_with(&Extras {
        data: Some(prepared.path()),
        ..Extras::default()
    }) else {
        return;
    };
    wait_screen(&d, "picker");
    click(&d, ".profile-item[data-profile-name=\"Torn Tess\"]");
    wait_screen(&d, "unlock");
    fill(&d, "#unlock-password", &format!("{PASSWORD}{ENTER}"));
    wait_screen(&d, "home");
    d.app()
        .wait_visible("#warning-toast", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    let warning = text_of(&d, "#warning-toast");
    assert!(
        warning.contains("not completely saved")
            && warning.contains("Check your most recent entries"),
        "{warning}"
    );
    shot(&d, "96-torn-change-warning-light");
    choose_theme(&d, "dark");
    shot(&d, "97-torn-change-warning-dark");

    // The torn change is gone, the ones before it are there.
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    wait_for(
        &d,
        "[...document.querySelectorAll('tr.expense-row .expense-title')].map(e => e.textContent.trim()).sort()",
        serde_json::json!(["Bakery", "Bus pass"]),
    );
}

/// The one ledger file in `profiles`.
fn only_ledger(profiles: PathBuf) -> PathBuf {
    let ledgers: Vec<PathBuf> = fs::read_dir(&profiles)
        .expect("listable")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "db"))
        .collect();
    assert_eq!(ledgers.len(), 1, "{ledgers:?}");
    ledgers.into_iter().next().expect("one")
}
