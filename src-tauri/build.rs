//! Build script of the shell: runs tauri-build, which embeds the root `tauri.conf.json`,
//! resolves `capabilities/` into the access-control list and generates one
//! `allow-<command>` permission per app command, so the capability file — not the mere
//! existence of a command — decides what the webview may call.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_snapshot",
        "create_profile",
        "unlock",
        "lock",
        "set_theme",
        "home_overview",
        "categories",
        "create_category",
        "update_category",
        "delete_category",
        "add_expense",
        "update_expense",
        "delete_expense",
        "undo_delete",
        "expense_page",
        "expense_totals",
        "budget_month",
        "set_budget",
        "copy_budgets",
        "alert_settings",
        "set_alert_settings",
        "pick_import_file",
        "pick_export_file",
        "import_preview",
        "import_commit",
        "import_batches",
        "undo_import",
        "export_expenses",
        "cancel_import",
        "recover",
        "change_password",
        "regenerate_recovery_code",
        "household",
        "create_member",
        "remove_profile",
        "set_role",
        "reset_lockout",
        "set_policy",
        "report",
        "chart_image",
        "pick_image_file",
        "save_chart",
        "export_report_table",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
