//! IPC tests on Tauri's mock runtime: the real command handlers, state and access-control
//! list (compiled from `tauri.conf.json` and `capabilities/`), without a window or display.

use coffer_shell::{AppError, AppState, builder, context};
use coffer_vault::{KdfParams, Vault};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
    other: WebviewWindow<MockRuntime>,
}

/// The app on the mock runtime over a fresh data directory, with the cheapest Argon2id
/// parameters the vault accepts (the defaults are exercised end to end).
fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = Vault::open(dir.path())
        .and_then(|v| v.with_kdf(KdfParams::FLOOR))
        .map_err(AppError::from);
    let app = mock_app(AppState::from_vault(vault));
    let main = window(&app, "main");
    let other = window(&app, "other");
    Harness {
        dir,
        _app: app,
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
        .map(|body| body.deserialize::<Value>().expect("responses are JSON"))
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
        json!({"request": {"name": "  Alice ", "password": "correct horse battery"}}),
    )
    .expect("profile created");
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

    let home = invoke(&h.main, "home_overview", json!({})).expect("unlocked data command works");
    assert_eq!(home["profileName"], json!("Alice"));
    assert!(home["schemaVersion"].as_u64().expect("version") >= 1);

    invoke(&h.main, "lock", json!({})).expect("lock");
    let refused =
        invoke(&h.main, "home_overview", json!({})).expect_err("locked data command refused");
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
        code(&invoke(&h.main, "home_overview", json!({})).expect_err("still locked")),
        "locked"
    );

    let unlocked = invoke(
        &h.main,
        "unlock",
        json!({"request": {"profileId": id, "password": "correct horse battery"}}),
    )
    .expect("right password unlocks");
    assert_eq!(unlocked["profile"]["id"], json!(id));
    let home_again = invoke(&h.main, "home_overview", json!({})).expect("data readable again");
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
            json!({"request": {"name": name, "password": password}}),
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
            json!({"request": {"name": name, "password": "long enough password"}}),
        )
        .expect("profile created");
        created["profile"]["id"].as_str().expect("id").to_owned()
    };
    let ana = create("Ana");
    let ben = create("Ben");
    invoke(&h.main, "lock", json!({})).expect("lock");

    // Someone renames Ana by editing the registry by hand.
    let registry = h.dir.path().join("registry.json");
    let text = std::fs::read_to_string(&registry).expect("registry readable");
    assert_eq!(
        text.matches("\"Ana\"").count(),
        1,
        "the name appears once in the registry"
    );
    std::fs::write(&registry, text.replace("\"Ana\"", "\"Anna\"")).expect("registry writable");

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
        json!({"request": {"name": "Ana", "password": "long enough password"}}),
    )
    .expect_err("cannot create without a data directory");
    assert_eq!(code(&err), "data_dir");
}
