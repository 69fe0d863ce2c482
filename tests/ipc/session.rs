//! The session's own locks over IPC: auto-lock after the house rules' idle minutes (postponed by input
//! in the window, told to the window with `session-locked`) and the profile's choice to lock when the
//! window is minimised or hidden.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use coffer_shell::AppState;
use serde_json::{Value, json};
use tauri::{Listener as _, Manager as _};

use super::{Harness, code, harness, harness_with, invoke};

const PASSWORD: &str = "long enough password";

/// Creates (and so unlocks) a profile called `name`; answers its id.
fn create(h: &Harness, name: &str) -> String {
    let created = invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": name, "password": PASSWORD, "currency": "EUR"}}),
    )
    .expect("profile created");
    created["session"]["profile"]["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

fn unlock(h: &Harness, id: &str) {
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": PASSWORD}}),
    )
    .expect("unlocked");
}

fn is_unlocked(h: &Harness) -> bool {
    !invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["session"].is_null()
}

/// Records the `session-locked` events the app sends: their payloads, in order.
fn locked_events(h: &Harness) -> Arc<Mutex<Vec<Value>>> {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    h.app.listen_any("session-locked", move |event| {
        let payload: Value = serde_json::from_str(event.payload()).expect("JSON payload");
        sink.lock().expect("not poisoned").push(payload);
    });
    events
}

fn reasons(events: &Mutex<Vec<Value>>) -> Vec<Value> {
    events.lock().expect("not poisoned").clone()
}

#[test]
fn an_idle_session_locks_after_the_policy_minutes_and_input_postpones_it() {
    let h = harness();
    let state = h.app.state::<AppState>().inner().clone();
    let locked = locked_events(&h);
    let id = create(&h, "Ada");
    let unlocked_at = Instant::now();
    let five_minutes = Duration::from_secs(5 * 60);

    // Input in the window, measurably after the unlock, moves the deadline.
    std::thread::sleep(Duration::from_millis(5));
    invoke(&h.main, "activity", json!({})).expect("activity");
    assert!(
        !state
            .lock_if_idle(unlocked_at + five_minutes)
            .expect("tick")
    );
    assert!(is_unlocked(&h), "the input postponed auto-lock");
    assert_eq!(reasons(&locked), Vec::<Value>::new());

    // Five minutes after the last input it locks, tells the window, and the data is out of reach.
    assert!(
        state
            .lock_if_idle(Instant::now() + five_minutes)
            .expect("tick")
    );
    assert!(!is_unlocked(&h));
    assert_eq!(reasons(&locked), [json!({"reason": "idle"})]);
    let refused = invoke(&h.main, "categories", json!({})).expect_err("locked");
    assert_eq!(code(&refused), "locked");
    // Nothing more to lock: no second event.
    assert!(
        !state
            .lock_if_idle(Instant::now() + five_minutes * 2)
            .expect("tick")
    );
    assert_eq!(reasons(&locked), [json!({"reason": "idle"})]);

    // A new unlock starts counting again, and an admin's new house rules apply at once.
    unlock(&h, &id);
    assert!(
        !state
            .lock_if_idle(Instant::now() + five_minutes / 2)
            .expect("tick")
    );
    let policy = json!({"policy": {"minPasswordLength": 12, "autoLockMinutes": 1,
                                   "membersMayCreateProfiles": true, "notificationsByDefault": true}});
    invoke(&h.main, "set_policy", policy).expect("admin sets a one-minute auto-lock");
    assert!(
        !state
            .lock_if_idle(Instant::now() + Duration::from_secs(50))
            .expect("tick")
    );
    assert!(
        state
            .lock_if_idle(Instant::now() + Duration::from_secs(61))
            .expect("tick")
    );
    assert!(!is_unlocked(&h));
    assert_eq!(
        reasons(&locked),
        [json!({"reason": "idle"}), json!({"reason": "idle"})]
    );
}

#[test]
fn the_watcher_thread_locks_by_itself() {
    let h = harness_with(tempfile::tempdir().expect("temp dir"), |state| {
        state.with_auto_lock_after(Some(Duration::from_millis(300)))
    });
    let locked = locked_events(&h);
    create(&h, "Ada");
    // Waits on the condition, never a fixed time: the watcher looks once a second, takes the
    // session out, closes it, and only then tells the window.
    let deadline = Instant::now() + Duration::from_secs(10);
    while reasons(&locked).is_empty() {
        assert!(Instant::now() < deadline, "auto-lock never came");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!is_unlocked(&h), "told only once locked");
    assert_eq!(reasons(&locked), [json!({"reason": "idle"})]);
}

#[test]
fn a_profile_that_chose_it_locks_when_the_window_is_out_of_sight() {
    let h = harness();
    let state = h.app.state::<AppState>().inner().clone();
    let locked = locked_events(&h);
    let id = create(&h, "Ada");
    let settings = invoke(&h.main, "privacy_settings", json!({})).expect("settings");
    assert_eq!(
        settings,
        json!({"lockWhenHidden": false, "autoLockMinutes": 5}),
        "off by default, with the house rules' minutes"
    );
    let asked = std::cell::Cell::new(0);
    let hidden = || {
        asked.set(asked.get() + 1);
        true
    };
    assert!(!state.lock_if_hidden(hidden).expect("tick"));
    assert_eq!(asked.get(), 0, "not chosen: the window is not even asked");
    assert!(is_unlocked(&h));

    let settings = invoke(&h.main, "set_lock_when_hidden", json!({"on": true})).expect("set");
    assert_eq!(settings["lockWhenHidden"], json!(true));
    assert!(!state.lock_if_hidden(|| false).expect("tick"));
    assert!(is_unlocked(&h), "chosen, but the window is in sight");
    assert!(state.lock_if_hidden(hidden).expect("tick"));
    assert!(!is_unlocked(&h), "chosen and out of sight: locked");
    assert_eq!(reasons(&locked), [json!({"reason": "hidden"})]);
    assert!(
        !state.lock_if_hidden(hidden).expect("tick"),
        "nothing more to lock"
    );

    // The choice is the profile's own, kept in its encrypted ledger: it is there after unlocking
    // again, and another profile does not share it.
    unlock(&h, &id);
    let settings = invoke(&h.main, "privacy_settings", json!({})).expect("settings");
    assert_eq!(settings["lockWhenHidden"], json!(true));
    create(&h, "Max");
    let settings = invoke(&h.main, "privacy_settings", json!({})).expect("settings");
    assert_eq!(settings["lockWhenHidden"], json!(false));
    assert!(!state.lock_if_hidden(|| true).expect("tick"));
}
