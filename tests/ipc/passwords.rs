//! The password lifecycle over IPC: the recovery code handed out once at creation, recovery with a
//! new password, changing the password while unlocked, a new recovery code retiring the old one, and
//! the wait after repeated wrong attempts as the picker sees it.

use serde_json::{Value, json};

use super::{code, harness, invoke};

const PASSWORD: &str = "long enough password";
const NEW_PASSWORD: &str = "an even longer password";

fn profile_id(created: &Value) -> String {
    created["session"]["profile"]["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

fn recover(h: &super::Harness, id: &str, code: &str, new_password: &str) -> Result<Value, Value> {
    invoke(
        &h.main,
        "recover",
        json!({"request": {"profileId": id, "recoveryCode": code, "newPassword": new_password}}),
    )
}

fn unlock(h: &super::Harness, id: &str, password: &str) -> Result<Value, Value> {
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": password}}),
    )
}

#[test]
fn a_recovery_code_unlocks_with_a_new_password_and_a_new_code_retires_it() {
    let h = harness();
    let created = invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": "Noor", "password": PASSWORD, "currency": "EUR"}}),
    )
    .expect("created");
    let id = profile_id(&created);
    let first = created["recoveryCode"].as_str().expect("a code").to_owned();
    assert!(
        first.len() == 29
            && first
                .split('-')
                .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())),
        "{first}"
    );
    invoke(&h.main, "lock", json!({})).expect("locked");

    for (typed, expected) in [
        ("0000-0000-0000-0000-0000-0000", "wrong_recovery_code"),
        ("my dog's name", "invalid_recovery_code"),
    ] {
        let err = recover(&h, &id, typed, NEW_PASSWORD).expect_err("refused");
        assert_eq!(code(&err), expected, "{typed}: {err}");
    }
    let err = recover(&h, &id, &first, "short").expect_err("refused");
    assert_eq!(code(&err), "weak_password");

    let session = recover(&h, &id, &first.to_lowercase(), NEW_PASSWORD).expect("recovered");
    assert_eq!(session["profile"]["name"], "Noor");
    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    assert_eq!(snapshot["session"]["profile"]["id"], json!(id), "unlocked");
    invoke(&h.main, "lock", json!({})).expect("locked");
    let err = unlock(&h, &id, PASSWORD).expect_err("the old password is gone");
    assert_eq!(code(&err), "wrong_password");
    unlock(&h, &id, NEW_PASSWORD).expect("the new one opens it");

    // While unlocked: change the password, then make a new recovery code.
    let change = |current: &str, new: &str| {
        invoke(
            &h.main,
            "change_password",
            json!({"request": {"current": current, "new": new}}),
        )
    };
    assert_eq!(
        code(&change("nope", PASSWORD).expect_err("wrong")),
        "wrong_password"
    );
    assert_eq!(
        code(&change(NEW_PASSWORD, "short").expect_err("short")),
        "weak_password"
    );
    change(NEW_PASSWORD, PASSWORD).expect("changed");
    let regenerate = |password: &str| {
        invoke(
            &h.main,
            "regenerate_recovery_code",
            json!({"request": {"password": password}}),
        )
    };
    assert_eq!(
        code(&regenerate(NEW_PASSWORD).expect_err("old")),
        "wrong_password"
    );
    let second = regenerate(PASSWORD).expect("regenerated")["code"]
        .as_str()
        .expect("a code")
        .to_owned();
    assert_ne!(second, first);
    invoke(&h.main, "lock", json!({})).expect("locked");
    let err = recover(&h, &id, &first, NEW_PASSWORD).expect_err("retired");
    assert_eq!(code(&err), "wrong_recovery_code");
    recover(&h, &id, &second, NEW_PASSWORD).expect("the new code works");
}

#[test]
fn repeated_wrong_passwords_make_the_picker_wait() {
    let h = harness();
    let created = invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": "Ida", "password": PASSWORD, "currency": "EUR"}}),
    )
    .expect("created");
    let id = profile_id(&created);
    invoke(&h.main, "lock", json!({})).expect("locked");
    let locked_until = || {
        invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["profiles"][0]["lockedUntil"]
            .clone()
    };
    for _ in 0..4 {
        assert_eq!(
            code(&unlock(&h, &id, "wrong").expect_err("wrong")),
            "wrong_password"
        );
    }
    assert_eq!(locked_until(), Value::Null, "four mistakes cost nothing");
    assert_eq!(
        code(&unlock(&h, &id, "wrong").expect_err("wrong")),
        "wrong_password"
    );
    let until = locked_until().as_i64().expect("a wait after the fifth");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    assert!(
        (until - now - 30).abs() <= 2,
        "about 30 s: {until} vs {now}"
    );
    let err = unlock(&h, &id, PASSWORD).expect_err("even the right password waits");
    assert_eq!(code(&err), "locked_out");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Too many wrong attempts. Try again in ")),
        "{err}"
    );
}
