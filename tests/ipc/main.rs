//! IPC tests on Tauri's mock runtime: the real command handlers, state and access-control
//! list (compiled from `tauri.conf.json` and `capabilities/`), without a window or display.

mod admin;
mod backups;
mod budgets;
#[path = "../support/data_folder.rs"]
mod data_folder;
mod passwords;
mod reports;
mod session;
mod torn_log;
mod transfer;

use coffer_ledger::Date;
use coffer_shell::{AppError, AppState, builder, context};
use coffer_vault::{KdfParams, Vault};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    dir: tempfile::TempDir,
    app: App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
    other: WebviewWindow<MockRuntime>,
}

/// The app on the mock runtime over a fresh data directory, with the cheapest Argon2id
/// parameters the vault accepts (the defaults are exercised end to end).
fn harness() -> Harness {
    harness_in(tempfile::tempdir().expect("temp dir"), None)
}

/// [`harness`] with "today" pinned to `today`, so month boundaries are deterministic.
fn harness_at(today: &str) -> Harness {
    harness_in(tempfile::tempdir().expect("temp dir"), Some(today))
}

/// [`harness`] over `dir`, with "today" pinned to `today` when given.
fn harness_in(dir: tempfile::TempDir, today: Option<&str>) -> Harness {
    harness_with(dir, |state| match today {
        Some(today) => state.with_today(today.parse::<Date>().expect("a valid date")),
        None => state,
    })
}

/// [`harness`] over `dir`, with the state adjusted by `adjust` before the app gets it.
fn harness_with(dir: tempfile::TempDir, adjust: impl FnOnce(AppState) -> AppState) -> Harness {
    let vault = Vault::open(dir.path())
        .and_then(|v| v.with_kdf(KdfParams::FLOOR))
        .map_err(AppError::from);
    let state = adjust(AppState::from_vault(vault));
    let app = mock_app(state);
    let main = window(&app, "main");
    let other = window(&app, "other");
    Harness {
        dir,
        app,
        main,
        other,
    }
}

/// Coffer's commands, state and compiled-in ACL on the mock runtime.
fn mock_app(state: AppState) -> App<MockRuntime> {
    builder(mock_builder(), state)
        .build(context())
        .expect("app builds on the mock runtime")
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default())
        .build()
        .unwrap_or_else(|e| panic!("window {label}: {e}"))
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_body(window, cmd, args)
        .map(|body| body.deserialize::<Value>().expect("responses are JSON"))
}

/// Invokes a command that answers raw bytes (an `ArrayBuffer` in the webview).
fn invoke_bytes(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Vec<u8>, Value> {
    invoke_body(window, cmd, args).map(|body| match body {
        tauri::ipc::InvokeResponseBody::Raw(bytes) => bytes,
        tauri::ipc::InvokeResponseBody::Json(json) => panic!("{cmd} answered JSON: {json}"),
    })
}

fn invoke_body(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<tauri::ipc::InvokeResponseBody, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request)
}

/// The `today` argument of `home_overview`.
static TODAY: std::sync::LazyLock<Value> =
    std::sync::LazyLock::new(|| json!({"today": "2025-03-20"}));

/// An `import_preview` request for `path` with every choice left to detection.
fn import_request(path: &str) -> Value {
    json!({"path": path, "encoding": null, "sheet": null, "columns": null, "dateFormat": null, "sign": null})
}

/// Creates and unlocks a profile with `currency`; answers its session.
fn unlocked(h: &Harness, currency: &str) -> Value {
    invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": "Pat", "password": "long enough password", "currency": currency}}),
    )
    .expect("profile created")["session"]
        .take()
}

/// The id of the category called `name`.
fn category_id(h: &Harness, name: &str) -> i64 {
    let list = invoke(&h.main, "categories", json!({})).expect("categories");
    list["categories"]
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == json!(name))
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("no category {name}: {list}"))
}

/// Adds an expense: `fields` override a valid default (2025-03-14, Groceries, 1.00).
fn add(h: &Harness, fields: Value) -> Result<Value, Value> {
    let mut input = json!({
        "date": "2025-03-14",
        "amount": "1.00",
        "categoryId": category_id(h, "Groceries"),
        "description": "Weekly shop",
        "notes": "",
        "paymentMethod": "",
    });
    for (key, value) in fields.as_object().expect("an object of overrides") {
        input[key] = value.clone();
    }
    invoke(&h.main, "add_expense", json!({ "input": input }))
}

/// Every expense, newest first, walking the keyset pages `limit` at a time.
fn all_expenses(h: &Harness, filter: Value, limit: u32) -> Vec<Value> {
    let mut out = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = invoke(
            &h.main,
            "expense_page",
            json!({"request": {"filter": filter, "sort": "date", "descending": true, "after": after, "limit": limit}}),
        )
        .expect("page");
        out.extend(page["expenses"].as_array().expect("rows").iter().cloned());
        if page["next"].is_null() {
            return out;
        }
        after = page["next"].clone();
    }
}

fn code(err: &Value) -> &str {
    err["code"]
        .as_str()
        .unwrap_or_else(|| panic!("errors cross IPC as {{code, message}}: {err}"))
}

#[test]
fn create_lock_unlock_round_trip() {
    let h = harness();
    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    assert_eq!(
        snapshot["profiles"],
        json!([]),
        "a new data directory has no profiles"
    );
    assert_eq!(snapshot["policy"]["minLength"], json!(10));
    assert_eq!(snapshot["session"], Value::Null);

    let created = invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": "  Alice ", "password": "correct horse battery", "currency": "EUR"}}),
    )
    .expect("profile created");
    let code_text = created["recoveryCode"].as_str().expect("a recovery code");
    assert_eq!(code_text.len(), 29, "six groups of four: {code_text}");
    let created = &created["session"];
    assert_eq!(
        created["profile"]["name"],
        json!("Alice"),
        "names are trimmed"
    );
    assert_eq!(
        created["profile"]["role"],
        json!("admin"),
        "the first profile is the admin"
    );
    let id = created["profile"]["id"].as_str().expect("id").to_owned();

    assert_eq!(created["currency"], json!({"code": "EUR", "minorUnits": 2}));
    let home =
        invoke(&h.main, "home_overview", TODAY.clone()).expect("unlocked data command works");
    assert_eq!(home["profileName"], json!("Alice"));
    assert_eq!(home["expenseCount"], json!(0));
    add(
        &h,
        json!({"amount": "12.34", "description": "Coffee beans"}),
    )
    .expect("added");

    invoke(&h.main, "lock", json!({})).expect("lock");
    let refused =
        invoke(&h.main, "home_overview", TODAY.clone()).expect_err("locked data command refused");
    assert_eq!(code(&refused), "locked");
    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    assert_eq!(snapshot["session"], Value::Null, "locking ends the session");

    let wrong = invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": "correct horse battery!"}}),
    )
    .expect_err("wrong password refused");
    assert_eq!(code(&wrong), "wrong_password");
    assert!(
        !wrong["message"]
            .as_str()
            .unwrap_or_default()
            .contains("battery"),
        "errors never echo the password"
    );
    assert_eq!(
        code(&invoke(&h.main, "home_overview", TODAY.clone()).expect_err("still locked")),
        "locked"
    );

    let unlocked = invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": "correct horse battery"}}),
    )
    .expect("right password unlocks");
    assert_eq!(unlocked["profile"]["id"], json!(id));
    let home_again = invoke(&h.main, "home_overview", TODAY.clone()).expect("data readable again");
    assert_eq!(
        home_again["createdAt"], home["createdAt"],
        "the same ledger was reopened"
    );
}

#[test]
fn bad_requests_get_specific_codes_and_change_nothing() {
    let h = harness();
    let create = |name: &str, password: &str| {
        invoke(
            &h.main,
            "create_profile",
            json!({"request": {"name": name, "password": password, "currency": "EUR"}}),
        )
    };
    assert_eq!(
        code(&create("   ", "long enough password").expect_err("empty name")),
        "invalid_name"
    );
    assert_eq!(
        code(&create("Bob", "short").expect_err("short password")),
        "weak_password"
    );
    create("Bob", "long enough password").expect("Bob created");
    assert_eq!(
        code(&create("bob", "another long password").expect_err("duplicate")),
        "duplicate_name"
    );

    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    let names: Vec<&str> = snapshot["profiles"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["Bob"], "refused requests created nothing");

    let bad_id = invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": "../../etc", "password": "x"}}),
    )
    .expect_err("malformed id");
    assert_eq!(code(&bad_id), "invalid_request");
    let unknown = invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": "0123456789abcdef0123456789abcdef", "password": "long enough password"}}),
    )
    .expect_err("unknown id");
    assert_eq!(code(&unknown), "unknown_profile");
}

#[test]
fn theme_choice_is_remembered() {
    let h = harness();
    assert_eq!(
        invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["theme"],
        json!("system")
    );
    invoke(&h.main, "set_theme", json!({"theme": "dark"})).expect("theme set");
    assert_eq!(
        invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["theme"],
        json!("dark")
    );
    invoke(&h.main, "set_theme", json!({"theme": "purple"})).expect_err("unknown theme refused");
}

#[test]
fn capabilities_are_loaded_and_scoped_to_the_main_window() {
    let h = harness();
    // The ACL comes from capabilities/ at the package root. If that folder were misplaced,
    // tauri-build would produce an empty ACL and even the main window would be refused.
    invoke(&h.main, "app_snapshot", json!({})).expect("main window may call our commands");
    let refused = invoke(&h.other, "app_snapshot", json!({})).expect_err("other windows may not");
    assert!(
        refused.to_string().contains("not allowed"),
        "refusal comes from the ACL: {refused}"
    );
    // A permission-gated core API: listening to events is granted to the main window only.
    let listen = json!({"event": "session-locked", "target": {"kind": "Any"}, "handler": 7});
    invoke(&h.main, "plugin:event|listen", listen.clone())
        .expect("main window may listen to events");
    invoke(&h.other, "plugin:event|listen", listen).expect_err("other windows may not");
}

#[test]
fn a_hand_edited_profile_is_refused_as_damaged_and_the_others_still_open() {
    let h = harness();
    let create = |name: &str| {
        let created = invoke(
            &h.main,
            "create_profile",
            json!({"request": {"name": name, "password": "long enough password", "currency": "EUR"}}),
        )
        .expect("profile created");
        created["session"]["profile"]["id"]
            .as_str()
            .expect("id")
            .to_owned()
    };
    let ana = create("Ana");
    let ben = create("Ben");
    invoke(&h.main, "lock", json!({})).expect("lock");

    // Someone renames Ana by editing the registry by hand, in both of its files (an edit to one file
    // only is mended from the other).
    let registry = h.dir.path().join("registry.json");
    let text = std::fs::read_to_string(&registry).expect("registry readable");
    assert_eq!(
        text.matches("\"Ana\"").count(),
        1,
        "the name appears once in the registry"
    );
    for file in ["registry.json", "registry-copy.json"] {
        std::fs::write(h.dir.path().join(file), text.replace("\"Ana\"", "\"Anna\""))
            .expect("registry writable");
    }

    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot still works");
    let profiles = snapshot["profiles"].as_array().expect("list");
    let damaged: Vec<bool> = profiles.iter().map(|p| !p["damaged"].is_null()).collect();
    assert_eq!(
        damaged,
        [true, false],
        "only the edited entry is flagged: {profiles:?}"
    );

    let refused = invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": ana, "password": "long enough password"}}),
    )
    .expect_err("edited profile refused");
    assert_eq!(code(&refused), "damaged_profile");
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": ben, "password": "long enough password"}}),
    )
    .expect("the other profile still unlocks");
}

#[test]
fn an_unusable_data_directory_is_reported_by_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-directory");
    std::fs::write(&file, b"x").expect("file written");
    let app = mock_app(AppState::new(Ok(file.join("data"))));
    let main = window(&app, "main");
    let err = invoke(&main, "app_snapshot", json!({})).expect_err("no data directory");
    assert_eq!(code(&err), "data_dir");
    assert!(
        err["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not-a-directory"),
        "the message names the path: {err}"
    );
    let err = invoke(
        &main,
        "create_profile",
        json!({"request": {"name": "Ana", "password": "long enough password", "currency": "EUR"}}),
    )
    .expect_err("cannot create without a data directory");
    assert_eq!(code(&err), "data_dir");
}

/// The commands every state may call: the picker's (restoring a backup as a new profile included),
/// the theme, and the window's reports of input (which do nothing while locked).
const PROFILE_COMMANDS: [&str; 9] = [
    "app_snapshot",
    "create_profile",
    "unlock",
    "recover",
    "lock",
    "set_theme",
    "activity",
    "choose_backup",
    "restore_backup_as_new",
];

/// The commands only an admin may call.
const ADMIN_COMMANDS: [&str; 6] = [
    "household",
    "create_member",
    "remove_profile",
    "set_role",
    "reset_lockout",
    "set_policy",
];

/// Every command the main window may call, from its capability file, so that a new command
/// cannot be left out of the authorisation matrix.
fn registered_commands() -> Vec<String> {
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/capabilities/main-window.json"
        ))
        .expect("capability file"),
    )
    .expect("JSON");
    capability["permissions"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect()
}

#[test]
fn every_command_is_allowed_or_refused_by_lock_state_and_role() {
    let args = |command: &str| -> Option<Value> {
        let input = json!({"date": "2025-03-14", "amount": "1", "categoryId": 1, "description": "x", "notes": "", "paymentMethod": ""});
        let filter = json!({"from": null, "to": null, "categories": [], "minAmount": null, "maxAmount": null, "text": null});
        Some(match command {
            "home_overview" => TODAY.clone(),
            "categories" => json!({}),
            "create_category" => json!({"input": {"name": "New", "color": "#123456"}}),
            "update_category" => json!({"id": 1, "input": {"name": "New", "color": "#123456"}}),
            "delete_category" => json!({"request": {"id": 1, "moveTo": 2}}),
            "add_expense" => json!({ "input": input }),
            "update_expense" => json!({"request": {"id": 1, "input": input}}),
            "delete_expense" | "undo_delete" => json!({"id": 1}),
            "expense_page" => {
                json!({"request": {"filter": filter, "sort": "date", "descending": true, "after": null, "limit": 50}})
            }
            "expense_totals" => json!({ "filter": filter }),
            "budget_month" | "copy_budgets" => json!({"month": "2026-11"}),
            "set_budget" => {
                json!({"request": {"categoryId": null, "month": "2026-11", "span": "thisMonth", "amount": "10", "rollover": false}})
            }
            "alert_settings" => json!({}),
            "set_alert_settings" => {
                json!({"settings": {"thresholds": [80], "osNotifications": true, "hideAmounts": false}})
            }
            "pick_import_file" | "import_batches" => json!({}),
            "pick_export_file" => json!({"format": "csv", "suggestedName": "x.csv"}),
            "import_preview" => json!({"request": import_request("/nonexistent.csv")}),
            "import_commit" => {
                json!({"request": {"preview": import_request("/nonexistent.csv"), "includeDuplicates": [],
                        "categories": [], "defaultCategoryId": 1, "leaveOutProblems": false}})
            }
            "undo_import" => json!({"id": 1}),
            "cancel_import" => json!({}),
            "export_expenses" => {
                json!({"request": {"path": "/nonexistent/x.csv", "format": "csv", "filter": null}})
            }
            "report" => json!({ "request": reports::request(json!({"kind": "thisMonth"}), &[]) }),
            "chart_image" => json!({ "request": reports::chart("burnUp", "png") }),
            "pick_image_file" => json!({"format": "png", "suggestedName": "x.png"}),
            "save_chart" => {
                json!({"request": {"chart": reports::chart("burnUp", "png"), "path": "/nonexistent/x.png"}})
            }
            "export_report_table" => {
                json!({"request": {"report": reports::request(json!({"kind": "thisMonth"}), &[]),
                        "chart": "burnUp", "format": "csv", "path": "/nonexistent/x.csv"}})
            }
            "change_password" => json!({"request": {"current": "x", "new": "y"}}),
            "regenerate_recovery_code" => json!({"request": {"password": "x"}}),
            "household" => json!({}),
            "create_member" => {
                json!({"request": {"name": "Newcomer", "password": "long enough password", "currency": "EUR"}})
            }
            "remove_profile" => {
                json!({"request": {"profileId": "00000000000000000000000000000000", "confirmName": "x"}})
            }
            "set_role" => {
                json!({"request": {"profileId": "00000000000000000000000000000000", "role": "member"}})
            }
            "reset_lockout" => json!({"profileId": "00000000000000000000000000000000"}),
            "set_policy" => {
                json!({"policy": {"minPasswordLength": 12, "autoLockMinutes": 5,
                                  "membersMayCreateProfiles": true, "notificationsByDefault": true}})
            }
            "privacy_settings" => json!({}),
            "set_lock_when_hidden" => json!({"on": false}),
            "save_backup" => json!({"request": {"password": "x"}}),
            "restore_unlocked" => {
                json!({"request": {"secret": {"password": "x", "recoveryCode": null}, "confirmName": "x"}})
            }
            _ => return None,
        })
    };
    let commands = registered_commands();
    for state in ["locked", "member", "admin"] {
        // A fresh household each time: Ada (the first profile, admin) and Max (a member).
        let h = harness();
        let create = |name: &str| {
            invoke(
                &h.main,
                "create_profile",
                json!({"request": {"name": name, "password": "long enough password", "currency": "EUR"}}),
            )
            .expect("created")
        };
        create("Ada");
        create("Max");
        match state {
            "locked" => invoke(&h.main, "lock", json!({}))
                .map(drop)
                .expect("locked"),
            "member" => {} // Max, created last, is unlocked.
            _ => {
                let ada = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["profiles"]
                    [0]["id"]
                    .clone();
                invoke(
                    &h.main,
                    "unlock",
                    json!({"request": {"profileId": ada, "password": "long enough password"}}),
                )
                .expect("Ada unlocked");
            }
        }
        let mut checked = 0;
        for command in &commands {
            if PROFILE_COMMANDS.contains(&command.as_str()) {
                continue;
            }
            let args = args(command)
                .unwrap_or_else(|| panic!("{command} is new: add its arguments to this test"));
            let admin_only = ADMIN_COMMANDS.contains(&command.as_str());
            let answer = invoke_body(&h.main, command, args).map(drop);
            let refused_with = answer.as_ref().err().and_then(|e| e["code"].as_str());
            let expected = match (state, admin_only) {
                ("locked", _) => Some("locked"),
                ("member", true) => Some("forbidden"),
                _ => None,
            };
            match expected {
                Some(code) => {
                    assert_eq!(refused_with, Some(code), "{command} as {state}: {answer:?}")
                }
                None => assert!(
                    !matches!(refused_with, Some("locked" | "forbidden")),
                    "{command} as {state} must be allowed: {answer:?}"
                ),
            }
            checked += 1;
        }
        assert!(
            checked >= 30
                && ADMIN_COMMANDS
                    .iter()
                    .all(|c| commands.iter().any(|r| r == c)),
            "the commands were found in the capability file ({checked})"
        );
    }
}

#[test]
fn expenses_are_added_edited_listed_deleted_and_undone() {
    let h = harness();
    unlocked(&h, "EUR");
    let dining = category_id(&h, "Dining");
    let first = add(&h, json!({"amount": "12,50", "date": "2025-03-02"})).expect("added");
    assert_eq!(
        first["amount"],
        json!(1250),
        "a decimal comma is understood"
    );
    let second = add(
        &h,
        json!({"amount": "1,234.56", "categoryId": dining, "description": "  Dinner out ",
               "notes": "with Sam\nand Lee", "paymentMethod": "card"}),
    )
    .expect("added");
    assert_eq!(second["amount"], json!(123_456));
    assert_eq!(second["description"], json!("Dinner out"), "trimmed");
    assert_eq!(second["notes"], json!("with Sam\nand Lee"));

    let edited = invoke(
        &h.main,
        "update_expense",
        json!({"request": {"id": first["id"], "input": {"date": "2025-02-27", "amount": "3", "categoryId": dining,
               "description": "Lunch", "notes": "", "paymentMethod": "cash"}}}),
    )
    .expect("edited");
    assert_eq!(edited["id"], first["id"]);
    assert_eq!(
        (edited["amount"].clone(), edited["date"].clone()),
        (json!(300), json!("2025-02-27"))
    );

    let rows = all_expenses(&h, json!({"categories": [dining]}), 1);
    let ids: Vec<&Value> = rows.iter().map(|r| &r["id"]).collect();
    assert_eq!(
        ids,
        [&second["id"], &first["id"]],
        "newest first, one row per page"
    );
    let march = json!({"from": "2025-03-01", "to": "2025-03-31", "categories": []});
    let totals = invoke(&h.main, "expense_totals", json!({ "filter": march })).expect("totals");
    assert_eq!(totals, json!({"total": 123_456, "count": 1}));

    let home = invoke(&h.main, "home_overview", TODAY.clone()).expect("home");
    assert_eq!(home["month"], json!("2025-03"));
    assert_eq!(home["thisMonth"], json!({"total": 123_456, "count": 1}));
    assert_eq!(home["lastMonth"], json!({"total": 300, "count": 1}));
    assert_eq!(home["byCategory"][0]["categoryId"], json!(dining));

    let deleted = invoke(&h.main, "delete_expense", json!({"id": second["id"]})).expect("deleted");
    assert_eq!(deleted["description"], json!("Dinner out"));
    assert_eq!(all_expenses(&h, json!({}), 50).len(), 1);
    let back = invoke(&h.main, "undo_delete", json!({"id": second["id"]})).expect("undone");
    assert_eq!(back, second, "the same expense, same id and times");
    assert_eq!(all_expenses(&h, json!({}), 50).len(), 2);
    let twice = invoke(&h.main, "undo_delete", json!({"id": second["id"]})).expect_err("once");
    assert_eq!(code(&twice), "nothing_to_undo");

    // Undo does not survive a lock: deleted expenses live in memory only.
    invoke(&h.main, "delete_expense", json!({"id": second["id"]})).expect("deleted");
    let profile =
        invoke(&h.main, "app_snapshot", json!({})).expect("snapshot")["session"]["profile"]["id"]
            .clone();
    invoke(&h.main, "lock", json!({})).expect("lock");
    invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": profile, "password": "long enough password"}}),
    )
    .expect("unlocked");
    let gone = invoke(&h.main, "undo_delete", json!({"id": second["id"]})).expect_err("forgotten");
    assert_eq!(code(&gone), "nothing_to_undo");
}

#[test]
fn bad_expense_input_gets_a_field_code_and_changes_nothing() {
    let h = harness();
    unlocked(&h, "EUR");
    let paste = "x".repeat(10_000);
    for (fields, expected) in [
        (json!({"amount": "0"}), "invalid_amount"),
        (json!({"amount": "-5"}), "invalid_amount"),
        (json!({"amount": "12.345"}), "invalid_amount"),
        (json!({"amount": "1000000000"}), "invalid_amount"),
        (json!({"amount": "twelve"}), "invalid_amount"),
        (json!({"amount": ""}), "invalid_amount"),
        (json!({"date": "2025-02-30"}), "invalid_date"),
        (json!({"date": "tomorrow"}), "invalid_date"),
        (json!({"description": ""}), "invalid_description"),
        (json!({"description": paste}), "invalid_description"),
        (json!({"notes": "y".repeat(2001)}), "invalid_notes"),
        (
            json!({"paymentMethod": "z".repeat(41)}),
            "invalid_payment_method",
        ),
        (json!({"categoryId": 999_999}), "unknown_category"),
    ] {
        let err = add(&h, fields.clone()).expect_err("refused");
        assert_eq!(code(&err), expected, "{fields}: {err}");
        assert!(!err["message"].as_str().unwrap_or_default().is_empty());
    }
    let malformed =
        invoke(&h.main, "add_expense", json!({"input": {"amount": 5}})).expect_err("not the DTO");
    assert!(
        malformed.is_string() || !code(&malformed).is_empty(),
        "{malformed}"
    );
    assert_eq!(
        all_expenses(&h, json!({}), 50),
        Vec::<Value>::new(),
        "nothing was stored"
    );

    // Markup and SQL are data: stored and returned verbatim.
    for text in ["<img src=x onerror=alert(1)>", "'); DROP TABLE expense; --"] {
        let stored = add(
            &h,
            json!({"description": text, "notes": text, "paymentMethod": "<b>"}),
        )
        .expect("stored");
        assert_eq!(stored["description"], json!(text));
    }
    let search = all_expenses(&h, json!({"text": "onerror"}), 50);
    assert_eq!(search.len(), 1);
    let err = invoke(
        &h.main,
        "expense_totals",
        json!({"filter": {"from": "2025-03-31", "to": "2025-03-01"}}),
    )
    .expect_err("backwards range");
    assert_eq!(code(&err), "invalid_filter");
    let err = invoke(
        &h.main,
        "expense_totals",
        json!({"filter": {"minAmount": "abc"}}),
    )
    .expect_err("bad amount");
    assert_eq!(code(&err), "invalid_filter");
}

#[test]
fn the_profile_currency_decides_how_amounts_are_read() {
    let h = harness();
    let err = invoke(
        &h.main,
        "create_profile",
        json!({"request": {"name": "Kenji", "password": "long enough password", "currency": "XXX"}}),
    )
    .expect_err("unknown currency");
    assert_eq!(code(&err), "invalid_currency");
    let snapshot = invoke(&h.main, "app_snapshot", json!({})).expect("snapshot");
    assert_eq!(snapshot["profiles"], json!([]), "no profile was created");
    let currencies = snapshot["currencies"].as_array().expect("list");
    assert!(currencies.contains(&json!({"code": "BHD", "minorUnits": 3})));

    let session = unlocked(&h, "JPY");
    assert_eq!(session["currency"], json!({"code": "JPY", "minorUnits": 0}));
    assert_eq!(
        add(&h, json!({"amount": "1,500"})).expect("yen")["amount"],
        json!(1500)
    );
    assert_eq!(
        code(&add(&h, json!({"amount": "15.5"})).expect_err("no sen")),
        "invalid_amount"
    );
}

#[test]
fn categories_are_managed_and_never_lose_expenses() {
    let h = harness();
    unlocked(&h, "EUR");
    let list = invoke(
        &h.main,
        "create_category",
        json!({"input": {"name": "Pets", "color": "#AA5500"}}),
    )
    .expect("created");
    assert!(
        list["categories"]
            .as_array()
            .expect("list")
            .iter()
            .any(|c| c["name"] == json!("Pets") && c["color"] == json!("#aa5500"))
    );
    let dup = invoke(
        &h.main,
        "create_category",
        json!({"input": {"name": "PETS", "color": "#000000"}}),
    )
    .expect_err("duplicate");
    assert_eq!(code(&dup), "duplicate_category");
    let pets = category_id(&h, "Pets");
    add(&h, json!({"categoryId": pets, "amount": "20"})).expect("added");
    let list = invoke(&h.main, "categories", json!({})).expect("list");
    assert_eq!(list["lastUsed"], json!(pets), "the add form's default");

    let in_use = invoke(
        &h.main,
        "delete_category",
        json!({"request": {"id": pets, "moveTo": null}}),
    )
    .expect_err("has an expense");
    assert_eq!(code(&in_use), "category_in_use");
    let other = category_id(&h, "Other");
    invoke(
        &h.main,
        "update_category",
        json!({"id": other, "input": {"name": "Misc", "color": "#333333"}}),
    )
    .expect("renamed");
    invoke(
        &h.main,
        "delete_category",
        json!({"request": {"id": pets, "moveTo": other}}),
    )
    .expect("moved");
    let rows = all_expenses(&h, json!({}), 50);
    assert_eq!(rows.len(), 1, "the expense survived");
    assert_eq!(rows[0]["categoryId"], json!(other));
    let misc = invoke(&h.main, "categories", json!({})).expect("list")["categories"]
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["id"] == json!(other))
        .cloned()
        .expect("there");
    assert_eq!(
        (
            misc["name"].clone(),
            misc["expenseCount"].clone(),
            misc["total"].clone()
        ),
        (json!("Misc"), json!(1), json!(2000))
    );
}
