//! Budgets and alerts over IPC, with "today" pinned so month boundaries are deterministic: the
//! budgets screen's figures and pace, changes for one month or from a month on, bad input, and
//! the `budget-alerts` event — once per (budget, month, threshold), summed up at unlock.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tauri::Listener as _;

use super::{Harness, add, category_id, code, harness_at, harness_in, invoke, unlocked};

const PASSWORD: &str = "long enough password";

/// Collects every `budget-alerts` payload the app emits.
pub(super) fn alerts(h: &Harness) -> Arc<Mutex<Vec<Value>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    h.app.listen_any("budget-alerts", move |event| {
        let payload = serde_json::from_str(event.payload()).expect("the payload is JSON");
        sink.lock().expect("not poisoned").push(payload);
    });
    seen
}

/// The payloads received since the last call.
pub(super) fn take(seen: &Arc<Mutex<Vec<Value>>>) -> Vec<Value> {
    std::mem::take(&mut *seen.lock().expect("not poisoned"))
}

fn set_budget(h: &Harness, request: Value) -> Result<Value, Value> {
    invoke(&h.main, "set_budget", json!({ "request": request }))
}

fn budget(category: Value, month: &str, span: &str, amount: &str, rollover: bool) -> Value {
    json!({"categoryId": category, "month": month, "span": span, "amount": amount, "rollover": rollover})
}

fn month(h: &Harness, month: &str) -> Value {
    invoke(&h.main, "budget_month", json!({ "month": month })).expect("budget month")
}

fn line(month: &Value, category: i64) -> &Value {
    month["categories"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["categoryId"] == json!(category))
        .unwrap_or_else(|| panic!("no line for category {category}: {month}"))
}

fn thresholds(h: &Harness, values: Value) -> Result<Value, Value> {
    invoke(
        &h.main,
        "set_alert_settings",
        json!({"settings": {"thresholds": values, "osNotifications": true, "hideAmounts": false}}),
    )
}

#[test]
fn the_budgets_screen_reports_spending_limits_and_pace() {
    let h = harness_at("2026-11-10");
    unlocked(&h, "EUR");
    let food = category_id(&h, "Groceries");
    set_budget(
        &h,
        budget(json!(null), "2026-11", "fromThisMonthOn", "1.000,00", false),
    )
    .expect("overall budget set (a bank-style amount)");
    set_budget(
        &h,
        budget(json!(food), "2026-10", "fromThisMonthOn", "350", false),
    )
    .expect("groceries budget set");
    add(&h, json!({"date": "2026-11-03", "amount": "137.43"})).expect("added");
    add(&h, json!({"date": "2026-10-31", "amount": "20"})).expect("added in October");

    let november = month(&h, "2026-11");
    assert_eq!(november["phase"], "current");
    assert_eq!(november["today"], "2026-11-10");
    assert_eq!(november["daysInMonth"], 30);
    assert_eq!(
        november["daysLeft"], 21,
        "the 10th to the 30th, today included"
    );
    assert_eq!(november["previousHasBudgets"], true);
    let overall = &november["overall"];
    assert_eq!(overall["amount"], 100_000);
    assert_eq!(
        overall["spent"], 13_743,
        "October's expense is not November's"
    );
    assert_eq!(overall["remaining"], 86_257);
    assert_eq!(overall["percent"], 13);
    assert_eq!(
        overall["forecast"],
        json!({"projected": 41_229, "overOn": null})
    );
    let groceries = line(&november, food);
    assert_eq!(groceries["name"], "Groceries");
    assert_eq!(groceries["limit"], 35_000);
    assert_eq!(groceries["percent"], 39);
    assert_eq!(
        groceries["forecast"],
        json!({"projected": 41_229, "overOn": "2026-11-26"}),
        "13.743 a day passes 350.00 on the 26th"
    );
    let transport = line(&november, category_id(&h, "Transport"));
    assert_eq!(transport["amount"], Value::Null);
    assert_eq!(transport["forecast"], Value::Null);

    let october = month(&h, "2026-10");
    assert_eq!(october["phase"], "past");
    assert_eq!(october["daysLeft"], 0);
    assert_eq!(
        october["overall"]["amount"],
        Value::Null,
        "set from November on"
    );
    assert_eq!(line(&october, food)["spent"], 2_000);
    assert_eq!(
        line(&october, food)["forecast"],
        Value::Null,
        "a closed month"
    );
    assert_eq!(october["previousHasBudgets"], false);

    let december = month(&h, "2026-12");
    assert_eq!(december["phase"], "future");
    assert_eq!(december["daysLeft"], 31);
    assert_eq!(line(&december, food)["amount"], 35_000, "until changed");

    // One month only, then a removal from January on: the past keeps its values.
    let changed = set_budget(
        &h,
        budget(json!(food), "2026-12", "thisMonth", "500", false),
    )
    .expect("one-month change");
    assert_eq!(line(&changed, food)["amount"], 50_000);
    assert_eq!(line(&changed, food)["thisMonthOnly"], true);
    assert_eq!(line(&month(&h, "2027-01"), food)["amount"], 35_000);
    set_budget(
        &h,
        json!({"categoryId": food, "month": "2027-01", "span": "fromThisMonthOn", "amount": null, "rollover": false}),
    )
    .expect("removed");
    assert_eq!(line(&month(&h, "2027-01"), food)["amount"], Value::Null);
    assert_eq!(line(&month(&h, "2026-12"), food)["amount"], 50_000);
    assert_eq!(line(&month(&h, "2026-11"), food)["amount"], 35_000);

    // Copy December's budgets into January (where Groceries had just been removed).
    let january = invoke(&h.main, "copy_budgets", json!({"month": "2027-01"})).expect("copied");
    assert_eq!(line(&january, food)["amount"], 50_000);
    assert_eq!(line(&month(&h, "2027-06"), food)["amount"], 50_000);
}

#[test]
fn bad_budget_input_gets_a_specific_code_and_changes_nothing() {
    let h = harness_at("2026-11-10");
    unlocked(&h, "EUR");
    let food = category_id(&h, "Groceries");
    set_budget(
        &h,
        budget(json!(food), "2026-11", "fromThisMonthOn", "100", false),
    )
    .expect("set");
    let before = month(&h, "2026-11");
    for (amount, why) in [
        ("0", "zero"),
        ("-5", "negative"),
        ("abc", "not a number"),
        ("1000000000000", "absurdly large"),
        ("12.345", "too many decimals"),
    ] {
        let err = set_budget(
            &h,
            budget(json!(food), "2026-11", "fromThisMonthOn", amount, false),
        )
        .expect_err(why);
        assert_eq!(code(&err), "invalid_amount", "{why}: {err}");
    }
    let err = set_budget(
        &h,
        budget(json!(9_999), "2026-11", "thisMonth", "10", false),
    )
    .expect_err("no such category");
    assert_eq!(code(&err), "unknown_category");
    for bad in ["2026-13", "2026-00", "november", ""] {
        let err = set_budget(&h, budget(json!(food), bad, "thisMonth", "10", false))
            .expect_err("not a month");
        assert_eq!(code(&err), "invalid_month", "{bad:?}: {err}");
        let err = invoke(&h.main, "budget_month", json!({"month": bad})).expect_err("not a month");
        assert_eq!(code(&err), "invalid_month");
    }
    for bad in [
        json!([]),
        json!([0]),
        json!([201]),
        json!([65_616]),
        json!([80, 80]),
        json!([1, 2, 3, 4, 5, 6]),
    ] {
        let err = thresholds(&h, bad.clone()).expect_err("refused");
        assert_eq!(code(&err), "invalid_threshold", "{bad}: {err}");
    }
    // A deleted category's budget goes with it.
    let other = category_id(&h, "Other");
    invoke(
        &h.main,
        "delete_category",
        json!({"request": {"id": food, "moveTo": other}}),
    )
    .expect("deleted");
    let err = set_budget(&h, budget(json!(food), "2026-11", "thisMonth", "10", false))
        .expect_err("deleted category");
    assert_eq!(code(&err), "unknown_category");
    let settings = invoke(&h.main, "alert_settings", json!({})).expect("settings");
    assert_eq!(
        settings["thresholds"],
        json!([80, 100]),
        "the defaults stand"
    );
    assert_eq!(before["overall"]["amount"], Value::Null);
}

#[test]
fn each_threshold_is_announced_once_per_budget_and_month() {
    let h = harness_at("2026-11-10");
    unlocked(&h, "EUR");
    let seen = alerts(&h);
    let food = category_id(&h, "Groceries");
    set_budget(
        &h,
        budget(json!(food), "2026-11", "fromThisMonthOn", "100", false),
    )
    .expect("set");
    add(&h, json!({"date": "2026-11-02", "amount": "79.99"})).expect("added");
    assert_eq!(take(&seen), Vec::<Value>::new(), "79.99 % is not 80 %");

    let penny = add(&h, json!({"date": "2026-11-09", "amount": "0.01"})).expect("added");
    assert_eq!(
        take(&seen),
        vec![json!({
            "alerts": [{"categoryId": food, "name": "Groceries", "month": "2026-11", "threshold": 80,
                        "spent": 8_000, "limit": 10_000, "percent": 80}],
            "atUnlock": false
        })],
        "exactly 80 % is reached"
    );

    add(&h, json!({"date": "2026-10-30", "amount": "50"})).expect("added in October");
    assert_eq!(
        take(&seen),
        Vec::<Value>::new(),
        "October is not this month"
    );

    let big = add(&h, json!({"date": "2026-11-10", "amount": "25"})).expect("added");
    let events = take(&seen);
    assert_eq!(events.len(), 1, "one change, one event: {events:?}");
    assert_eq!(events[0]["alerts"][0]["threshold"], 100);
    assert_eq!(events[0]["alerts"][0]["percent"], 105);

    // Dropping below and climbing back, or re-adding, announces nothing again.
    invoke(&h.main, "delete_expense", json!({"id": big["id"]})).expect("deleted");
    invoke(&h.main, "delete_expense", json!({"id": penny["id"]})).expect("deleted");
    add(&h, json!({"date": "2026-11-10", "amount": "25"})).expect("re-added");
    invoke(&h.main, "undo_delete", json!({"id": penny["id"]})).expect("undone");
    assert_eq!(
        take(&seen),
        Vec::<Value>::new(),
        "already announced this month"
    );

    // Nor does a restart.
    invoke(&h.main, "lock", json!({})).expect("locked");
    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    let id = snapshot["profiles"][0]["id"].clone();
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": PASSWORD}}),
    )
    .expect("unlocked");
    assert_eq!(take(&seen), Vec::<Value>::new(), "remembered in the ledger");

    // A new threshold that spending already passed is announced once.
    thresholds(&h, json!([100, 50, 80])).expect("thresholds changed");
    let events = take(&seen);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["alerts"].as_array().map(Vec::len), Some(1));
    assert_eq!(events[0]["alerts"][0]["threshold"], 50);
    let settings = invoke(&h.main, "alert_settings", json!({})).expect("settings");
    assert_eq!(
        settings["thresholds"],
        json!([50, 80, 100]),
        "stored sorted"
    );

    // The overall budget alerts too, in the same event as a category's when one change does both.
    set_budget(
        &h,
        budget(json!(null), "2026-11", "thisMonth", "300", false),
    )
    .expect("set");
    assert_eq!(
        take(&seen),
        Vec::<Value>::new(),
        "105 + 50 is under 50 % of 300"
    );
    add(
        &h,
        json!({"date": "2026-11-10", "amount": "90", "categoryId": category_id(&h, "Transport")}),
    )
    .expect("added");
    let events = take(&seen);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["alerts"][0]["categoryId"], Value::Null);
    assert_eq!(events[0]["alerts"][0]["threshold"], 50);
}

#[test]
fn thresholds_reached_while_closed_are_summed_up_at_unlock() {
    // October: Groceries 100.00 with rollover, overspent by 130.00.
    let h = harness_at("2026-10-20");
    unlocked(&h, "EUR");
    let food = category_id(&h, "Groceries");
    set_budget(
        &h,
        budget(json!(food), "2026-10", "fromThisMonthOn", "100", true),
    )
    .expect("set");
    add(&h, json!({"date": "2026-10-05", "amount": "230"})).expect("added");
    invoke(&h.main, "lock", json!({})).expect("locked");
    let id =
        invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["profiles"][0]["id"].clone();
    let Harness { dir, app, .. } = h;
    drop(app);

    // Reopened in November: 100.00 - 130.00 carried = -30.00 to spend, so both thresholds are
    // reached before anything is added, and one event sums them up.
    let h = harness_in(dir, Some("2026-11-02"));
    let seen = alerts(&h);
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": PASSWORD}}),
    )
    .expect("unlocked");
    let events = take(&seen);
    assert_eq!(
        events.len(),
        1,
        "one summary, not one per alert: {events:?}"
    );
    assert_eq!(events[0]["atUnlock"], true);
    let reached: Vec<&Value> = events[0]["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| &a["threshold"])
        .collect();
    assert_eq!(reached, [&json!(80), &json!(100)]);
    assert_eq!(events[0]["alerts"][0]["limit"], -3_000);
    assert_eq!(events[0]["alerts"][0]["percent"], Value::Null);

    let november = month(&h, "2026-11");
    let groceries = line(&november, food);
    assert_eq!(groceries["carried"], -13_000);
    assert_eq!(groceries["limit"], -3_000);
    assert_eq!(groceries["remaining"], -3_000);
    assert_eq!(groceries["rollover"], true);

    invoke(&h.main, "lock", json!({})).expect("locked");
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": PASSWORD}}),
    )
    .expect("unlocked again");
    assert_eq!(take(&seen), Vec::<Value>::new(), "announced once");
}
