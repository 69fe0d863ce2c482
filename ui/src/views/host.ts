// Why: the narrow interface main.ts hands to each screen, so views navigate and re-render without knowing about routing.
import type { TemplateResult } from "lit-html";
import type { AppSnapshot, BackupChoice, BudgetAlerts, CreatedProfile, SessionInfo } from "../api";
import type { AppShortcut } from "../lib/shortcuts";

/** The screens of an unlocked profile (the navbar's links, and Settings from the profile menu). */
export type AppScreenName = "home" | "expenses" | "budgets" | "reports" | "categories" | "settings";

export const APP_SCREEN_NAMES: readonly AppScreenName[] = ["home", "expenses", "budgets", "reports", "categories", "settings"];

/**
 * `recovery-code`: "Save your recovery code", right after creating a profile (already unlocked, before Home).
 * `restore`: a backup chosen on the picker (or the first-run create screen), restored as a new profile.
 */
export type ScreenName = "loading" | "failure" | "picker" | "create" | "unlock" | "restore" | "recovery-code" | AppScreenName;

/** What the next unlocked screen should do once shown. */
export interface NavIntent {
  /** Put the caret in the expense search (the `/` shortcut from another screen). */
  focusSearch?: boolean;
  /** A message to show in a toast once the screen is up (what just happened on the way there). */
  notice?: string;
  /** Something the person must know about, shown in the warning toast once the screen is up. */
  warning?: string;
}

/** One screen: its state lives in the object, and is dropped with it when another screen is shown. */
export interface ScreenView {
  readonly name: ScreenName;
  template(): TemplateResult;
  /** Runs once, after the screen's first render (start loading, focus a field…). */
  mounted?(): void;
  /** Runs once, when another screen replaces it or the profile locks (stop observers, release object URLs). */
  unmounted?(): void;
}

/**
 * What a screen may ask of the shell. Every method is a no-op once the screen is no longer the current one,
 * so a late IPC answer can never re-render or navigate from a screen the person already left.
 */
export interface Host {
  /** Latest snapshot (profiles, policy, version). */
  snapshot(): AppSnapshot;
  /** Reads the snapshot again (a profile's `lockedUntil` after a refused attempt), keeps it for every screen and answers it; null when it could not be read. */
  reloadSnapshot(): Promise<AppSnapshot | null>;
  /** Re-render this screen after its state changed. */
  refresh(): void;
  /** The theme button, in its current state. */
  themeToggle(extraClass?: string): TemplateResult;
  /** Hint for the Lock shortcut on this platform ("Ctrl+L" or "⌘L"). */
  lockShortcut(): string;
  showPicker(): void;
  showCreate(): void;
  showUnlock(profileId: string, notice?: string): void;
  /** A backup was chosen (the shell remembers the file): the screen that restores it as a new profile. */
  showRestore(choice: BackupChoice): void;
  /** After a profile was created (and unlocked): its recovery code, shown once, before Home. */
  showRecoveryCode(created: CreatedProfile): void;
  /** After unlocking (or the recovery code screen): Home, with `notice` in a toast. */
  unlocked(session: SessionInfo, notice?: string): void;
  /** Lock the session and return to this profile's unlock screen. */
  lock(): void;
  /** Go to another screen of the unlocked profile. */
  navigate(to: AppScreenName, intent?: NavIntent): void;
  /** Budget alerts received since the budgets screen was last opened (the navbar's badge). */
  budgetAlertCount(): number;
}

/** A screen of the unlocked profile: main.ts reports lock progress to it and hands it the single-key shortcuts. */
export interface AppScreen extends ScreenView {
  readonly name: AppScreenName;
  /** Shown when `lock()` itself failed, so the person knows the profile is still open. */
  showLockError(message: string): void;
  setLocking(locking: boolean): void;
  /** Acts on a shortcut; false when it does not apply right now (the key then keeps its default). */
  shortcut(action: AppShortcut): boolean;
  /** A `budget-alerts` event arrived (the badge is already counted): show it, and reload what it changes. */
  budgetAlerts(alerts: BudgetAlerts): void;
  /** Files are being dragged over the window (true) or no longer are (false): the drop overlay. */
  fileDrag(active: boolean): void;
  /** Files were dropped on the window (or a dev start asks for one): import the first. */
  filesDropped(paths: readonly string[]): void;
  /** Shows `message` in the screen's toast (a `NavIntent.notice`). */
  notify(message: string): void;
  /** Shows `message` in the screen's warning toast (a `NavIntent.warning`). */
  warn(message: string): void;
}

export function isAppScreen(view: ScreenView | null): view is AppScreen {
  return view !== null && (APP_SCREEN_NAMES as readonly string[]).includes(view.name);
}
