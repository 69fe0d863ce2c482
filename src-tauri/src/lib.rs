//! The Coffer shell: the only crate that knows about Tauri. It wires IPC commands to the
//! pure crates (`coffer-vault`, `coffer-ledger`) and holds the one unlocked session.
//!
//! [`builder`] assembles the app on any Tauri runtime, so `run()` (the real window) and the
//! IPC tests (Tauri's mock runtime) exercise exactly the same commands, state and ACL.

mod admin_ops;
mod alerts;
mod auto_lock;
mod backup_ops;
mod budget_ops;
mod commands;
mod data_dir;
pub mod dto;
mod error;
mod events;
mod file_picker;
mod ledger_ops;
mod report_ops;
mod state;
mod transfer_ops;

pub use data_dir::resolve_data_dir;
pub use error::{AppError, ErrorCode};
pub use file_picker::{BACKUP_EXTENSION, FilePicker, FileQuestion};
pub use state::AppState;

use tauri::{Context, Manager as _, Runtime};

/// Adds Coffer's commands and state to `base` (`tauri::Builder::default()` for the app,
/// `tauri::test::mock_builder()` in tests), ready to `.build(context())`.
pub fn builder<R: Runtime>(base: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    base.manage(state)
        .plugin(events::plugin())
        .invoke_handler(tauri::generate_handler![
            commands::app_snapshot,
            commands::create_profile,
            commands::unlock,
            commands::lock,
            commands::set_theme,
            commands::home_overview,
            commands::categories,
            commands::create_category,
            commands::update_category,
            commands::delete_category,
            commands::add_expense,
            commands::update_expense,
            commands::delete_expense,
            commands::undo_delete,
            commands::expense_page,
            commands::expense_totals,
            commands::budget_month,
            commands::set_budget,
            commands::copy_budgets,
            commands::alert_settings,
            commands::set_alert_settings,
            commands::pick_import_file,
            commands::pick_export_file,
            commands::import_preview,
            commands::import_commit,
            commands::import_batches,
            commands::undo_import,
            commands::export_expenses,
            commands::report,
            commands::chart_image,
            commands::pick_image_file,
            commands::save_chart,
            commands::export_report_table,
            commands::recover,
            commands::change_password,
            commands::regenerate_recovery_code,
            commands::household,
            commands::create_member,
            commands::remove_profile,
            commands::set_role,
            commands::reset_lockout,
            commands::set_policy,
            commands::cancel_import,
            commands::activity,
            commands::privacy_settings,
            commands::set_lock_when_hidden,
            commands::save_backup,
            commands::choose_backup,
            commands::restore_backup_as_new,
            commands::restore_unlocked,
        ])
}

/// The compiled-in configuration, assets and access-control list (from `tauri.conf.json`
/// and `capabilities/`), for any runtime.
pub fn context<R: Runtime>() -> Context<R> {
    tauri::generate_context!()
}

/// Starts the desktop app. The data directory comes from `COFFER_DATA_DIR` when set, else
/// the platform's per-user local data directory. A debug build also honours
/// `COFFER_TEST_AUTO_LOCK_SECONDS` (see `auto_lock::TEST_OVERRIDE_VAR`).
pub fn run() {
    let state = AppState::new(resolve_data_dir()).with_auto_lock_after(auto_lock::test_override());
    builder(tauri::Builder::default(), state)
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            app.state::<AppState>()
                .connect_file_picker(file_picker::native(app.handle().clone()));
            main_window(app.handle())?;
            Ok(())
        })
        .run(context())
        .unwrap_or_else(|err| {
            eprintln!("Coffer could not start: {err}");
            std::process::exit(1);
        });
}

/// Opens the main window as `tauri.conf.json` describes it (`create: false` there, so that
/// this is the only place it is made).
///
/// The webview is incognito — WebKit keeps no cache, cookies or web storage on disk — except
/// under WebDriver automation (`TAURI_WEBVIEW_AUTOMATION=true`, set by tauri-driver):
/// WebKitGTK cannot automate an ephemeral context, and the end-to-end tests point every XDG
/// directory at a throwaway folder instead.
fn main_window<R: Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").is_ok_and(|v| v == "true");
    tauri::WebviewWindowBuilder::from_config(app, &config)?
        .incognito(config.incognito && !automated)
        .build()?;
    Ok(())
}
