//! End to end in the real window: an admin adds a member from Settings (and gets the member's
//! recovery code to hand over); the member sees no admin screens, and an admin command sent from
//! the member's window is refused by Rust; the admin then removes the member with the name typed.

use serde_json::json;

use crate::desktop::Desktop;
use crate::webdriver::ENTER;
use crate::{
    WAIT, choose_theme, click, create_profile, desktop, fail, fill, open_settings, read,
    save_recovery_code, shot, wait_for, wait_screen,
};

const ADA: &str = "Ada-admin-password-1";
const MAX: &str = "Max-member-password-2";

/// Locks, picks `name` in the profile list and unlocks it with `password`.
fn switch_to(d: &Desktop, name: &str, password: &str) {
    click(d, "#lock-btn");
    wait_screen(d, "unlock");
    click(d, "#unlock-back");
    wait_screen(d, "picker");
    click(d, &format!(".profile-item[data-profile-name=\"{name}\"]"));
    wait_screen(d, "unlock");
    fill(d, "#unlock-password", &format!("{password}{ENTER}"));
    wait_screen(d, "home");
}

#[test]
fn an_admin_adds_and_removes_a_member_who_sees_no_admin_screens() {
    let Some(d) = desktop() else { return };
    wait_screen(&d, "create");
    choose_theme(&d, "light");
    create_profile(&d, "Ada", ADA);

    open_settings(&d);
    d.app()
        .wait_visible("#settings-household", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("the admin sees the household: {e}")));
    fill(&d, "#member-name", "Max");
    fill(&d, "#member-password", MAX);
    fill(&d, "#member-confirm", MAX);
    click(&d, "#member-submit");
    d.app()
        .wait_visible("#recovery-modal #recovery-code", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    shot(&d, "70-new-member-code-light");
    save_recovery_code(&d);
    d.app()
        .wait_visible("tr[data-profile-name=\"Max\"]", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("Max is listed: {e}")));
    d.app()
        .script(
            "document.querySelector('#settings-household').scrollIntoView({ block: 'start' }); \
             window.scrollBy(0, -80);",
            json!([]),
        )
        .expect("scrolls");
    shot(&d, "71-household-light");

    // Max: no household in Settings, and Rust refuses an admin command sent from his window.
    switch_to(&d, "Max", MAX);
    open_settings(&d);
    wait_for(
        &d,
        "document.querySelector('#settings-household') === null && document.querySelector('#member-form') === null",
        json!(true),
    );
    shot(&d, "72-settings-member-light");
    d.app()
        .script(
            "window.__refused = null; \
             window.__TAURI_INTERNALS__.invoke('household', {}) \
               .then(() => { window.__refused = 'allowed'; }, e => { window.__refused = e.code; });",
            json!([]),
        )
        .expect("invoked");
    wait_for(&d, "window.__refused", json!("forbidden"));

    // Ada removes Max: the name must be typed exactly.
    switch_to(&d, "Ada", ADA);
    open_settings(&d);
    // The household table loads after the screen shows.
    wait_for(
        &d,
        "document.querySelector('tr[data-profile-name=\"Max\"]') !== null",
        json!(true),
    );
    let max_id = read(
        &d,
        "document.querySelector('tr[data-profile-name=\"Max\"]').dataset.profileId",
    );
    let max_id = max_id.as_str().expect("an id").to_owned();
    click(&d, &format!("#profile-actions-{max_id}"));
    click(
        &d,
        "tr[data-profile-name=\"Max\"] button[data-action=\"remove\"]",
    );
    d.app()
        .wait_visible("#remove-modal", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    fill(&d, "#remove-confirm-name", "max");
    wait_for(
        &d,
        "document.querySelector('#remove-submit').disabled",
        json!(true),
    );
    fill(&d, "#remove-confirm-name", "Max");
    shot(&d, "73-remove-member-light");
    click(&d, "#remove-submit");
    wait_for(
        &d,
        "document.querySelector('tr[data-profile-name=\"Max\"]') === null",
        json!(true),
    );
    let ledger = d.data_dir().join("profiles").join(format!("{max_id}.db"));
    assert!(!ledger.exists(), "Max's ledger went with his key");
}
