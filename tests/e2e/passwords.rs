//! End to end in the real window: the recovery code shown once at creation, a forgotten password
//! replaced by unlocking with that code (which forces a new password), the password changed and a
//! new recovery code made in Settings, and the countdown after repeated wrong passwords.

use serde_json::json;

use crate::desktop::Desktop;
use crate::webdriver::ENTER;
use crate::{
    WAIT, choose_theme, click, desktop, fail, files_below, fill, read, save_recovery_code, shot,
    text_of, wait_for, wait_screen,
};

const FIRST: &str = "Mira-first-password-1";
const SECOND: &str = "Mira-second-password-2";
const THIRD: &str = "Mira-third-password-3";

/// Waits for the unlock screen's error and answers its text.
fn unlock_error(d: &Desktop) -> String {
    let error = d
        .app()
        .wait_visible("#unlock-error", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
    d.app().text(&error).expect("text")
}

#[test]
fn a_forgotten_password_is_replaced_with_the_recovery_code() {
    let Some(d) = desktop() else { return };
    wait_screen(&d, "create");
    choose_theme(&d, "light");
    fill(&d, "#create-name", "Mira");
    fill(&d, "#create-password", FIRST);
    fill(&d, "#create-confirm", FIRST);
    click(&d, "#create-submit");
    d.app()
        .wait_visible("#recovery-code", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    shot(&d, "60-recovery-code-light");
    let code = save_recovery_code(&d);
    wait_screen(&d, "home");

    // Forgotten password: the code, typed with spaces, unlocks only together with a new password.
    click(&d, "#lock-btn");
    wait_screen(&d, "unlock");
    click(&d, "#forgot-password");
    fill(&d, "#recover-code", "0000 0000 0000 0000 0000 0000");
    fill(&d, "#recover-password", SECOND);
    fill(&d, "#recover-confirm", SECOND);
    click(&d, "#recover-submit");
    d.app()
        .wait_visible("#recover-code-error", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("a wrong code is explained: {e}")));
    fill(&d, "#recover-code", &code.replace('-', " "));
    shot(&d, "61-recover-light");
    click(&d, "#recover-submit");
    wait_screen(&d, "home");
    assert_eq!(text_of(&d, "#nav-profile-name"), "Mira");

    // The old password is gone; the new one works.
    click(&d, "#lock-btn");
    wait_screen(&d, "unlock");
    fill(&d, "#unlock-password", &format!("{FIRST}{ENTER}"));
    assert!(
        unlock_error(&d).contains("Wrong password"),
        "the forgotten password no longer opens the profile"
    );
    fill(&d, "#unlock-password", &format!("{SECOND}{ENTER}"));
    wait_screen(&d, "home");

    // Settings: change the password, then make a new recovery code.
    click(&d, "#profile-menu");
    click(&d, "#menu-settings");
    wait_screen(&d, "settings");
    fill(&d, "#change-current", SECOND);
    fill(&d, "#change-new", THIRD);
    fill(&d, "#change-confirm", THIRD);
    click(&d, "#change-submit");
    wait_for(
        &d,
        "document.querySelector('#toast .toast-message')?.textContent.includes('Password changed') ?? false",
        json!(true),
    );
    fill(&d, "#regen-password", THIRD);
    click(&d, "#regen-submit");
    d.app()
        .wait_visible("#recovery-modal #recovery-code", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    let new_code = save_recovery_code(&d);
    assert_ne!(new_code, code, "a new code");
    shot(&d, "62-settings-light");
    choose_theme(&d, "dark");
    shot(&d, "63-settings-dark");

    // The retired code is refused; the new one works.
    click(&d, "#lock-btn");
    wait_screen(&d, "unlock");
    click(&d, "#forgot-password");
    fill(&d, "#recover-code", &code);
    fill(&d, "#recover-password", FIRST);
    fill(&d, "#recover-confirm", FIRST);
    click(&d, "#recover-submit");
    d.app()
        .wait_visible("#recover-code-error", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("the old code is refused: {e}")));
    fill(&d, "#recover-code", &new_code);
    click(&d, "#recover-submit");
    wait_screen(&d, "home");

    // Five wrong passwords: the form waits, with a countdown.
    click(&d, "#lock-btn");
    wait_screen(&d, "unlock");
    for attempt in 1..=5 {
        fill(&d, "#unlock-password", &format!("wrong-{attempt}{ENTER}"));
        if attempt < 5 {
            assert!(
                unlock_error(&d).contains("Wrong password"),
                "attempt {attempt}"
            );
        }
    }
    d.app()
        .wait_visible("#unlock-lockout", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("the wait is shown: {e}")));
    wait_for(
        &d,
        "document.querySelector('#unlock-submit').disabled",
        json!(true),
    );
    let text = read(&d, "document.querySelector('#unlock-lockout').textContent");
    assert!(
        text.as_str().is_some_and(|t| t.contains("Try again in 0:")),
        "a countdown: {text}"
    );
    shot(&d, "64-lockout-dark");

    // Neither code nor any of the passwords reached the disk, the webview's directories included.
    let mut files = Vec::new();
    for dir in d.written_dirs() {
        files_below(&dir, &mut files);
    }
    assert!(!files.is_empty(), "the app wrote its files");
    let mut needles = vec![FIRST.to_owned(), SECOND.to_owned(), THIRD.to_owned()];
    for c in [&code, &new_code] {
        needles.push(c.clone());
        needles.push(c.replace('-', ""));
    }
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        for needle in &needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} appears in {}",
                file.display()
            );
        }
    }
}
