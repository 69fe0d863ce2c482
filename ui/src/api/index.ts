// Why: the ONLY module that talks to the Rust shell (invoke + events); views call these typed functions and get `AppError` on failure.
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import { listen as tauriListen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { AlertSettings } from "./bindings/AlertSettings";
import type { AppSnapshot } from "./bindings/AppSnapshot";
import type { BackupChoice } from "./bindings/BackupChoice";
import type { BackupSaved } from "./bindings/BackupSaved";
import type { ChartFormat } from "./bindings/ChartFormat";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { BudgetAlerts } from "./bindings/BudgetAlerts";
import type { BudgetMonth } from "./bindings/BudgetMonth";
import type { CategoryInput } from "./bindings/CategoryInput";
import type { CategoryList } from "./bindings/CategoryList";
import type { ChangePasswordRequest } from "./bindings/ChangePasswordRequest";
import type { CreatedMember } from "./bindings/CreatedMember";
import type { CreatedProfile } from "./bindings/CreatedProfile";
import type { CreateProfileRequest } from "./bindings/CreateProfileRequest";
import type { DeleteCategoryRequest } from "./bindings/DeleteCategoryRequest";
import type { ExpenseFilter } from "./bindings/ExpenseFilter";
import type { ExpenseInput } from "./bindings/ExpenseInput";
import type { ExpensePage } from "./bindings/ExpensePage";
import type { ExpensePageRequest } from "./bindings/ExpensePageRequest";
import type { ExpenseView } from "./bindings/ExpenseView";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { HomeOverview } from "./bindings/HomeOverview";
import type { Household } from "./bindings/Household";
import type { ImportBatchView } from "./bindings/ImportBatchView";
import type { ImportCommitRequest } from "./bindings/ImportCommitRequest";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportPreviewRequest } from "./bindings/ImportPreviewRequest";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ExportReportTableRequest } from "./bindings/ExportReportTableRequest";
import type { PolicyView } from "./bindings/PolicyView";
import type { LockReason } from "./bindings/LockReason";
import type { PrivacySettings } from "./bindings/PrivacySettings";
import type { SessionLocked } from "./bindings/SessionLocked";
import type { RecoverRequest } from "./bindings/RecoverRequest";
import type { RecoveryCodeView } from "./bindings/RecoveryCodeView";
import type { RegenerateRecoveryRequest } from "./bindings/RegenerateRecoveryRequest";
import type { RemoveProfileRequest } from "./bindings/RemoveProfileRequest";
import type { Report } from "./bindings/Report";
import type { ReportRequest } from "./bindings/ReportRequest";
import type { RestoreAsNewRequest } from "./bindings/RestoreAsNewRequest";
import type { RestoreUnlockedRequest } from "./bindings/RestoreUnlockedRequest";
import type { SaveBackupRequest } from "./bindings/SaveBackupRequest";
import type { SaveChartRequest } from "./bindings/SaveChartRequest";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Theme } from "./bindings/Theme";
import type { SetBudgetRequest } from "./bindings/SetBudgetRequest";
import type { SetRoleRequest } from "./bindings/SetRoleRequest";
import type { Totals } from "./bindings/Totals";
import type { UnlockRequest } from "./bindings/UnlockRequest";
import { normaliseError } from "./errors";

export type { AlertSettings } from "./bindings/AlertSettings";
export type { AppError } from "./bindings/AppError";
export type { AppSnapshot } from "./bindings/AppSnapshot";
export type { BackupChoice } from "./bindings/BackupChoice";
export type { BackupSaved } from "./bindings/BackupSaved";
export type { BackupSecretInput } from "./bindings/BackupSecretInput";
export type { BudgetAlert } from "./bindings/BudgetAlert";
export type { BudgetAlerts } from "./bindings/BudgetAlerts";
export type { BudgetActual } from "./bindings/BudgetActual";
export type { BudgetLine } from "./bindings/BudgetLine";
export type { BudgetMonth } from "./bindings/BudgetMonth";
export type { BudgetSpan } from "./bindings/BudgetSpan";
export type { BudgetTable } from "./bindings/BudgetTable";
export type { BurnUpTable } from "./bindings/BurnUpTable";
export type { CategoryChoice } from "./bindings/CategoryChoice";
export type { CategoryInput } from "./bindings/CategoryInput";
export type { CategoryList } from "./bindings/CategoryList";
export type { CategoryShare } from "./bindings/CategoryShare";
export type { CategoryTotal } from "./bindings/CategoryTotal";
export type { CategoryView } from "./bindings/CategoryView";
export type { ChangePasswordRequest } from "./bindings/ChangePasswordRequest";
export type { ChartFormat } from "./bindings/ChartFormat";
export type { ChartKind } from "./bindings/ChartKind";
export type { ChartRequest } from "./bindings/ChartRequest";
export type { ChartTheme } from "./bindings/ChartTheme";
export type { ColumnChoice } from "./bindings/ColumnChoice";
export type { CreatedMember } from "./bindings/CreatedMember";
export type { CreatedProfile } from "./bindings/CreatedProfile";
export type { CreateProfileRequest } from "./bindings/CreateProfileRequest";
export type { CurrencyInfo } from "./bindings/CurrencyInfo";
export type { DateFormatChoice } from "./bindings/DateFormatChoice";
export type { DaySpending } from "./bindings/DaySpending";
export type { DeleteCategoryRequest } from "./bindings/DeleteCategoryRequest";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { ExpenseFilter } from "./bindings/ExpenseFilter";
export type { ExpenseInput } from "./bindings/ExpenseInput";
export type { ExpensePage } from "./bindings/ExpensePage";
export type { ExpensePageRequest } from "./bindings/ExpensePageRequest";
export type { ExpenseView } from "./bindings/ExpenseView";
export type { ExportFormat } from "./bindings/ExportFormat";
export type { ExportReportTableRequest } from "./bindings/ExportReportTableRequest";
export type { ExportRequest } from "./bindings/ExportRequest";
export type { Forecast } from "./bindings/Forecast";
export type { HomeOverview } from "./bindings/HomeOverview";
export type { Household } from "./bindings/Household";
export type { HouseholdProfile } from "./bindings/HouseholdProfile";
export type { ImportBatchView } from "./bindings/ImportBatchView";
export type { ImportCommitRequest } from "./bindings/ImportCommitRequest";
export type { ImportPhase } from "./bindings/ImportPhase";
export type { ImportPreview } from "./bindings/ImportPreview";
export type { ImportPreviewRequest } from "./bindings/ImportPreviewRequest";
export type { ImportProgress } from "./bindings/ImportProgress";
export type { MonthAmount } from "./bindings/MonthAmount";
export type { MonthlyTable } from "./bindings/MonthlyTable";
export type { MonthPhase } from "./bindings/MonthPhase";
export type { PageCursor } from "./bindings/PageCursor";
export type { SortBy } from "./bindings/SortBy";
export type { Totals } from "./bindings/Totals";
export type { PasswordPolicy } from "./bindings/PasswordPolicy";
export type { PolicyView } from "./bindings/PolicyView";
export type { PrivacySettings } from "./bindings/PrivacySettings";
export type { LockReason } from "./bindings/LockReason";
export type { PreviewRow } from "./bindings/PreviewRow";
export type { ProblemRow } from "./bindings/ProblemRow";
export type { ProfileSummary } from "./bindings/ProfileSummary";
export type { RecoverRequest } from "./bindings/RecoverRequest";
export type { RecoveryCodeView } from "./bindings/RecoveryCodeView";
export type { RegenerateRecoveryRequest } from "./bindings/RegenerateRecoveryRequest";
export type { RemoveProfileRequest } from "./bindings/RemoveProfileRequest";
export type { Report } from "./bindings/Report";
export type { ReportPeriod } from "./bindings/ReportPeriod";
export type { ReportRequest } from "./bindings/ReportRequest";
export type { RestoreAsNewRequest } from "./bindings/RestoreAsNewRequest";
export type { RestoreUnlockedRequest } from "./bindings/RestoreUnlockedRequest";
export type { Role } from "./bindings/Role";
export type { SaveBackupRequest } from "./bindings/SaveBackupRequest";
export type { SaveChartRequest } from "./bindings/SaveChartRequest";
export type { SessionInfo } from "./bindings/SessionInfo";
export type { SetBudgetRequest } from "./bindings/SetBudgetRequest";
export type { SetRoleRequest } from "./bindings/SetRoleRequest";
export type { SignChoice } from "./bindings/SignChoice";
export type { SkippedRow } from "./bindings/SkippedRow";
export type { TextEncodingChoice } from "./bindings/TextEncodingChoice";
export type { Theme } from "./bindings/Theme";
export type { UnknownCategory } from "./bindings/UnknownCategory";
export type { UnlockRequest } from "./bindings/UnlockRequest";
export { isAppError, normaliseError } from "./errors";

/** Event the shell emits, with a `SessionLocked` payload, when it locks the session by itself (after inactivity, or a hidden window). */
export const SESSION_LOCKED_EVENT = "session-locked";

/** Event the shell emits, with a `BudgetAlerts` payload, when a change (or an unlock) made spending reach alert thresholds. */
export const BUDGET_ALERTS_EVENT = "budget-alerts";

/** Event the shell emits, with an `ImportProgress` payload, every few thousand rows while a preview or an import runs. */
export const IMPORT_PROGRESS_EVENT = "import-progress";

/** Files dragged over the window, as the webview reports them (positions left out: the whole window is the target). */
export type FileDragEvent = { type: "enter"; paths: string[] } | { type: "over" } | { type: "drop"; paths: string[] } | { type: "leave" };

/** What the rest of this module needs from a backend: Tauri's, or the dev-only fake. */
export interface Backend {
  invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  /** `handler` gets the event's payload, untyped: the typed `on…` functions below check its shape. */
  listen(event: string, handler: (payload: unknown) => void): Promise<() => void>;
  /** Files dragged onto the window (the OS gives their paths; the webview never reads them). `handler`'s argument is unchecked. */
  dragDrop(handler: (event: unknown) => void): Promise<() => void>;
}

/** Screen and profile a dev-only URL asks to start on (`?screen=unlock`); never set in production. */
export interface DevStart {
  screen:
    | "picker"
    | "create"
    | "unlock"
    | "recovery-code"
    | "home"
    | "expenses"
    | "budgets"
    | "reports"
    | "categories"
    | "settings"
    | "import"
    | null;
  /** With `screen: "import"`: the made-up file whose import dialog opens (`?file=…`). */
  importPath: string | null;
  /** With `screen: "recovery-code"`: the code "Save your recovery code" shows, as if the profile had just been created. */
  recoveryCode: string | null;
}

const tauriBackend: Backend = {
  invoke: (command, args) => tauriInvoke(command, args),
  listen: (event, handler) => tauriListen<unknown>(event, (e) => handler(e.payload)),
  dragDrop: async (handler) => {
    const unlisten = await getCurrentWebview().onDragDropEvent((e) => handler(e.payload));
    return () => unlisten();
  },
};

let backendPromise: Promise<Backend> | null = null;
let devStart: DevStart | null = null;

function backend(): Promise<Backend> {
  backendPromise ??= (async () => {
    // `import.meta.env.DEV` is a compile-time `false` in `vite build`, so this branch and fake.ts vanish from dist/.
    if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
      const fake = await import("./fake");
      const params = new URLSearchParams(window.location.search);
      devStart = fake.devStartFrom(params);
      return fake.createFakeBackend(params);
    }
    return tauriBackend;
  })();
  return backendPromise;
}

/** The dev-only start hint (see `DevStart`); `null` under Tauri and in production builds. */
export async function devStartHint(): Promise<DevStart | null> {
  await backend();
  return devStart;
}

// ----- busy tracking: `body[data-busy="true"]` while any call is in flight --------------------------------------

let inFlight = 0;
const busyListeners = new Set<(busy: boolean) => void>();

/** Be told when the first call starts and when the last one ends. */
export function onBusyChange(listener: (busy: boolean) => void): () => void {
  busyListeners.add(listener);
  return () => busyListeners.delete(listener);
}

function setInFlight(delta: 1 | -1): void {
  const wasBusy = inFlight > 0;
  inFlight += delta;
  const busy = inFlight > 0;
  if (busy !== wasBusy) for (const l of busyListeners) l(busy);
}

/** Calls a command; on failure rejects with a normalised `AppError` (never an `Error`, never a bare string). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  setInFlight(1);
  try {
    const b = await backend();
    return await b.invoke<T>(command, args);
  } catch (error) {
    throw normaliseError(error);
  } finally {
    setInFlight(-1);
  }
}

// ----- commands -----------------------------------------------------------------------------------------------

/** Everything the picker needs before anyone unlocks: profiles, password policy, theme, current session, version. */
export function appSnapshot(): Promise<AppSnapshot> {
  return call<AppSnapshot>("app_snapshot");
}

/**
 * Creates a profile and unlocks it (the KDF runs twice, once for the password and once for the recovery code). The answer
 * carries the recovery code: show it once, then drop it — Coffer keeps no copy it could show again.
 */
export function createProfile(request: CreateProfileRequest): Promise<CreatedProfile> {
  return call<CreatedProfile>("create_profile", { request });
}

/**
 * Refused with `wrong_password`, and with `locked_out` while the profile waits after repeated mistakes: after either,
 * re-read `appSnapshot()` — the profile's `lockedUntil` says until when.
 */
export function unlock(request: UnlockRequest): Promise<SessionInfo> {
  return call<SessionInfo>("unlock", { request });
}

/**
 * Unlocks with the recovery code and sets the new password at the same time (the code keeps working). Refused with
 * `invalid_recovery_code` (not the shape of a code), `weak_password` (both before any attempt is counted),
 * `wrong_recovery_code` (counted like a wrong password) or `locked_out`.
 */
export function recover(request: RecoverRequest): Promise<SessionInfo> {
  return call<SessionInfo>("recover", { request });
}

/** The unlocked profile's new password. Refused with `wrong_password` (counted), `weak_password`, `locked_out` or `locked`. */
export async function changePassword(request: ChangePasswordRequest): Promise<void> {
  await call<null>("change_password", { request });
}

/** A new recovery code for the unlocked profile, to show once; the old one stops working. Refused with `wrong_password` or `locked_out`. */
export function regenerateRecoveryCode(request: RegenerateRecoveryRequest): Promise<RecoveryCodeView> {
  return call<RecoveryCodeView>("regenerate_recovery_code", { request });
}

// ----- backups (the shell shows its own dialogs: the webview never names a path) ---------------------------------

/**
 * Asks where (the native save dialog) and writes an encrypted backup of the unlocked profile there, proven with its
 * password; null when the person cancelled the dialog. Refused with `wrong_password` (counted like any wrong attempt),
 * `locked_out`, `locked` or `storage`.
 */
export function saveBackup(request: SaveBackupRequest): Promise<BackupSaved | null> {
  return call<BackupSaved | null>("save_backup", { request });
}

/**
 * Asks which backup (the native open dialog) and answers what the file claims about itself — nothing in it is checked
 * until a password or recovery code opens it; null when the person cancelled. Locked or unlocked. The shell remembers
 * the file for the restore that follows. Refused with `not_a_backup`, `damaged_backup` or `storage`.
 */
export function chooseBackup(): Promise<BackupChoice | null> {
  return call<BackupChoice | null>("choose_backup");
}

/**
 * Restores the chosen backup as a new profile (a member, unless it is the first) and unlocks it. The answer carries its
 * new recovery code: show it once, as after `createProfile`. Exactly one of the secret's password and recovery code is
 * set; with the recovery code `newPassword` is required, with the password null keeps the backup's. Refused with
 * `wrong_password`, `wrong_recovery_code`, `invalid_recovery_code`, `invalid_name`, `duplicate_name`, `weak_password`,
 * `damaged_backup`, `creation_closed` or `invalid_request` (no file chosen).
 */
export function restoreBackupAsNew(request: RestoreAsNewRequest): Promise<CreatedProfile> {
  return call<CreatedProfile>("restore_backup_as_new", { request });
}

/**
 * Rolls the unlocked profile back to the chosen backup of itself: what was recorded since is gone; its current
 * password and recovery code keep working. Answers the profile, unlocked again. Refused with `confirmation_mismatch`
 * (the name not typed exactly), `backup_of_another_profile`, `wrong_password`, `wrong_recovery_code` (neither counted),
 * `invalid_recovery_code`, `damaged_backup` or `locked`.
 */
export function restoreUnlocked(request: RestoreUnlockedRequest): Promise<SessionInfo> {
  return call<SessionInfo>("restore_unlocked", { request });
}

// ----- household administration (admins only) ------------------------------------------------------------------
// Each is refused with `locked` when no profile is unlocked and `forbidden` when the unlocked one is not an admin now
// (Rust asks the registry every time: a profile made a member since it unlocked is refused too). An admin manages
// profiles and house rules, never anyone's data.

/** Every profile (with whether it is you, and its wait) and the house rules. */
export function household(): Promise<Household> {
  return call<Household>("household");
}

/**
 * Creates a member profile with a first password the admin chose; the admin stays unlocked. The answer carries the new
 * profile's recovery code, to hand over once (then re-read `household()`). Refused with `invalid_name`, `duplicate_name`,
 * `weak_password` or `invalid_currency`.
 */
export function createMember(request: CreateProfileRequest): Promise<CreatedMember> {
  return call<CreatedMember>("create_member", { request });
}

/**
 * Removes a profile and its key for good: its data can never be read again. Refused with `confirmation_mismatch` (the
 * typed name is not exactly the profile's), `last_admin`, and `forbidden` for the admin's own profile.
 */
export function removeProfile(request: RemoveProfileRequest): Promise<Household> {
  return call<Household>("remove_profile", { request });
}

/** Makes a profile an admin or a member. Refused with `last_admin` when it would leave no admin. */
export function setRole(request: SetRoleRequest): Promise<Household> {
  return call<Household>("set_role", { request });
}

/** Ends a profile's wait after repeated wrong passwords or recovery codes. */
export function resetLockout(profileId: string): Promise<Household> {
  return call<Household>("reset_lockout", { profileId });
}

/** Sets the house rules. Refused with `invalid_policy` (shortest password 8–128, auto-lock 1–240 minutes). */
export function setPolicy(policy: PolicyView): Promise<Household> {
  return call<Household>("set_policy", { policy });
}

export async function lock(): Promise<void> {
  await call<null>("lock");
}

/**
 * Tells the shell the person used the window, postponing auto-lock. Not counted as a busy call (the spinner would flicker
 * with every mouse move) and never throws: a lost report only means auto-lock may come a little early.
 */
export async function reportActivity(): Promise<void> {
  try {
    const b = await backend();
    await b.invoke<null>("activity");
  } catch (error) {
    console.warn("activity report failed", normaliseError(error));
  }
}

/** The unlocked profile's own privacy choice and the house rules' auto-lock minutes. */
export function privacySettings(): Promise<PrivacySettings> {
  return call<PrivacySettings>("privacy_settings");
}

/** Turns locking when the window is minimised or hidden on or off for the unlocked profile. */
export function setLockWhenHidden(on: boolean): Promise<PrivacySettings> {
  return call<PrivacySettings>("set_lock_when_hidden", { on });
}

export async function setTheme(theme: Theme): Promise<void> {
  await call<null>("set_theme", { theme });
}

// Every data command below is refused with code `locked` when no profile is unlocked.

/** The home screen's figures for the month containing `today` (`YYYY-MM-DD`, the person's local date). */
export function homeOverview(today: string): Promise<HomeOverview> {
  return call<HomeOverview>("home_overview", { today });
}

/** Every category (sorted by name, with usage) and the add form's default. */
export function categories(): Promise<CategoryList> {
  return call<CategoryList>("categories");
}

export function createCategory(input: CategoryInput): Promise<CategoryList> {
  return call<CategoryList>("create_category", { input });
}

export function updateCategory(id: number, input: CategoryInput): Promise<CategoryList> {
  return call<CategoryList>("update_category", { id, input });
}

/** Refused with `category_in_use` when it has expenses and `moveTo` is null. */
export function deleteCategory(request: DeleteCategoryRequest): Promise<CategoryList> {
  return call<CategoryList>("delete_category", { request });
}

/** Field problems come back as `invalid_date`, `invalid_amount`, `invalid_description`, … (see ErrorCode). */
export function addExpense(input: ExpenseInput): Promise<ExpenseView> {
  return call<ExpenseView>("add_expense", { input });
}

export function updateExpense(id: number, input: ExpenseInput): Promise<ExpenseView> {
  return call<ExpenseView>("update_expense", { request: { id, input } });
}

/** Deletes; `undoDelete(id)` brings it back while the profile stays unlocked. */
export function deleteExpense(id: number): Promise<ExpenseView> {
  return call<ExpenseView>("delete_expense", { id });
}

export function undoDelete(id: number): Promise<ExpenseView> {
  return call<ExpenseView>("undo_delete", { id });
}

/** One keyset page: pass the previous page's `next` as `after` to continue. */
export function expensePage(request: ExpensePageRequest): Promise<ExpensePage> {
  return call<ExpensePage>("expense_page", { request });
}

/** Count and sum of everything the filter matches (not just the loaded pages). */
export function expenseTotals(filter: ExpenseFilter): Promise<Totals> {
  return call<Totals>("expense_totals", { filter });
}

/** The budgets screen of a month (`YYYY-MM`): the overall line, one line per category (budgeted or not), the forecast. */
export function budgetMonth(month: string): Promise<BudgetMonth> {
  return call<BudgetMonth>("budget_month", { month });
}

/**
 * Sets, changes (`amount` as typed) or removes (`amount: null`) a budget for the span; answers with that month's screen.
 * Refused with `invalid_amount`, `invalid_month` or `unknown_category`.
 */
export function setBudget(request: SetBudgetRequest): Promise<BudgetMonth> {
  return call<BudgetMonth>("set_budget", { request });
}

/** Makes the month before `month`'s budgets apply from `month` on; answers with `month`'s screen. */
export function copyBudgets(month: string): Promise<BudgetMonth> {
  return call<BudgetMonth>("copy_budgets", { month });
}

export function alertSettings(): Promise<AlertSettings> {
  return call<AlertSettings>("alert_settings");
}

/** Refused with `invalid_threshold` (1 to 5 distinct percentages in 1–200); answers with the settings as stored. */
export function setAlertSettings(settings: AlertSettings): Promise<AlertSettings> {
  return call<AlertSettings>("set_alert_settings", { settings });
}

// ----- reports ---------------------------------------------------------------------------------------------------

/** The period's figures behind the four charts. Refused with `invalid_period` (a custom range that ends before it starts, a bad date). */
export function report(request: ReportRequest): Promise<Report> {
  return call<Report>("report", { request });
}

/** The bytes a command answered with: Tauri gives an ArrayBuffer for raw bytes; a view or a JSON array of numbers is copied. */
export function toArrayBuffer(value: unknown): ArrayBuffer {
  if (value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) {
    const copy = new Uint8Array(value.byteLength);
    copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return copy.buffer;
  }
  if (Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return Uint8Array.from(value as number[]).buffer;
  throw normaliseError({ code: "internal", message: "The chart came back in a form Coffer does not understand." });
}

/**
 * One chart drawn as an image: PNG (at twice the CSS size) or SVG, as `request.format` asks — read the first bytes to know
 * which you got (the dev fake always draws SVG). Refused with `invalid_chart` (a size out of range) or `invalid_period`.
 */
export async function chartImage(request: ChartRequest): Promise<ArrayBuffer> {
  return toArrayBuffer(await call<unknown>("chart_image", { request }));
}

/** The native save dialog for an image, proposing `suggestedName`; null when the person cancelled it. */
export function pickImageFile(format: ChartFormat, suggestedName: string): Promise<string | null> {
  return call<string | null>("pick_image_file", { format, suggestedName });
}

/** Draws the chart and writes it to `request.path`; answers how many bytes went. Refused with `export_failed`. */
export function saveChart(request: SaveChartRequest): Promise<number> {
  return call<number>("save_chart", { request });
}

/** Writes the table behind one chart as CSV or XLSX (pick the path with `pickExportFile`); answers how many rows. */
export function exportReportTable(request: ExportReportTableRequest): Promise<number> {
  return call<number>("export_report_table", { request });
}

// ----- import and export (files are named by path: the shell shows the dialogs and reads or writes them) ----------

/** The native open dialog; null when the person cancelled it. */
export function pickImportFile(): Promise<string | null> {
  return call<string | null>("pick_import_file");
}

/** The native save dialog, proposing `suggestedName`; null when the person cancelled it. */
export function pickExportFile(format: ExportFormat, suggestedName: string): Promise<string | null> {
  return call<string | null>("pick_export_file", { format, suggestedName });
}

/**
 * Reads the file and says what importing it would do; every choice left null is detected. Refused with
 * `import_unreadable`, `invalid_columns` or `ambiguous_dates`, and with `import_cancelled` after `cancelImport()`.
 */
export function importPreview(request: ImportPreviewRequest): Promise<ImportPreview> {
  return call<ImportPreview>("import_preview", { request });
}

/**
 * Imports with the person's choices, all or nothing. Refused with the preview's codes, `import_problems` or
 * `nothing_to_import`, and with `import_cancelled` (nothing written) after `cancelImport()`.
 */
export function importCommit(request: ImportCommitRequest): Promise<ImportBatchView> {
  return call<ImportBatchView>("import_commit", { request });
}

/**
 * Asks the running `importPreview` or `importCommit` to stop at its next progress report: that call then rejects with
 * `import_cancelled`, having written nothing. A call that finishes first answers as usual.
 */
export async function cancelImport(): Promise<void> {
  await call<null>("cancel_import");
}

/** The imports that can still be undone, newest first. */
export function importBatches(): Promise<ImportBatchView[]> {
  return call<ImportBatchView[]>("import_batches");
}

/** Removes what an import added; answers how many expenses went. Refused with `unknown_import` when already undone. */
export function undoImport(id: number): Promise<number> {
  return call<number>("undo_import", { id });
}

/** Writes the expenses the filter matches (all of them for a null filter) to the file; answers how many. Refused with `export_failed`. */
export function exportExpenses(request: ExportRequest): Promise<number> {
  return call<number>("export_expenses", { request });
}

/** The parts of a drag the window reacts to. */
export interface FileDropHandlers {
  /** Files are being dragged over the window. */
  enter(paths: string[]): void;
  /** The drag left the window or was cancelled. */
  leave(): void;
  /** Files were dropped (at least one path). */
  drop(paths: string[]): void;
}

const isPaths = (value: unknown): value is string[] => Array.isArray(value) && value.every((p) => typeof p === "string");

/** The event's shape, checked before the handlers rely on it (a malformed one is dropped). */
function toFileDragEvent(event: unknown): FileDragEvent | null {
  if (typeof event !== "object" || event === null) return null;
  const e = event as { type?: unknown; paths?: unknown };
  if ((e.type === "enter" || e.type === "drop") && isPaths(e.paths)) return { type: e.type, paths: e.paths };
  if (e.type === "over" || e.type === "leave") return { type: e.type };
  return null;
}

/**
 * Runs the handlers as files are dragged over the window and dropped (Tauri's drag-drop events of this webview, which
 * listening permits). A drop without paths counts as leaving. Returns a function that stops listening.
 */
export async function onFileDrop(handlers: FileDropHandlers): Promise<() => void> {
  const b = await backend();
  return b.dragDrop((raw) => {
    const event = toFileDragEvent(raw);
    if (event === null) {
      console.warn("drag-drop: unexpected payload");
      return;
    }
    if (event.type === "enter") handlers.enter(event.paths);
    else if (event.type === "leave") handlers.leave();
    else if (event.type === "drop") {
      if (event.paths.length > 0) handlers.drop(event.paths);
      else handlers.leave();
    }
  });
}

/**
 * Runs `callback` with the reason whenever the shell locks the session on its own (a payload of another shape counts as
 * "idle": the lock happened either way). Returns a function that stops listening. Listening needs the
 * `core:event:allow-listen` permission in the window's capability.
 */
export async function onLocked(callback: (reason: LockReason) => void): Promise<() => void> {
  const b = await backend();
  return b.listen(SESSION_LOCKED_EVENT, (payload) => {
    const reason = typeof payload === "object" && payload !== null ? (payload as Partial<SessionLocked>).reason : undefined;
    callback(reason === "hidden" ? "hidden" : "idle");
  });
}

/** The payload's shape, checked before a view relies on it (a malformed one is dropped, not thrown at the listener). */
function isBudgetAlerts(payload: unknown): payload is BudgetAlerts {
  if (typeof payload !== "object" || payload === null) return false;
  const p = payload as Partial<Record<keyof BudgetAlerts, unknown>>;
  return Array.isArray(p.alerts) && typeof p.atUnlock === "boolean";
}

/**
 * Runs `callback` with every `budget-alerts` event (thresholds newly reached). Rust may emit it while a command is still
 * answering — during `unlock` too, before the session reaches the UI. Returns a function that stops listening.
 */
export async function onBudgetAlerts(callback: (alerts: BudgetAlerts) => void): Promise<() => void> {
  const b = await backend();
  return b.listen(BUDGET_ALERTS_EVENT, (payload) => {
    if (isBudgetAlerts(payload)) callback(payload);
    else console.warn("budget-alerts: unexpected payload");
  });
}

/** The payload's shape, checked before the dialog relies on it. */
function isImportProgress(payload: unknown): payload is ImportProgress {
  if (typeof payload !== "object" || payload === null) return false;
  const p = payload as Partial<Record<keyof ImportProgress, unknown>>;
  return (p.phase === "reading" || p.phase === "writing") && typeof p.rows === "number" && Number.isFinite(p.rows) && p.rows >= 0;
}

/**
 * Runs `callback` with every `import-progress` event (how many data rows the running preview or import has handled).
 * Returns a function that stops listening.
 */
export async function onImportProgress(callback: (progress: ImportProgress) => void): Promise<() => void> {
  const b = await backend();
  return b.listen(IMPORT_PROGRESS_EVENT, (payload) => {
    if (isImportProgress(payload)) callback(payload);
    else console.warn("import-progress: unexpected payload");
  });
}
