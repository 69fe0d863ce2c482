// Why: boots the UI: applies the theme, routes between screens, handles lock/unlock transitions, the keyboard shortcuts (Ctrl+L, N, /, Esc) and where budget alerts and dropped files go.
import "bootstrap-icons/font/bootstrap-icons.css";
import "./styles/main.scss";

import { render } from "lit-html";
import {
  appSnapshot,
  devStartHint,
  isAppError,
  lock,
  normaliseError,
  onBudgetAlerts,
  onBusyChange,
  onFileDrop,
  onLocked,
  reportActivity,
  setTheme,
  type AppSnapshot,
  type BudgetAlerts,
  type SessionInfo,
  type Theme,
} from "./api";
import { themeToggle } from "./components/theme-toggle";
import { ACTIVITY_EVENTS, activityThrottle } from "./lib/activity";
import { createAlertBadge } from "./lib/budgets";
import { appShortcut, isLockShortcut, isMacPlatform, isTypingTarget, lockShortcutLabel } from "./lib/shortcuts";
import { nextTheme, resolveTheme } from "./lib/theme";
import { budgetsScreen } from "./views/budgets";
import { failureScreen } from "./views/failure";
import { categoriesScreen } from "./views/categories";
import { forgetReportChoices, reportsScreen } from "./views/reports";
import { expensesScreen } from "./views/expenses";
import { homeScreen } from "./views/home";
import { isAppScreen, type AppScreen, type AppScreenName, type Host, type NavIntent, type ScreenView } from "./views/host";
import { createScreen, pickerScreen, unlockScreen } from "./views/profiles";
import { recoveryCodeScreen } from "./views/recovery-code";
import { restoreScreen } from "./views/restore";
import { settingsScreen } from "./views/settings";
import { forgetLastBackup } from "./views/settings-backup";

const root = document.getElementById("app") as HTMLElement;
const body = document.body;
const osDark = window.matchMedia("(prefers-color-scheme: dark)");
const mac = isMacPlatform(navigator.userAgent);

// ----- state: the only module-level state; screens keep their own and lose it when left -------------------------

let snapshot: AppSnapshot | null = null;
let themeChoice: Theme = "system";
let themeRequest = 0;
let current: ScreenView | null = null;
/** Bumped on every navigation: a Host created for an older screen then does nothing. */
let generation = 0;
let session: SessionInfo | null = null;
let locking = false;
/** The Budgets link's badge: alerts received since the budgets screen was last opened. */
const alertBadge = createAlertBadge();
/** Alerts found at unlock: Rust emits them while `unlock` is still answering, so they can arrive before the session. */
let unlockAlerts: BudgetAlerts | null = null;

// ----- theme -------------------------------------------------------------------------------------------------------

function applyTheme(): void {
  const el = document.documentElement;
  el.dataset["bsTheme"] = resolveTheme(themeChoice, osDark.matches);
  el.dataset["themeChoice"] = themeChoice;
}

osDark.addEventListener("change", () => {
  if (themeChoice === "system") applyTheme();
});

async function cycleTheme(): Promise<void> {
  const previous = themeChoice;
  const request = ++themeRequest;
  themeChoice = nextTheme(previous);
  applyTheme();
  rerender();
  try {
    await setTheme(themeChoice);
  } catch (error) {
    // Only undo if no newer click superseded this one; the change simply did not persist.
    if (request === themeRequest) {
      themeChoice = previous;
      applyTheme();
      rerender();
    }
    console.warn("set_theme failed", normaliseError(error));
  }
}

// ----- rendering and navigation ------------------------------------------------------------------------------------

function rerender(): void {
  if (current) render(current.template(), root);
}

/** Shows the screen `make` builds, handing it a Host bound to this navigation. */
function show(make: (host: Host) => ScreenView): void {
  leaveCurrent();
  const view = make(hostFor(++generation));
  current = view;
  render(view.template(), root);
  // Set after the DOM is in place: end-to-end tests wait on this attribute.
  body.dataset["screen"] = view.name;
  // Our own marker, not HTML's `autofocus`: the browser applies that one a frame later, and a
  // late focus jump would land a fast typist's keystrokes in the wrong field.
  const focusTarget = root.querySelector<HTMLElement>("[data-autofocus]") ?? root.querySelector<HTMLElement>("h1[tabindex]");
  focusTarget?.focus();
  view.mounted?.();
}

/** Lets the screen being replaced release what it holds (observers, object URLs); it runs once per screen. */
function leaveCurrent(): void {
  const leaving = current;
  current = null;
  try {
    leaving?.unmounted?.();
  } catch (error) {
    console.warn("a screen failed to clean up", error);
  }
}

function requireSnapshot(): AppSnapshot {
  if (snapshot === null) throw new Error("snapshot not loaded");
  return snapshot;
}

function hostFor(mine: number): Host {
  const live = () => mine === generation;
  return {
    snapshot: requireSnapshot,
    reloadSnapshot: async () => {
      try {
        snapshot = await appSnapshot();
        return snapshot;
      } catch (error) {
        console.warn("app_snapshot failed", normaliseError(error));
        return null;
      }
    },
    refresh: () => {
      if (live()) rerender();
    },
    themeToggle: (extraClass) => themeToggle(themeChoice, () => void cycleTheme(), extraClass),
    lockShortcut: () => lockShortcutLabel(mac),
    showPicker: () => {
      if (live()) showPicker();
    },
    showCreate: () => {
      if (live()) show(createScreen);
    },
    showUnlock: (profileId, notice) => {
      if (live()) void afterLocked(profileId, notice ?? null);
    },
    showRestore: (choice) => {
      if (live()) show((h) => restoreScreen(h, choice));
    },
    showRecoveryCode: (created) => {
      if (live()) showRecoveryCode(created.session, created.recoveryCode);
    },
    unlocked: (s, notice) => {
      if (!live()) return;
      const intent: NavIntent = notice === undefined ? {} : { notice };
      if (s.lostLastChange) intent.warning = LOST_LAST_CHANGE_WARNING;
      showApp("home", s, intent);
    },
    lock: () => {
      if (live()) void lockNow();
    },
    navigate: (to, intent) => {
      if (live() && session !== null) showApp(to, session, intent);
    },
    budgetAlertCount: () => alertBadge.count(),
  };
}

/** Home's warning when unlocking dropped a last change that was only partly saved (`SessionInfo.lostLastChange`). */
const LOST_LAST_CHANGE_WARNING =
  "Your last change before Coffer stopped was not completely saved (the computer may have lost power), so this profile opened as it was just before it. Check your most recent entries.";

function showPicker(): void {
  show(requireSnapshot().profiles.length === 0 ? createScreen : pickerScreen);
}

function showUnlockFor(profileId: string, notice: string | null): void {
  const profile = requireSnapshot().profiles.find((p) => p.id === profileId && p.damaged === null);
  if (profile) show((h) => unlockScreen(h, profile, notice));
  else showPicker();
}

const APP_SCREENS: Record<AppScreenName, (host: Host, session: SessionInfo, intent: NavIntent) => AppScreen> = {
  home: homeScreen,
  expenses: expensesScreen,
  budgets: budgetsScreen,
  reports: reportsScreen,
  categories: categoriesScreen,
  settings: settingsScreen,
};

/** A profile was just created (and unlocked): its recovery code, once, before Home. Lock and auto-lock work as on Home. */
function showRecoveryCode(s: SessionInfo, code: string): void {
  session = s;
  if (snapshot) snapshot = { ...snapshot, session: s };
  show((h) => recoveryCodeScreen(h, s, code));
}

/** A screen of the unlocked profile `s`. */
function showApp(name: AppScreenName, s: SessionInfo, intent: NavIntent = {}): void {
  session = s;
  if (snapshot) snapshot = { ...snapshot, session: s };
  if (name === "budgets") alertBadge.clear();
  show((h) => APP_SCREENS[name](h, s, intent));
  if (intent.notice !== undefined && isAppScreen(current)) current.notify(intent.notice);
  if (intent.warning !== undefined && isAppScreen(current)) current.warn(intent.warning);
  const pending = unlockAlerts;
  unlockAlerts = null;
  if (pending !== null) budgetAlertsArrived(pending);
}

// ----- budget alerts -------------------------------------------------------------------------------------------------

/** One `budget-alerts` event: counted on the badge, then shown by the current screen (one toast; budgets also reloads). */
function budgetAlertsArrived(alerts: BudgetAlerts): void {
  if (alerts.alerts.length === 0) return;
  if (session === null || !isAppScreen(current)) {
    // Not for a locked window, except the unlock's own alerts, which are shown once its screen is up.
    if (alerts.atUnlock) unlockAlerts = alerts;
    return;
  }
  alertBadge.received(alerts, current.name === "budgets");
  current.budgetAlerts(alerts);
}

// ----- files dragged onto the window ------------------------------------------------------------------------------------

/** The unlocked screen a drag may act on: none while locked or locking (no overlay, a drop does nothing). */
function dropTarget(): AppScreen | null {
  return session !== null && !locking && isAppScreen(current) ? current : null;
}

function fileDragged(active: boolean): void {
  if (active) dropTarget()?.fileDrag(true);
  // Leaving always clears, even if the profile locked meanwhile (that screen's DOM is gone anyway).
  else if (isAppScreen(current)) current.fileDrag(false);
}

function filesDropped(paths: string[]): void {
  const target = dropTarget();
  if (target !== null) target.filesDropped(paths);
  else fileDragged(false);
}

// ----- lock ----------------------------------------------------------------------------------------------------------

async function lockNow(): Promise<void> {
  if (session === null || locking) return;
  const profileId = session.profile.id;
  const screen = isAppScreen(current) ? current : null;
  locking = true;
  screen?.setLocking(true);
  try {
    await lock();
  } catch (error) {
    // "locked" means the shell already dropped the session: that is the state we wanted.
    if (!isAppError(error, "locked")) {
      locking = false;
      screen?.showLockError(normaliseError(error).message);
      return;
    }
  }
  locking = false;
  await afterLocked(profileId, null);
}

/** Shared by Lock, auto-lock and a refused call: forget the session and every screen's state, then offer to unlock again. */
async function afterLocked(profileId: string, notice: string | null): Promise<void> {
  session = null;
  unlockAlerts = null;
  alertBadge.clear(); // the count was this profile's
  forgetReportChoices(); // the Reports screen's period and categories were this profile's
  forgetLastBackup(); // "Last saved this session" was this session's
  leaveCurrent();
  generation++;
  render(null, root); // drop the unlocked screen's DOM (and anything it showed) right away
  body.dataset["screen"] = "loading";
  try {
    snapshot = await appSnapshot();
  } catch {
    if (snapshot) snapshot = { ...snapshot, session: null };
  }
  if (snapshot === null) return;
  showUnlockFor(profileId, notice);
}

window.addEventListener("keydown", (e) => {
  if (isLockShortcut(e, mac)) {
    e.preventDefault();
    if (session !== null) void lockNow();
    return;
  }
  // N, / and Esc: only on the unlocked screens, never while typing (see lib/shortcuts.ts).
  if (e.defaultPrevented || session === null || locking || !isAppScreen(current)) return;
  const target = e.target instanceof HTMLElement ? e.target : null;
  const typing = isTypingTarget(
    target === null ? null : { tagName: target.tagName, type: (target as HTMLInputElement).type, isContentEditable: target.isContentEditable },
  );
  const action = appShortcut(e, typing);
  if (action !== null && current.shortcut(action)) e.preventDefault();
});

// Input postpones auto-lock (reported at most once a second, and only while a profile is unlocked).
const activity = activityThrottle(() => void reportActivity(), () => performance.now());
for (const type of ACTIVITY_EVENTS) {
  window.addEventListener(
    type,
    () => {
      if (session !== null) activity.input();
    },
    { capture: true, passive: true },
  );
}

// ----- boot ----------------------------------------------------------------------------------------------------------

async function boot(): Promise<void> {
  try {
    snapshot = await appSnapshot();
  } catch (error) {
    const failure = normaliseError(error);
    show(() => failureScreen(failure, () => void boot()));
    return;
  }
  themeChoice = snapshot.theme;
  applyTheme();

  const hint = await devStartHint();
  if (snapshot.session !== null) {
    if (hint?.screen === "recovery-code" && hint.recoveryCode !== null) {
      showRecoveryCode(snapshot.session, hint.recoveryCode);
      return;
    }
    const start =
      hint?.screen === "expenses" ||
      hint?.screen === "budgets" ||
      hint?.screen === "reports" ||
      hint?.screen === "categories" ||
      hint?.screen === "settings"
        ? hint.screen
        : hint?.screen === "import"
          ? "expenses"
          : "home";
    showApp(start, snapshot.session);
    if (hint?.importPath != null) dropTarget()?.filesDropped([hint.importPath]);
    return;
  }
  const usable = snapshot.profiles.find((p) => p.damaged === null);
  if (hint?.screen === "create") show(createScreen);
  else if (hint?.screen === "unlock" && usable) showUnlockFor(usable.id, null);
  else showPicker();
}

applyTheme();
onBusyChange((busy) => {
  if (busy) body.dataset["busy"] = "true";
  else delete body.dataset["busy"];
});
onLocked((reason) => {
  if (session === null) return;
  const why = reason === "hidden" ? "when its window was minimised or hidden" : "after a period of inactivity";
  void afterLocked(session.profile.id, `Coffer locked this profile ${why}.`);
}).catch((error: unknown) => console.warn("cannot listen for session-locked", normaliseError(error)));
onBudgetAlerts(budgetAlertsArrived).catch((error: unknown) => console.warn("cannot listen for budget-alerts", normaliseError(error)));
onFileDrop({ enter: () => fileDragged(true), leave: () => fileDragged(false), drop: filesDropped }).catch((error: unknown) =>
  console.warn("cannot listen for dropped files", normaliseError(error)),
);
void boot();
