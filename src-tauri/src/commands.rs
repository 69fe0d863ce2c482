//! The IPC commands: one line of glue each. Anything slow (Argon2id, SQLite) runs on a
//! blocking thread so the window keeps painting while a profile unlocks.

use tauri::{AppHandle, Manager as _, Runtime, State};
use tauri_plugin_dialog::Dialog;

use crate::dto::{
    AlertSettings, AppSnapshot, BackupChoice, BackupSaved, BudgetMonth, CategoryInput,
    CategoryList, ChangePasswordRequest, ChartFormat, ChartRequest, CreateProfileRequest,
    CreatedMember, CreatedProfile, DeleteCategoryRequest, ExpenseFilter, ExpenseInput, ExpensePage,
    ExpensePageRequest, ExpenseView, ExportFormat, ExportReportTableRequest, ExportRequest,
    HomeOverview, Household, ImportBatchView, ImportCommitRequest, ImportPreview,
    ImportPreviewRequest, PolicyView, PrivacySettings, RecoverRequest, RecoveryCodeView,
    RegenerateRecoveryRequest, RemoveProfileRequest, Report, ReportRequest, RestoreAsNewRequest,
    RestoreUnlockedRequest, SaveBackupRequest, SaveChartRequest, SessionInfo, SetBudgetRequest,
    SetRoleRequest, Theme, Totals, UnlockRequest, UpdateExpenseRequest,
};
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;

/// Runs `f` against the state on Tauri's blocking thread pool.
async fn blocking<T: Send + 'static>(
    state: State<'_, AppState>,
    f: impl FnOnce(&AppState) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || f(&state))
        .await
        .map_err(|err| {
            AppError::new(
                ErrorCode::Internal,
                format!("A background task failed: {err}"),
            )
        })?
}

/// Profiles, policy, theme and session, for the UI to boot.
#[tauri::command]
pub async fn app_snapshot(state: State<'_, AppState>) -> Result<AppSnapshot, AppError> {
    blocking(state, AppState::snapshot).await
}

/// The person used the window: postpones auto-lock. Harmless while locked.
#[tauri::command]
pub fn activity(state: State<'_, AppState>) {
    state.activity();
}

/// The unlocked profile's privacy settings.
#[tauri::command]
pub async fn privacy_settings(state: State<'_, AppState>) -> Result<PrivacySettings, AppError> {
    blocking(state, AppState::privacy_settings).await
}

/// Turns locking when the window is minimised or hidden on or off for the unlocked profile.
#[tauri::command]
pub async fn set_lock_when_hidden(
    state: State<'_, AppState>,
    on: bool,
) -> Result<PrivacySettings, AppError> {
    blocking(state, move |s| s.set_lock_when_hidden(on)).await
}

/// Asks where (the native save dialog) and saves a backup of the unlocked profile; `None` when
/// cancelled.
#[tauri::command]
pub async fn save_backup(
    state: State<'_, AppState>,
    request: SaveBackupRequest,
) -> Result<Option<BackupSaved>, AppError> {
    blocking(state, move |s| s.save_backup(request)).await
}

/// Asks which backup to restore (the native open dialog) and answers what it claims to be; `None`
/// when cancelled.
#[tauri::command]
pub async fn choose_backup(state: State<'_, AppState>) -> Result<Option<BackupChoice>, AppError> {
    blocking(state, AppState::choose_backup).await
}

/// Restores the chosen backup as a new profile and unlocks it.
#[tauri::command]
pub async fn restore_backup_as_new(
    state: State<'_, AppState>,
    request: RestoreAsNewRequest,
) -> Result<CreatedProfile, AppError> {
    blocking(state, move |s| s.restore_backup_as_new(request)).await
}

/// Rolls the unlocked profile back to the chosen backup of itself.
#[tauri::command]
pub async fn restore_unlocked(
    state: State<'_, AppState>,
    request: RestoreUnlockedRequest,
) -> Result<SessionInfo, AppError> {
    blocking(state, move |s| s.restore_unlocked(request)).await
}

/// Creates a profile and unlocks it.
#[tauri::command]
pub async fn create_profile(
    state: State<'_, AppState>,
    request: CreateProfileRequest,
) -> Result<CreatedProfile, AppError> {
    blocking(state, move |s| s.create_profile(request)).await
}

/// Unlocks a profile with its recovery code and a new password.
#[tauri::command]
pub async fn recover(
    state: State<'_, AppState>,
    request: RecoverRequest,
) -> Result<SessionInfo, AppError> {
    blocking(state, move |s| s.recover(request)).await
}

/// Changes the unlocked profile's password.
#[tauri::command]
pub async fn change_password(
    state: State<'_, AppState>,
    request: ChangePasswordRequest,
) -> Result<(), AppError> {
    blocking(state, move |s| s.change_password(request)).await
}

/// Gives the unlocked profile a new recovery code, shown once.
#[tauri::command]
pub async fn regenerate_recovery_code(
    state: State<'_, AppState>,
    request: RegenerateRecoveryRequest,
) -> Result<RecoveryCodeView, AppError> {
    blocking(state, move |s| s.regenerate_recovery_code(request)).await
}

/// Unlocks a profile.
#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> Result<SessionInfo, AppError> {
    blocking(state, move |s| s.unlock(request)).await
}

/// Locks the unlocked profile, if any.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<(), AppError> {
    blocking(state, AppState::lock).await
}

/// Remembers the appearance.
#[tauri::command]
pub async fn set_theme(state: State<'_, AppState>, theme: Theme) -> Result<(), AppError> {
    blocking(state, move |s| s.set_theme(theme)).await
}

/// The home screen's figures for the month of `today` (`YYYY-MM-DD`, the person's local date).
#[tauri::command]
pub async fn home_overview(
    state: State<'_, AppState>,
    today: String,
) -> Result<HomeOverview, AppError> {
    blocking(state, move |s| s.home_overview(today)).await
}

/// Every category.
#[tauri::command]
pub async fn categories(state: State<'_, AppState>) -> Result<CategoryList, AppError> {
    blocking(state, AppState::categories).await
}

/// Creates a category.
#[tauri::command]
pub async fn create_category(
    state: State<'_, AppState>,
    input: CategoryInput,
) -> Result<CategoryList, AppError> {
    blocking(state, move |s| s.create_category(input)).await
}

/// Renames and recolours a category.
#[tauri::command]
pub async fn update_category(
    state: State<'_, AppState>,
    id: i64,
    input: CategoryInput,
) -> Result<CategoryList, AppError> {
    blocking(state, move |s| s.update_category(id, input)).await
}

/// Deletes a category, moving its expenses to another.
#[tauri::command]
pub async fn delete_category(
    state: State<'_, AppState>,
    request: DeleteCategoryRequest,
) -> Result<CategoryList, AppError> {
    blocking(state, move |s| s.delete_category(request)).await
}

/// Records an expense.
#[tauri::command]
pub async fn add_expense(
    state: State<'_, AppState>,
    input: ExpenseInput,
) -> Result<ExpenseView, AppError> {
    blocking(state, move |s| s.add_expense(input)).await
}

/// Changes an expense.
#[tauri::command]
pub async fn update_expense(
    state: State<'_, AppState>,
    request: UpdateExpenseRequest,
) -> Result<ExpenseView, AppError> {
    blocking(state, move |s| s.update_expense(request)).await
}

/// Deletes an expense (Undo can bring it back while the profile stays unlocked).
#[tauri::command]
pub async fn delete_expense(state: State<'_, AppState>, id: i64) -> Result<ExpenseView, AppError> {
    blocking(state, move |s| s.delete_expense(id)).await
}

/// Brings back an expense deleted in this session.
#[tauri::command]
pub async fn undo_delete(state: State<'_, AppState>, id: i64) -> Result<ExpenseView, AppError> {
    blocking(state, move |s| s.undo_delete(id)).await
}

/// One page of the expense list.
#[tauri::command]
pub async fn expense_page(
    state: State<'_, AppState>,
    request: ExpensePageRequest,
) -> Result<ExpensePage, AppError> {
    blocking(state, move |s| s.expense_page(request)).await
}

/// Count and sum of the filtered expenses.
#[tauri::command]
pub async fn expense_totals(
    state: State<'_, AppState>,
    filter: ExpenseFilter,
) -> Result<Totals, AppError> {
    blocking(state, move |s| s.expense_totals(filter)).await
}

/// The budgets screen of a month (`YYYY-MM`).
#[tauri::command]
pub async fn budget_month(
    state: State<'_, AppState>,
    month: String,
) -> Result<BudgetMonth, AppError> {
    blocking(state, move |s| s.budget_month(month)).await
}

/// Sets, changes or removes a budget.
#[tauri::command]
pub async fn set_budget(
    state: State<'_, AppState>,
    request: SetBudgetRequest,
) -> Result<BudgetMonth, AppError> {
    blocking(state, move |s| s.set_budget(request)).await
}

/// Makes last month's budgets apply from `month` on.
#[tauri::command]
pub async fn copy_budgets(
    state: State<'_, AppState>,
    month: String,
) -> Result<BudgetMonth, AppError> {
    blocking(state, move |s| s.copy_budgets(month)).await
}

/// The profile's alert settings.
#[tauri::command]
pub async fn alert_settings(state: State<'_, AppState>) -> Result<AlertSettings, AppError> {
    blocking(state, AppState::alert_settings).await
}

/// Changes the alert settings.
#[tauri::command]
pub async fn set_alert_settings(
    state: State<'_, AppState>,
    settings: AlertSettings,
) -> Result<AlertSettings, AppError> {
    blocking(state, move |s| s.set_alert_settings(settings)).await
}

/// Shows the native open dialog for a bank export; `None` when cancelled. The dialog runs in
/// Rust, so the webview needs no dialog or file-system permission.
#[tauri::command]
pub async fn pick_import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let dialog = dialog(&app, &state)?;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        dialog
            .file()
            .set_title("Import a bank export")
            .add_filter("Bank exports", &["csv", "tsv", "txt", "xlsx", "xls", "ods"])
            .blocking_pick_file()
    })
    .await
    .map_err(|err| AppError::new(ErrorCode::Internal, format!("The dialog failed: {err}")))?;
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned()))
}

/// Shows the native save dialog for an export (expenses or a report table), proposing
/// `suggested_name`; `None` when cancelled.
#[tauri::command]
pub async fn pick_export_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: ExportFormat,
    suggested_name: String,
) -> Result<Option<String>, AppError> {
    let (title, label, extension) = match format {
        ExportFormat::Csv => ("Save as CSV", "CSV", "csv"),
        ExportFormat::Xlsx => ("Save as Excel workbook", "Excel workbook", "xlsx"),
    };
    save_dialog(&app, &state, title, (label, extension), suggested_name).await
}

/// The native save dialog for a chart image, proposing `suggested_name`; `None` when cancelled.
#[tauri::command]
pub async fn pick_image_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: ChartFormat,
    suggested_name: String,
) -> Result<Option<String>, AppError> {
    let (title, label, extension) = match format {
        ChartFormat::Png => ("Save chart as PNG", "PNG image", "png"),
        ChartFormat::Svg => ("Save chart as SVG", "SVG image", "svg"),
    };
    save_dialog(&app, &state, title, (label, extension), suggested_name).await
}

/// Shows a native save dialog filtered to one file type, off the IPC thread.
async fn save_dialog<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    title: &'static str,
    (label, extension): (&'static str, &'static str),
    suggested_name: String,
) -> Result<Option<String>, AppError> {
    let dialog = dialog(app, state)?;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        dialog
            .file()
            .set_title(title)
            .set_file_name(suggested_name)
            .add_filter(label, &[extension])
            .blocking_save_file()
    })
    .await
    .map_err(|err| AppError::new(ErrorCode::Internal, format!("The dialog failed: {err}")))?;
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned()))
}

/// The dialog plugin (registered by the app, not by the IPC tests), once a profile is unlocked:
/// only an unlocked profile imports or exports.
fn dialog<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Result<Dialog<R>, AppError> {
    state.require_unlocked()?;
    app.try_state::<Dialog<R>>()
        .map(|d| d.inner().clone())
        .ok_or_else(|| AppError::new(ErrorCode::Internal, "Native dialogs are not available."))
}

/// What importing a file would do; nothing is written.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    request: ImportPreviewRequest,
) -> Result<ImportPreview, AppError> {
    blocking(state, move |s| s.import_preview(request)).await
}

/// Imports a previewed file as one undoable batch.
#[tauri::command]
pub async fn import_commit(
    state: State<'_, AppState>,
    request: ImportCommitRequest,
) -> Result<ImportBatchView, AppError> {
    blocking(state, move |s| s.import_commit(request)).await
}

/// Every import, newest first.
#[tauri::command]
pub async fn import_batches(state: State<'_, AppState>) -> Result<Vec<ImportBatchView>, AppError> {
    blocking(state, AppState::import_batches).await
}

/// Removes exactly the expenses an import added.
#[tauri::command]
pub async fn undo_import(state: State<'_, AppState>, id: i64) -> Result<u64, AppError> {
    blocking(state, move |s| s.undo_import(id)).await
}

/// Writes expenses to a CSV or XLSX file.
#[tauri::command]
pub async fn export_expenses(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<u64, AppError> {
    blocking(state, move |s| s.export_expenses(request)).await
}

/// Asks the running import (or its preview) to stop; it then writes nothing.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<(), AppError> {
    state.require_unlocked()?;
    state.cancel_import()
}

/// The tables behind the reports screen's four charts.
#[tauri::command]
pub async fn report(
    state: State<'_, AppState>,
    request: ReportRequest,
) -> Result<Report, AppError> {
    blocking(state, move |s| s.report(request)).await
}

/// One chart of a report, as raw PNG or SVG bytes (an `ArrayBuffer` in the webview, shown
/// through an `<img>`, never as markup).
#[tauri::command]
pub async fn chart_image(
    state: State<'_, AppState>,
    request: ChartRequest,
) -> Result<tauri::ipc::Response, AppError> {
    blocking(state, move |s| s.chart_image(&request))
        .await
        .map(tauri::ipc::Response::new)
}

/// Saves a chart, drawn exactly as shown, to the path the save dialog gave; answers its size.
#[tauri::command]
pub async fn save_chart(
    state: State<'_, AppState>,
    request: SaveChartRequest,
) -> Result<u64, AppError> {
    blocking(state, move |s| s.save_chart(request)).await
}

/// Writes the table behind a chart to CSV or XLSX; answers how many rows.
#[tauri::command]
pub async fn export_report_table(
    state: State<'_, AppState>,
    request: ExportReportTableRequest,
) -> Result<u64, AppError> {
    blocking(state, move |s| s.export_report_table(request)).await
}

/// Every profile and the house rules (admins only).
#[tauri::command]
pub async fn household(state: State<'_, AppState>) -> Result<Household, AppError> {
    blocking(state, AppState::household).await
}

/// An admin creates a member profile (the same fields as the picker's form, its first password
/// chosen by the admin); answers it with its recovery code to hand over.
#[tauri::command]
pub async fn create_member(
    state: State<'_, AppState>,
    request: CreateProfileRequest,
) -> Result<CreatedMember, AppError> {
    blocking(state, move |s| s.create_member(request)).await
}

/// An admin removes a profile, with typed confirmation of its name.
#[tauri::command]
pub async fn remove_profile(
    state: State<'_, AppState>,
    request: RemoveProfileRequest,
) -> Result<Household, AppError> {
    blocking(state, move |s| s.remove_profile(request)).await
}

/// An admin makes a profile an admin or a member.
#[tauri::command]
pub async fn set_role(
    state: State<'_, AppState>,
    request: SetRoleRequest,
) -> Result<Household, AppError> {
    blocking(state, move |s| s.set_role(request)).await
}

/// An admin ends a profile's wait after wrong attempts.
#[tauri::command]
pub async fn reset_lockout(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<Household, AppError> {
    blocking(state, move |s| s.reset_lockout(profile_id)).await
}

/// An admin sets the house rules.
#[tauri::command]
pub async fn set_policy(
    state: State<'_, AppState>,
    policy: PolicyView,
) -> Result<Household, AppError> {
    blocking(state, move |s| s.set_policy(policy)).await
}
