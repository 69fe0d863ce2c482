// Why: lets `vite dev` in a plain browser show every screen before (or without) the Rust shell; dev-only, absent from production builds.
//
// Loaded by index.ts only when `import.meta.env.DEV` and no Tauri is present. URL knobs, for screenshots:
//   ?profiles=0                    start with no profiles (welcome + create); ?profiles=3: only the first three seeded
//                                  (Alice, admin; Bob; Maria-Theresa) — the fourth is a damaged one
//   ?as=2                          the unlocked screens start as the second seeded profile (Bob, a member) instead of Alice
//   ?waiting=600                   the second profile (Bob) waits that many seconds after "repeated mistakes"
//   ?creation=closed               the house rules let only an admin create profiles (the picker offers no New profile)
//   ?theme=system|light|dark       stored theme choice
//   ?screen=picker|create|unlock|recovery-code|home|expenses|budgets|reports|categories|settings|import   where main.ts
//                                  starts ("recovery-code" and the ones after it start unlocked as the first profile;
//                                  "recovery-code" is "Save your recovery code" as after creating a profile, "import"
//                                  opens the import dialog on the Expenses screen)
//   ?lockout=45                    the first profile waits that many seconds (at most 3600) after "repeated mistakes"
//   ?file=Kontoauszug.xlsx         with ?screen=import: the made-up file (see fake-transfer.ts for what names do)
//   ?pick=cancel                   the open and save dialogs are cancelled
//   ?pick=readonly                 the save dialog picks a folder the export cannot write to (export_failed)
//   ?backup=other|damaged|invalid|nocode   the backup the open dialog picks: another profile's, one that fails its check
//                                  once opened, a file that is not a backup, one only its password opens (fake-backups.ts)
//   ?expenses=0                    the seeded profiles have no expenses (first-steps states)
//   ?currency=JPY                  the seeded profiles' currency (EUR by default)
//   ?largest=1                     also record the largest amount an expense may have (layout check)
// The seeded profiles' password is "coffer-demo", their recovery code 7K2Q-M9XD-0000-1111-ABCD-EFGH; a created profile
// gets a random code. Wrong passwords and codes count as in the vault (fake-auth.ts): the fifth in a row waits 30 s by the
// browser's clock, each further one twice as long. `window.__cofferFakeAutoLock()` simulates the shell's auto-lock;
// `window.__cofferFakeMinimise()` locks a profile that chose "lock when minimised or hidden" (Settings), as the shell does.
// Household administration (fake-household.ts) follows the vault's rules: admins only, never the last admin, a removal
// only with the profile's name typed exactly; the house rules' shortest password applies to every new password here.
// Budgets are seeded with the expenses; a change that makes spending reach 80 % or 100 % of one emits `budget-alerts`,
// as the shell does, before the command answers. `window.__cofferFakeAlerts(n)` emits a made-up batch of n alerts.
// Files dragged onto the window: `window.__cofferFakeDrag(name, …)` (the overlay shows), `__cofferFakeDragLeave()`, and
// `window.__cofferFakeDrop(name, …)` (drag, then drop a moment later); names are made-up files in ~/Downloads.
// A file whose name has "large" (`?screen=import&file=large.csv`) previews and imports slowly, emitting `import-progress`
// every 100 rows, and `cancel_import` stops it with `import_cancelled`.
// Backups (fake-backups.ts): `save_backup` picks /tmp/coffer-<name>-<date>.cofferbackup and keeps a copy of the ledger
// and secrets; `choose_backup` picks the newest one saved of the unlocked profile (of the first profile when locked), or a
// made-up one taken three days ago; a restore follows the shell's checks (wrong secrets are not counted).
// Reports are computed from the ledger (fake-reports.ts); `chart_image` answers a placeholder SVG whatever format is asked
// (the screen reads the bytes), `pick_image_file` picks /tmp/<suggested name>, and a save path with "readonly" fails.
import type { AlertSettings } from "./bindings/AlertSettings";
import type { AppSnapshot } from "./bindings/AppSnapshot";
import type { BackupChoice } from "./bindings/BackupChoice";
import type { BackupSaved } from "./bindings/BackupSaved";
import type { BudgetAlerts } from "./bindings/BudgetAlerts";
import type { CategoryInput } from "./bindings/CategoryInput";
import type { CurrencyInfo } from "./bindings/CurrencyInfo";
import type { DeleteCategoryRequest } from "./bindings/DeleteCategoryRequest";
import type { ExpenseFilter } from "./bindings/ExpenseFilter";
import type { ExpenseInput } from "./bindings/ExpenseInput";
import type { ChartFormat } from "./bindings/ChartFormat";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { ExpensePageRequest } from "./bindings/ExpensePageRequest";
import type { ExportReportTableRequest } from "./bindings/ExportReportTableRequest";
import type { ReportRequest } from "./bindings/ReportRequest";
import type { SaveChartRequest } from "./bindings/SaveChartRequest";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ImportCommitRequest } from "./bindings/ImportCommitRequest";
import type { ImportPreviewRequest } from "./bindings/ImportPreviewRequest";
import type { ChangePasswordRequest } from "./bindings/ChangePasswordRequest";
import type { CreatedMember } from "./bindings/CreatedMember";
import type { Household } from "./bindings/Household";
import type { PolicyView } from "./bindings/PolicyView";
import type { RemoveProfileRequest } from "./bindings/RemoveProfileRequest";
import type { SetRoleRequest } from "./bindings/SetRoleRequest";
import type { CreatedProfile } from "./bindings/CreatedProfile";
import type { CreateProfileRequest } from "./bindings/CreateProfileRequest";
import type { HomeOverview } from "./bindings/HomeOverview";
import type { LockReason } from "./bindings/LockReason";
import type { PrivacySettings } from "./bindings/PrivacySettings";
import type { SessionLocked } from "./bindings/SessionLocked";
import type { ProfileSummary } from "./bindings/ProfileSummary";
import type { RecoverRequest } from "./bindings/RecoverRequest";
import type { RecoveryCodeView } from "./bindings/RecoveryCodeView";
import type { RegenerateRecoveryRequest } from "./bindings/RegenerateRecoveryRequest";
import type { RestoreAsNewRequest } from "./bindings/RestoreAsNewRequest";
import type { RestoreUnlockedRequest } from "./bindings/RestoreUnlockedRequest";
import type { SaveBackupRequest } from "./bindings/SaveBackupRequest";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { SetBudgetRequest } from "./bindings/SetBudgetRequest";
import type { Theme } from "./bindings/Theme";
import type { UnlockRequest } from "./bindings/UnlockRequest";
import type { UpdateExpenseRequest } from "./bindings/UpdateExpenseRequest";
import { DEMO_RECOVERY_CODE, FakeKeys, randomRecoveryCode } from "./fake-auth";
import { backupKnob, FakeBackups } from "./fake-backups";
import { DEFAULT_POLICY, FakeHousehold } from "./fake-household";
import { FAKE_CURRENCIES, FakeLedger, fail } from "./fake-ledger";
import { fakeChartBytes, tableRows } from "./fake-reports";
import { FAKE_DOCUMENTS, FAKE_DOWNLOADS, FAKE_IMPORT_FILE, FakeImportRuns, FakeTransfer } from "./fake-transfer";
import type { Backend, DevStart } from "./index";
import { currentMonth, todayIso } from "../lib/periods";

const DEMO_PASSWORD = "coffer-demo";
const KDF_MS = 550;

interface FakeProfile {
  /** Without `lockedUntil`, which `keys` knows. */
  summary: Omit<ProfileSummary, "lockedUntil">;
  keys: FakeKeys;
  ledger: FakeLedger;
}

const UNLOCKED_SCREENS = ["recovery-code", "home", "expenses", "budgets", "reports", "categories", "settings", "import"];

/** The browser's clock in Unix seconds, as the shell's `now()`. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function devStartFrom(params: URLSearchParams): DevStart {
  const screen = params.get("screen");
  return {
    screen:
      screen === "picker" ||
      screen === "create" ||
      screen === "unlock" ||
      screen === "recovery-code" ||
      screen === "home" ||
      screen === "expenses" ||
      screen === "budgets" ||
      screen === "reports" ||
      screen === "categories" ||
      screen === "settings" ||
      screen === "import"
        ? screen
        : null,
    importPath: screen === "import" ? `${FAKE_DOWNLOADS}/${params.get("file") ?? FAKE_IMPORT_FILE}` : null,
    recoveryCode: screen === "recovery-code" && params.get("profiles") !== "0" ? DEMO_RECOVERY_CODE : null,
  };
}

export function createFakeBackend(params: URLSearchParams): Backend {
  const now = Math.floor(Date.now() / 1000);
  const seededCurrency = FAKE_CURRENCIES.find((c) => c.code === params.get("currency")) ?? { code: "EUR", minorUnits: 2 };
  const demo = (withExpenses: boolean): FakeLedger => {
    const ledger = new FakeLedger(seededCurrency);
    if (withExpenses && params.get("expenses") !== "0") ledger.seedDemo(new Date(), params.get("largest") === "1");
    return ledger;
  };
  const seeded: FakeProfile[] =
    params.get("profiles") === "0"
      ? []
      : [
          {
            summary: { id: "p-7f3a", name: "Alice Martin", role: "admin", createdAt: now - 86400 * 40, damaged: null },
            keys: new FakeKeys(DEMO_PASSWORD, DEMO_RECOVERY_CODE),
            ledger: demo(true),
          },
          {
            summary: { id: "p-19c2", name: "Bob", role: "member", createdAt: now - 86400 * 12, damaged: null },
            keys: new FakeKeys(DEMO_PASSWORD, DEMO_RECOVERY_CODE),
            ledger: demo(true),
          },
          {
            summary: { id: "p-b804", name: "Maria-Theresa Villanueva-Ortega", role: "member", createdAt: now - 86400 * 3, damaged: null },
            keys: new FakeKeys(DEMO_PASSWORD, DEMO_RECOVERY_CODE),
            ledger: demo(false),
          },
          {
            summary: { id: "p-0d55", name: "Old laptop", role: "member", createdAt: now - 86400 * 400, damaged: "Its key slot cannot be read." },
            keys: new FakeKeys(DEMO_PASSWORD, DEMO_RECOVERY_CODE),
            ledger: demo(false),
          },
        ];
  const seededCount = Number(params.get("profiles") ?? seeded.length);
  const profiles = Number.isInteger(seededCount) && seededCount >= 0 ? seeded.slice(0, seededCount) : seeded;
  const household = new FakeHousehold(profiles, { ...DEFAULT_POLICY, membersMayCreateProfiles: params.get("creation") !== "closed" });
  const backups = new FakeBackups(profiles, backupKnob(params.get("backup")), () => ({
    summary: { id: "p-ada0", name: "Ada Lovelace" },
    keys: new FakeKeys(DEMO_PASSWORD, DEMO_RECOVERY_CODE),
    ledger: demo(true),
  }));
  /** The house rules' shortest password, which every new password here must reach. */
  const minPassword = () => household.policy.minPasswordLength;
  const lockout = Number(params.get("lockout"));
  if (Number.isFinite(lockout) && lockout > 0) profiles[0]?.keys.lockFor(lockout, nowSeconds());
  const waiting = Number(params.get("waiting"));
  if (Number.isFinite(waiting) && waiting > 0) profiles[1]?.keys.lockFor(waiting, nowSeconds());
  /** What the picker shows of a profile: its summary, with the wait its keys know of. */
  const summaryOf = (p: FakeProfile): ProfileSummary => ({ ...p.summary, lockedUntil: p.keys.lockedUntil() });
  const themeParam = params.get("theme");
  let theme: Theme = themeParam === "light" || themeParam === "dark" ? themeParam : "system";
  const sessionOf = (p: FakeProfile): SessionInfo => ({ profile: summaryOf(p), currency: p.ledger.currency, lostLastChange: false });
  const profileOf = (id: string): FakeProfile => {
    const profile = profiles.find((p) => p.summary.id === id) ?? fail("unknown_profile", "This profile does not exist (any more).");
    if (profile.summary.damaged !== null) fail("damaged_profile", profile.summary.damaged);
    return profile;
  };
  /** The unlocked profile; `locked` otherwise. */
  const unlocked = (): FakeProfile => (session === null ? fail("locked", "No profile is unlocked.") : profileOf(session.profile.id));
  const startAs = profiles[Number(params.get("as") ?? 1) - 1] ?? profiles[0];
  let session: SessionInfo | null = UNLOCKED_SCREENS.includes(params.get("screen") ?? "") && startAs ? sessionOf(startAs) : null;
  /** The unlocked profile's ledger; `locked` otherwise, as every data command in the shell. */
  const ledger = (): FakeLedger => {
    const open = session === null ? undefined : profiles.find((p) => p.summary.id === session?.profile.id);
    return open?.ledger ?? fail("locked", "No profile is unlocked.");
  };
  /** Each ledger's imports (they belong to the profile, as in the shell). */
  const transfers = new WeakMap<FakeLedger, FakeTransfer>();
  const transfer = (): FakeTransfer => {
    const l = ledger();
    let t = transfers.get(l);
    if (t === undefined) {
      t = new FakeTransfer(l);
      transfers.set(l, t);
    }
    return t;
  };
  const progressListeners = new Set<(payload: unknown) => void>();
  /** Previews and imports, slow for a "large" file, reporting progress as the shell does. */
  const runs = new FakeImportRuns((progress) => {
    for (const l of progressListeners) l(progress);
  }, sleep);
  const cancelPicks = params.get("pick") === "cancel";
  const dragListeners = new Set<(event: unknown) => void>();
  const emitDrag = (event: unknown) => {
    for (const l of dragListeners) l(event);
  };
  const lockListeners = new Set<(reason: LockReason) => void>();
  const alertListeners = new Set<(payload: unknown) => void>();
  const emitAlerts = (batch: BudgetAlerts) => {
    if (batch.alerts.length > 0) for (const l of alertListeners) l(batch);
  };
  /** Like the shell after a write (or an unlock): announce the thresholds it made spending reach, before answering. */
  const announce = <T>(value: T, atUnlock = false): T => {
    const open = session === null ? undefined : profiles.find((p) => p.summary.id === session?.profile.id);
    if (open) emitAlerts({ alerts: open.ledger.budgetAlerts(), atUnlock });
    return value;
  };

  /** Like the shell: Undo is forgotten and data refused once the profile locks. */
  const endSession = () => {
    for (const p of profiles) p.ledger.forgetUndo();
    session = null;
  };

  const lockByItself = (reason: LockReason) => {
    endSession();
    for (const l of lockListeners) l(reason);
  };
  (window as unknown as Record<string, unknown>)["__cofferFakeAutoLock"] = () => lockByItself("idle");
  /** Like the shell's watcher when the window is minimised: locks only a profile that chose that. */
  (window as unknown as Record<string, unknown>)["__cofferFakeMinimise"] = () => {
    const open = session === null ? undefined : profiles.find((p) => p.summary.id === session?.profile.id);
    if (open?.ledger.lockWhenHidden === true) lockByItself("hidden");
  };
  (window as unknown as Record<string, unknown>)["__cofferFakeAlerts"] = (n = 1, atUnlock = false) => {
    const names = [null, "Groceries", "Dining", "Transport", "<img src=x onerror=alert(1)>", "Shopping"];
    emitAlerts({
      atUnlock,
      alerts: Array.from({ length: n }, (_, i) => ({
        categoryId: i === 0 ? null : i,
        name: names[i % names.length] ?? null,
        month: currentMonth(),
        threshold: i % 2 === 0 ? 80 : 100,
        spent: 28_000,
        limit: 35_000,
        percent: 80,
      })),
    });
  };

  const paths = (names: string[]) => (names.length === 0 ? [FAKE_IMPORT_FILE] : names).map((n) => `${FAKE_DOWNLOADS}/${n}`);
  (window as unknown as Record<string, unknown>)["__cofferFakeDrag"] = (...names: string[]) => emitDrag({ type: "enter", paths: paths(names) });
  (window as unknown as Record<string, unknown>)["__cofferFakeDragLeave"] = () => emitDrag({ type: "leave" });
  (window as unknown as Record<string, unknown>)["__cofferFakeDrop"] = (...names: string[]) => {
    emitDrag({ type: "enter", paths: paths(names) });
    setTimeout(() => emitDrag({ type: "drop", paths: paths(names) }), 400);
  };

  const commands: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
    async app_snapshot(): Promise<AppSnapshot> {
      await sleep(60);
      return {
        profiles: profiles.map(summaryOf),
        policy: { minLength: minPassword() },
        membersMayCreateProfiles: household.creationOpen(),
        theme,
        session,
        version: "0.1.0-dev",
        currencies: FAKE_CURRENCIES,
      };
    },
    async create_profile(args): Promise<CreatedProfile> {
      const request = args["request"] as CreateProfileRequest;
      await sleep(KDF_MS);
      household.checkCreationOpen();
      const name = household.checkNewProfile(request.name, request.password);
      const currency: CurrencyInfo =
        FAKE_CURRENCIES.find((c) => c.code === request.currency) ?? fail("invalid_currency", `Coffer does not know the currency “${request.currency}”.`);
      const summary: FakeProfile["summary"] = {
        id: `p-${Math.random().toString(16).slice(2, 10)}`,
        name,
        role: profiles.length === 0 ? "admin" : "member",
        createdAt: Math.floor(Date.now() / 1000),
        damaged: null,
      };
      const recoveryCode = randomRecoveryCode();
      const created: FakeProfile = { summary, keys: new FakeKeys(request.password, recoveryCode), ledger: new FakeLedger(currency) };
      profiles.push(created);
      session = sessionOf(created);
      return { session, recoveryCode };
    },
    async unlock(args): Promise<SessionInfo> {
      const request = args["request"] as UnlockRequest;
      await sleep(KDF_MS);
      const profile = profileOf(request.profileId);
      profile.keys.unlock(request.password, nowSeconds());
      session = sessionOf(profile);
      return announce(session, true);
    },
    async recover(args): Promise<SessionInfo> {
      const request = args["request"] as RecoverRequest;
      await sleep(KDF_MS * 2);
      const profile = profileOf(request.profileId);
      profile.keys.recover(request.recoveryCode, request.newPassword, minPassword(), nowSeconds());
      session = sessionOf(profile);
      return announce(session, true);
    },
    async change_password(args): Promise<null> {
      const request = args["request"] as ChangePasswordRequest;
      const profile = unlocked();
      await sleep(KDF_MS * 2);
      profile.keys.changePassword(request.current, request.new, minPassword(), nowSeconds());
      return null;
    },
    async regenerate_recovery_code(args): Promise<RecoveryCodeView> {
      const request = args["request"] as RegenerateRecoveryRequest;
      const profile = unlocked();
      await sleep(KDF_MS * 2);
      return { code: profile.keys.regenerate(request.password, nowSeconds()) };
    },
    async save_backup(args): Promise<BackupSaved | null> {
      const request = args["request"] as SaveBackupRequest;
      const profile = unlocked();
      await sleep(300); // the save dialog, before the password is tried
      if (cancelPicks) return null;
      await sleep(KDF_MS);
      return backups.save(profile, request.password, nowSeconds(), todayIso());
    },
    async choose_backup(): Promise<BackupChoice | null> {
      await sleep(300);
      if (cancelPicks) return null;
      return backups.choose(session?.profile.id ?? null, nowSeconds());
    },
    async restore_backup_as_new(args): Promise<CreatedProfile> {
      const request = args["request"] as RestoreAsNewRequest;
      await sleep(KDF_MS * 2);
      const restored = backups.restoreAsNew(request, household);
      const recoveryCode = randomRecoveryCode();
      const created: FakeProfile = {
        summary: {
          id: `p-${Math.random().toString(16).slice(2, 10)}`,
          name: restored.name,
          role: profiles.length === 0 ? "admin" : "member",
          createdAt: nowSeconds(),
          damaged: null,
        },
        keys: new FakeKeys(restored.password, recoveryCode),
        ledger: restored.ledger,
      };
      profiles.push(created);
      session = sessionOf(created);
      return { session, recoveryCode };
    },
    async restore_unlocked(args): Promise<SessionInfo> {
      const request = args["request"] as RestoreUnlockedRequest;
      const profile = unlocked();
      await sleep(KDF_MS);
      backups.restoreUnlocked(profile, request);
      session = sessionOf(profile);
      return announce(session, true);
    },
    async household(): Promise<Household> {
      await sleep(60);
      return household.household(session?.profile.id ?? null);
    },
    async create_member(args): Promise<CreatedMember> {
      const request = args["request"] as CreateProfileRequest;
      household.requireAdmin(session?.profile.id ?? null);
      await sleep(KDF_MS * 2);
      // AppState::create_member: the currency first, then the vault's checks.
      const currency: CurrencyInfo =
        FAKE_CURRENCIES.find((c) => c.code === request.currency) ?? fail("invalid_currency", `Coffer does not know the currency “${request.currency}”.`);
      const name = household.checkNewProfile(request.name, request.password);
      const recoveryCode = randomRecoveryCode();
      const created: FakeProfile = {
        summary: { id: `p-${Math.random().toString(16).slice(2, 10)}`, name, role: "member", createdAt: nowSeconds(), damaged: null },
        keys: new FakeKeys(request.password, recoveryCode),
        ledger: new FakeLedger(currency),
      };
      profiles.push(created);
      // The admin's own session stays open.
      return { profile: summaryOf(created), recoveryCode };
    },
    async remove_profile(args): Promise<Household> {
      const request = args["request"] as RemoveProfileRequest;
      await sleep(120);
      return household.remove(session?.profile.id ?? null, request.profileId, request.confirmName);
    },
    async set_role(args): Promise<Household> {
      const request = args["request"] as SetRoleRequest;
      await sleep(80);
      return household.setRole(session?.profile.id ?? null, request.profileId, request.role);
    },
    async reset_lockout(args): Promise<Household> {
      await sleep(80);
      return household.resetLockout(session?.profile.id ?? null, args["profileId"] as string);
    },
    async set_policy(args): Promise<Household> {
      await sleep(80);
      return household.setPolicy(session?.profile.id ?? null, args["policy"] as PolicyView);
    },
    async lock(): Promise<null> {
      await sleep(40);
      endSession();
      return null;
    },
    async activity(): Promise<null> {
      return null;
    },
    async privacy_settings(): Promise<PrivacySettings> {
      await sleep(30);
      return { lockWhenHidden: ledger().lockWhenHidden, autoLockMinutes: household.policy.autoLockMinutes };
    },
    async set_lock_when_hidden(args): Promise<PrivacySettings> {
      await sleep(60);
      ledger().lockWhenHidden = args["on"] === true;
      return { lockWhenHidden: ledger().lockWhenHidden, autoLockMinutes: household.policy.autoLockMinutes };
    },
    async set_theme(args): Promise<null> {
      await sleep(20);
      theme = args["theme"] as Theme;
      return null;
    },
    async home_overview(args): Promise<HomeOverview> {
      await sleep(120);
      return ledger().overview(session?.profile.name ?? "", args["today"] as string);
    },
    async categories() {
      await sleep(50);
      return ledger().categories();
    },
    async create_category(args) {
      await sleep(80);
      return ledger().createCategory(args["input"] as CategoryInput);
    },
    async update_category(args) {
      await sleep(80);
      return ledger().updateCategory(args["id"] as number, args["input"] as CategoryInput);
    },
    async delete_category(args) {
      await sleep(80);
      return ledger().deleteCategory(args["request"] as DeleteCategoryRequest);
    },
    async add_expense(args) {
      await sleep(90);
      return announce(ledger().add(args["input"] as ExpenseInput));
    },
    async update_expense(args) {
      await sleep(90);
      const request = args["request"] as UpdateExpenseRequest;
      return announce(ledger().update(request.id, request.input));
    },
    async delete_expense(args) {
      await sleep(60);
      return announce(ledger().delete(args["id"] as number));
    },
    async undo_delete(args) {
      await sleep(60);
      return announce(ledger().undo(args["id"] as number));
    },
    async expense_page(args) {
      await sleep(70);
      return ledger().page(args["request"] as ExpensePageRequest);
    },
    async expense_totals(args) {
      await sleep(50);
      return ledger().totals(args["filter"] as ExpenseFilter);
    },
    async budget_month(args) {
      await sleep(60);
      return ledger().budgetMonth(args["month"] as string);
    },
    async set_budget(args) {
      await sleep(80);
      return announce(ledger().setBudget(args["request"] as SetBudgetRequest));
    },
    async copy_budgets(args) {
      await sleep(80);
      return announce(ledger().copyBudgets(args["month"] as string));
    },
    async alert_settings() {
      await sleep(30);
      return ledger().alertSettings();
    },
    async set_alert_settings(args) {
      await sleep(60);
      return announce(ledger().setAlertSettings(args["settings"] as AlertSettings));
    },
    async report(args) {
      await sleep(120);
      return ledger().report(args["request"] as ReportRequest);
    },
    async chart_image(args): Promise<ArrayBuffer> {
      const request = args["request"] as ChartRequest;
      const l = ledger();
      await sleep(180);
      return fakeChartBytes(request, l.report(request.report), l.currency);
    },
    async pick_image_file(args): Promise<string | null> {
      await sleep(300);
      const format = args["format"] as ChartFormat;
      const name = String(args["suggestedName"] ?? `coffer-chart.${format}`);
      if (cancelPicks) return null;
      return params.get("pick") === "readonly" ? `/tmp/readonly/${name}` : `/tmp/${name}`;
    },
    async save_chart(args): Promise<number> {
      const request = args["request"] as SaveChartRequest;
      const l = ledger();
      await sleep(250);
      if (request.path.includes("readonly")) fail("export_failed", `Coffer could not write ${request.path}: permission denied.`);
      return fakeChartBytes(request.chart, l.report(request.chart.report), l.currency).byteLength;
    },
    async export_report_table(args): Promise<number> {
      const request = args["request"] as ExportReportTableRequest;
      const l = ledger();
      await sleep(300);
      if (request.path.includes("readonly")) fail("export_failed", `Coffer could not write ${request.path}: permission denied.`);
      return tableRows(l.report(request.report), request.chart);
    },
    async pick_import_file(): Promise<string | null> {
      await sleep(300);
      return cancelPicks ? null : `${FAKE_DOWNLOADS}/${FAKE_IMPORT_FILE}`;
    },
    async pick_export_file(args): Promise<string | null> {
      await sleep(300);
      const format = args["format"] as ExportFormat;
      const name = String(args["suggestedName"] ?? `coffer-expenses.${format}`);
      if (cancelPicks) return null;
      return params.get("pick") === "readonly" ? `${FAKE_DOCUMENTS}/readonly/${name}` : `${FAKE_DOCUMENTS}/${name}`;
    },
    async import_preview(args) {
      const request = args["request"] as ImportPreviewRequest;
      await runs.run("reading", request.path, 220);
      return transfer().preview(request);
    },
    async import_commit(args) {
      const request = args["request"] as ImportCommitRequest;
      await runs.run("writing", request.preview.path, 450);
      return announce(transfer().commit(request));
    },
    async cancel_import(): Promise<null> {
      await sleep(20);
      ledger();
      runs.cancel();
      return null;
    },
    async import_batches() {
      await sleep(60);
      return transfer().batchList();
    },
    async undo_import(args) {
      await sleep(150);
      return announce(transfer().undo(args["id"] as number));
    },
    async export_expenses(args) {
      await sleep(500);
      return transfer().exportCount(args["request"] as ExportRequest);
    },
  };

  return {
    async invoke<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
      const handler = commands[command];
      // Tauri rejects an unknown command with a bare string; mimic that so error normalisation is exercised.
      if (handler === undefined) throw `command ${command} not found`;
      return (await handler(args)) as T;
    },
    async dragDrop(handler: (event: unknown) => void): Promise<() => void> {
      dragListeners.add(handler);
      return () => dragListeners.delete(handler);
    },
    async listen(event: string, handler: (payload: unknown) => void): Promise<() => void> {
      if (event === "budget-alerts") {
        alertListeners.add(handler);
        return () => alertListeners.delete(handler);
      }
      if (event === "import-progress") {
        progressListeners.add(handler);
        return () => progressListeners.delete(handler);
      }
      if (event !== "session-locked") return () => {};
      const onLock = (reason: LockReason) => handler({ reason } satisfies SessionLocked);
      lockListeners.add(onLock);
      return () => lockListeners.delete(onLock);
    },
  };
}
