//! Household administration over IPC: an admin creates members, changes roles, removes profiles
//! with typed confirmation (their ledger goes with their key), ends a wait and sets the house rules;
//! the last admin stays; the rules take effect (who may create, password length, notifications).

use serde_json::{Value, json};

use super::{Harness, code, harness, invoke};

const PASSWORD: &str = "long enough password";

fn create(h: &Harness, name: &str) -> Result<Value, Value> {
    invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": name, "password": PASSWORD, "currency": "EUR"}}),
    )
}

fn unlock(h: &Harness, id: &Value, password: &str) -> Result<Value, Value> {
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": password}}),
    )
}

/// The household row of `name`.
fn row<'a>(household: &'a Value, name: &str) -> &'a Value {
    household["profiles"]
        .as_array()
        .expect("profiles")
        .iter()
        .find(|p| p["profile"]["name"] == json!(name))
        .unwrap_or_else(|| panic!("{name} in {household}"))
}

#[test]
fn an_admin_manages_profiles_and_the_last_admin_stays() {
    let h = harness();
    let ada = create(&h, "Ada").expect("the first profile")["session"]["profile"]["id"].clone();

    // Ada (admin) adds Max; her own session stays open.
    let max = invoke(
        &h.main,
        "create_member",
        json!({"request": {"name": "Max", "password": PASSWORD, "currency": "CHF"}}),
    )
    .expect("member created");
    assert_eq!(max["profile"]["role"], "member");
    let max_id = max["profile"]["id"].clone();
    assert_eq!(
        max["recoveryCode"].as_str().map(str::len),
        Some(29),
        "a code to hand over"
    );
    let household = invoke(&h.main, "household", json!({})).expect("household");
    assert_eq!(row(&household, "Ada")["isYou"], true);
    assert_eq!(row(&household, "Max")["isYou"], false);

    // The last admin cannot be demoted or remove herself.
    let err = invoke(
        &h.main,
        "set_role",
        json!({"request": {"profileId": ada, "role": "member"}}),
    )
    .expect_err("last admin");
    assert_eq!(code(&err), "last_admin");
    let err = invoke(
        &h.main,
        "remove_profile",
        json!({"request": {"profileId": ada, "confirmName": "Ada"}}),
    )
    .expect_err("not yourself");
    assert_eq!(code(&err), "forbidden");

    // Promote Max, demote Max again.
    let household = invoke(
        &h.main,
        "set_role",
        json!({"request": {"profileId": max_id, "role": "admin"}}),
    )
    .expect("promoted");
    assert_eq!(row(&household, "Max")["profile"]["role"], "admin");
    let household = invoke(
        &h.main,
        "set_role",
        json!({"request": {"profileId": max_id, "role": "member"}}),
    )
    .expect("demoted");
    assert_eq!(row(&household, "Max")["profile"]["role"], "member");

    // Max, a member, is refused every admin command, checked in Rust.
    invoke(&h.main, "lock", json!({})).expect("locked");
    unlock(&h, &max_id, PASSWORD).expect("Max unlocks");
    for (command, args) in [
        ("household", json!({})),
        ("reset_lockout", json!({"profileId": ada})),
        (
            "remove_profile",
            json!({"request": {"profileId": ada, "confirmName": "Ada"}}),
        ),
    ] {
        let err = invoke(&h.main, command, args).expect_err("refused");
        assert_eq!(code(&err), "forbidden", "{command}");
    }

    // Max gets five passwords wrong; Ada ends the wait, then removes Max with his name typed.
    invoke(&h.main, "lock", json!({})).expect("locked");
    for _ in 0..5 {
        let err = unlock(&h, &max_id, "wrong password").expect_err("wrong");
        assert_eq!(code(&err), "wrong_password");
    }
    unlock(&h, &ada, PASSWORD).expect("Ada unlocks");
    let household = invoke(&h.main, "household", json!({})).expect("household");
    assert!(
        row(&household, "Max")["profile"]["lockedUntil"].is_i64(),
        "Max waits"
    );
    let household =
        invoke(&h.main, "reset_lockout", json!({"profileId": max_id})).expect("wait ended");
    assert_eq!(
        row(&household, "Max")["profile"]["lockedUntil"],
        Value::Null
    );

    let ledger = h
        .dir
        .path()
        .join("profiles")
        .join(format!("{}.db", max_id.as_str().expect("an id")));
    assert!(ledger.is_file());
    let err = invoke(
        &h.main,
        "remove_profile",
        json!({"request": {"profileId": max_id, "confirmName": "max"}}),
    )
    .expect_err("the name must be typed exactly");
    assert_eq!(code(&err), "confirmation_mismatch");
    assert!(ledger.is_file(), "nothing removed");
    let household = invoke(
        &h.main,
        "remove_profile",
        json!({"request": {"profileId": max_id, "confirmName": "Max"}}),
    )
    .expect("removed");
    assert_eq!(household["profiles"].as_array().map(Vec::len), Some(1));
    assert!(!ledger.exists(), "the ledger went with its key");
    let err = unlock(&h, &max_id, PASSWORD).expect_err("gone");
    assert_eq!(code(&err), "unknown_profile");
}

#[test]
fn the_house_rules_decide_who_creates_profiles_and_how() {
    let h = harness();
    create(&h, "Ada").expect("the first profile");
    let rules = |min: u16, members_create: bool, notifications: bool| {
        json!({"policy": {"minPasswordLength": min, "autoLockMinutes": 10,
                          "membersMayCreateProfiles": members_create,
                          "notificationsByDefault": notifications}})
    };
    for bad in [rules(7, true, true), rules(129, true, true)] {
        let err = invoke(&h.main, "set_policy", bad).expect_err("out of range");
        assert_eq!(code(&err), "invalid_policy");
    }
    let mut zero_minutes = rules(12, true, true);
    zero_minutes["policy"]["autoLockMinutes"] = json!(0);
    assert_eq!(
        code(&invoke(&h.main, "set_policy", zero_minutes).expect_err("0 min")),
        "invalid_policy"
    );

    let household = invoke(&h.main, "set_policy", rules(12, false, false)).expect("set");
    assert_eq!(household["policy"]["minPasswordLength"], 12);
    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    assert_eq!(snapshot["membersMayCreateProfiles"], false);
    assert_eq!(snapshot["policy"]["minLength"], 12);

    // Nobody at the picker may create a profile now; the admin still can, with the new length.
    invoke(&h.main, "lock", json!({})).expect("locked");
    assert_eq!(
        code(&create(&h, "Zoe").expect_err("closed")),
        "creation_closed"
    );
    let ada =
        invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["profiles"][0]["id"].clone();
    unlock(&h, &ada, PASSWORD).expect("Ada unlocks");
    let err = invoke(
        &h.main,
        "create_member",
        json!({"request": {"name": "Zoe", "password": "elevenchars", "currency": "EUR"}}),
    )
    .expect_err("too short for the new rule");
    assert_eq!(code(&err), "weak_password");
    let zoe = invoke(
        &h.main,
        "create_member",
        json!({"request": {"name": "Zoe", "password": PASSWORD, "currency": "EUR"}}),
    )
    .expect("created by the admin")["profile"]["id"]
        .clone();

    // Zoe starts with desktop notifications off, as the rules say.
    invoke(&h.main, "lock", json!({})).expect("locked");
    unlock(&h, &zoe, PASSWORD).expect("Zoe unlocks");
    let settings = invoke(&h.main, "alert_settings", json!({})).expect("settings");
    assert_eq!(settings["osNotifications"], false);
}
