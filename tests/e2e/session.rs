//! The session's own locks in the real window: auto-lock after a (test-shortened) idle time, which
//! input postpones and which keeps no half-typed form, and a profile's choice to lock when the window
//! is minimised.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::desktop::Extras;
use crate::webdriver::ENTER;
use crate::{
    PASSWORD, WAIT, choose_theme, click, create_profile, desktop_with, fail, fill, open_settings,
    read, screen, shot, text_of, wait_for, wait_screen,
};

/// The auto-lock the test asks the (debug) app for, instead of the house rules' minutes.
const IDLE_SECONDS: u64 = 4;
/// Typed into a form and never saved: it must be gone once the profile locked.
const HALF_TYPED: &str = "Half-typed-birthday-present";

#[test]
fn an_idle_profile_locks_itself_and_keeps_nothing_half_typed() {
    let idle = IDLE_SECONDS.to_string();
    let env = [("COFFER_TEST_AUTO_LOCK_SECONDS", idle.as_str())];
    let Some(d) = desktop_with(&Extras {
        env: &env,
        ..Extras::default()
    }) else {
        return;
    };
    wait_screen(&d, "create");
    create_profile(&d, "Idle Ida", PASSWORD);

    // Typing keeps the profile unlocked well past the idle time.
    click(&d, "#home-add-first");
    let field = d
        .app()
        .wait_visible("#expense-description", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    let started = Instant::now();
    let mut typed = String::new();
    for ch in HALF_TYPED.chars().cycle() {
        if started.elapsed() > Duration::from_secs(IDLE_SECONDS * 2) {
            break;
        }
        d.app()
            .type_text(&field, &ch.to_string())
            .unwrap_or_else(|e| fail(&d, &format!("typing: {e}")));
        typed.push(ch);
    }
    assert_eq!(screen(&d), json!("home"), "input kept the profile unlocked");
    assert!(typed.starts_with(HALF_TYPED), "the whole marker was typed");

    // Then nothing: Coffer locks by itself and offers this profile's unlock again.
    let stopped = Instant::now();
    wait_screen(&d, "unlock");
    let waited = stopped.elapsed();
    assert!(
        waited >= Duration::from_secs(IDLE_SECONDS - 1),
        "locked only after the idle time, not at once ({waited:?})"
    );
    assert_eq!(text_of(&d, "#unlock-profile-name"), "Idle Ida");
    assert!(
        text_of(&d, "#unlock-notice").contains("inactivity"),
        "the unlock screen says why"
    );
    assert_eq!(
        read(
            &d,
            &format!(
                "document.body.innerHTML.includes('{HALF_TYPED}') || \
                 [...document.querySelectorAll('input, textarea')].some(i => i.value.includes('{HALF_TYPED}'))"
            )
        ),
        json!(false),
        "the half-typed expense is gone from the page"
    );
    assert_eq!(
        read(&d, "document.getElementById('unlock-password').value"),
        json!(""),
        "the password field starts empty"
    );
    shot(&d, "80-auto-locked-light");

    // Unlocking again starts from a clean form.
    fill(&d, "#unlock-password", &format!("{PASSWORD}{ENTER}"));
    wait_screen(&d, "home");
    click(&d, "#home-add-first");
    d.app()
        .wait_visible("#expense-description", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    assert_eq!(
        read(&d, "document.getElementById('expense-description').value"),
        json!("")
    );
}

#[test]
fn a_profile_that_chose_it_locks_when_the_window_is_minimised() {
    let Some(d) = desktop_with(&Extras {
        window_manager: true,
        ..Extras::default()
    }) else {
        return;
    };
    wait_screen(&d, "create");
    create_profile(&d, "Private Pia", PASSWORD);
    open_settings(&d);
    wait_for(
        &d,
        "document.getElementById('auto-lock-text').textContent.includes('5 minutes')",
        json!(true),
    );
    assert_eq!(
        read(&d, "document.getElementById('lock-when-hidden').checked"),
        json!(false),
        "off until the profile chooses it"
    );
    click(&d, "#lock-when-hidden");
    wait_for(
        &d,
        "document.getElementById('lock-when-hidden').checked && !document.getElementById('lock-when-hidden').disabled",
        json!(true),
    );
    shot(&d, "81-settings-locking-light");
    choose_theme(&d, "dark");
    shot(&d, "82-settings-locking-dark");

    d.minimise_window().unwrap_or_else(|e| fail(&d, &e));
    wait_screen(&d, "unlock");
    assert!(
        text_of(&d, "#unlock-notice").contains("minimised"),
        "locked because the window was minimised"
    );
}
