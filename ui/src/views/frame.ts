// Why: what every unlocked screen shares — navbar, lock feedback, the add/edit dialog, the import dialog and its drop overlay, the toasts (budget alerts, Undo of an import), the category list and the `locked` path — so each screen only draws its own content.
import { html, nothing, type TemplateResult } from "lit-html";
import {
  categories as fetchCategories,
  isAppError,
  normaliseError,
  pickImportFile,
  undoImport,
  type AppError,
  type BudgetAlerts,
  type CategoryList,
  type CategoryView,
  type CurrencyInfo,
  type ExpenseView,
  type ImportBatchView,
  type SessionInfo,
} from "../api";
import { createMenu } from "../components/menu";
import { navbar } from "../components/navbar";
import { createToaster, toastStack, type Toaster } from "../components/toast";
import { alertSummary } from "../lib/budgets";
import type { AppShortcut } from "../lib/shortcuts";
import { DROP_BLOCKED_TEXT, DROP_TEXT, IMPORT_CANCELLED_TOAST, importedMessage, severalFilesNote, undoneMessage } from "../lib/transfer";
import { createExpenseEditor } from "./expense-editor";
import { createImportDialog } from "./import-dialog";
import type { AppScreen, AppScreenName, Host } from "./host";

/** What a screen may add to the shared behaviour. */
export interface FrameHooks {
  /** After the add/edit dialog saved (the dialog is already closed). */
  saved?(expense: ExpenseView, created: boolean): void;
  /** The screen's own Esc (close a panel, cancel an inline edit); true when it closed something. */
  escape?(): boolean;
  /** `/` on this screen; without it, `/` goes to the Expenses screen's search. */
  search?(): void;
  /** After a budget alert was shown (reload what it changes). */
  budgetAlerts?(alerts: BudgetAlerts): void;
  /** True while the screen's own dialog is open: N and / must not act behind it (the dialog handles its Esc). */
  dialogOpen?(): boolean;
  /** After an import, or the Undo of one, changed the expenses (the dialog is already closed): reload what shows them. */
  imported?(): void;
}

/** What `Frame.attempt` gives back: the answer, or that it failed (its message is shown already). */
export type Attempt<T> = { ok: true; value: T } | { ok: false };

/** How long a budget alert stays up: longer than a confirmation, it has more to read. */
const ALERT_TOAST_MS = 10_000;

/** How long a notice from the screen before stays up (a `NavIntent.notice`): as long as an alert, for the same reason. */
const NOTICE_TOAST_MS = ALERT_TOAST_MS;

/** How long a warning stays up (a `NavIntent.warning`): it asks the person to go and check something. */
const WARNING_TOAST_MS = 30_000;

export interface Frame {
  readonly session: SessionInfo;
  readonly currency: CurrencyInfo;
  readonly toast: Toaster;
  /** The last loaded category list (null before the first load). */
  categories(): CategoryList | null;
  category(id: number): CategoryView | undefined;
  loadCategories(): Promise<CategoryList>;
  setCategories(list: CategoryList): void;
  /** Normalises a failure; for `locked` it goes to the unlock screen and returns null (stop there). */
  fail(error: unknown): AppError | null;
  /**
   * A first step whose failure ends what the person started (a save dialog, a load before a dialog): on failure its
   * message goes to `show` (the screen's error above its content) and the screen is drawn again — or, when the profile
   * locked, the unlock screen shows — and the answer is not `ok`.
   */
  attempt<T>(work: () => Promise<T>, show: (message: string) => void): Promise<Attempt<T>>;
  /** The add (null) or edit dialog; focus returns to `opener` when it closes. */
  openEditor(expense: ExpenseView | null, opener?: Element | null): void;
  /** After a re-render: if the focused element disappeared (an empty state's button, say), focus the first of `selectors` present. */
  keepFocus(...selectors: string[]): void;
  /** The import dialog for the first of `paths` (saying so when there are more); focus returns to `opener` when it closes. */
  openImport(paths: readonly string[], opener?: Element | null): void;
  /** The native open dialog, then the import dialog for the file picked. */
  pickImport(opener: Element | null): Promise<void>;
  /** Removes what an import added and says so in a toast; false when it failed (the toast says why). */
  undoImport(batch: ImportBatchView): Promise<boolean>;
  /** Builds the screen object main.ts routes to, around the screen's own content. */
  screen(content: () => TemplateResult, mounted?: () => void, unmounted?: () => void): AppScreen;
}

export function createFrame(host: Host, session: SessionInfo, name: AppScreenName, hooks: FrameHooks = {}): Frame {
  let list: CategoryList | null = null;
  let byId = new Map<number, CategoryView>();
  let lockError: string | null = null;
  let locking = false;
  const keepFocus = (...selectors: string[]) => {
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    for (const selector of selectors) {
      const target = document.querySelector<HTMLElement>(selector);
      if (target) {
        // Without scrolling: the person may be reading further down the page.
        target.focus({ preventScroll: true });
        return;
      }
    }
  };
  const toast = createToaster(
    () => host.refresh(),
    () => keepFocus("#add-expense-btn", "#home-add-btn", "#app h1[tabindex]"),
  );
  // Its own toast, beside the confirmation one: Rust emits the alert while the change that caused it is still
  // answering, so "Added …" arrives right after it and must not replace it.
  const alertToast = createToaster(
    () => host.refresh(),
    () => keepFocus("#add-expense-btn", "#home-add-btn", "#app h1[tabindex]"),
    { id: "budget-toast", actionId: "budget-toast-view", icon: "bi-bell-fill", extraClass: "coffer-toast-alert", durationMs: ALERT_TOAST_MS },
  );
  // Its own toast too, so that a budget alert or a confirmation arriving meanwhile does not replace it.
  const warningToast = createToaster(
    () => host.refresh(),
    () => keepFocus("#add-expense-btn", "#home-add-btn", "#app h1[tabindex]"),
    {
      id: "warning-toast",
      actionId: "warning-toast-action",
      icon: "bi-exclamation-triangle-fill",
      extraClass: "coffer-toast-alert",
      durationMs: WARNING_TOAST_MS,
    },
  );

  /** The navbar's profile chip: Settings. */
  const profileMenu = createMenu(() => host.refresh());

  const setCategories = (next: CategoryList) => {
    list = next;
    byId = new Map(next.categories.map((c) => [c.id, c]));
  };

  const fail = (error: unknown): AppError | null => {
    if (isAppError(error, "locked")) {
      // The shell locked underneath us (auto-lock raced this call): go where the person can unlock again.
      host.showUnlock(session.profile.id, "This profile was locked.");
      return null;
    }
    return isAppError(error) ? error : normaliseError(error);
  };

  const attempt = async <T>(work: () => Promise<T>, show: (message: string) => void): Promise<Attempt<T>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const failure = fail(error);
      if (failure === null) return { ok: false };
      show(failure.message);
      host.refresh();
      return { ok: false };
    }
  };

  const loadCategories = async () => {
    const fresh = await fetchCategories();
    setCategories(fresh);
    return fresh;
  };

  const editor = createExpenseEditor({
    currency: session.currency,
    categories: () => list,
    loadCategories,
    refresh: () => host.refresh(),
    fail,
    saved: (expense, created) => {
      // The category just used becomes the next expense's default, as the backend will also say.
      if (list !== null) list = { ...list, lastUsed: expense.categoryId };
      toast.show(created ? `Added “${expense.description}”` : `Saved “${expense.description}”`);
      hooks.saved?.(expense, created);
    },
    fallbackFocus: () => document.querySelector<HTMLElement>("#app h1[tabindex]")?.focus(),
  });

  const openEditor = (expense: ExpenseView | null, opener: Element | null = document.activeElement) => {
    toast.hide();
    alertToast.hide();
    void editor.open(expense, opener);
  };

  // ----- import: the dialog, the drop overlay, Undo -------------------------------------------------------------------

  let dragging = false;
  let picking = false;
  let undoing = false;

  const undoBatch = async (batch: ImportBatchView): Promise<boolean> => {
    if (undoing) return false;
    undoing = true;
    try {
      const removed = await undoImport(batch.id);
      undoing = false;
      toast.show(undoneMessage(removed, batch.fileName));
    } catch (error) {
      undoing = false;
      const failure = fail(error);
      if (failure === null) return false;
      toast.show(failure.message);
      hooks.imported?.();
      return false;
    }
    hooks.imported?.();
    return true;
  };

  const importDialog = createImportDialog({
    currency: session.currency,
    categories: () => list,
    loadCategories,
    refresh: () => host.refresh(),
    fail,
    imported: (batch) => {
      toast.show(importedMessage(batch), { label: "Undo", id: "toast-undo-import", run: () => void undoBatch(batch) });
      // The import may have created categories.
      loadCategories().then(
        () => host.refresh(),
        (error: unknown) => fail(error),
      );
      hooks.imported?.();
    },
    cancelled: () => toast.show(IMPORT_CANCELLED_TOAST),
    pickAnother: () => pickImportFile(),
    fallbackFocus: () => keepFocus("#import-btn", "#app h1[tabindex]"),
  });

  /** A drop cannot open the import dialog while another dialog is open (its work would be lost) or an import runs. */
  const dropBlocked = () => editor.isOpen() || hooks.dialogOpen?.() === true || importDialog.isBusy();

  const openImport = (paths: readonly string[], opener: Element | null = document.activeElement) => {
    const [first] = paths;
    if (first === undefined) return;
    toast.hide();
    alertToast.hide();
    importDialog.open(first, opener, severalFilesNote(paths));
  };

  const pickImport = async (opener: Element | null) => {
    if (picking) return;
    picking = true;
    let picked: string | null;
    try {
      picked = await pickImportFile();
    } catch (error) {
      picking = false;
      const failure = fail(error);
      if (failure !== null) toast.show(failure.message);
      return;
    }
    picking = false;
    if (picked !== null) openImport([picked], opener);
  };

  const dropOverlay = () => {
    if (!dragging) return nothing;
    const blocked = dropBlocked();
    return html`<div id="drop-overlay" class="drop-overlay" data-state=${blocked ? "blocked" : "ready"} role="status">
      <div class="drop-overlay-box">
        <i class="bi ${blocked ? "bi-x-octagon" : "bi-file-earmark-arrow-down"} drop-overlay-icon" aria-hidden="true"></i>
        <p class="drop-overlay-text">${blocked ? DROP_BLOCKED_TEXT : DROP_TEXT}</p>
      </div>
    </div>`;
  };

  const shortcut = (action: AppShortcut): boolean => {
    if (editor.isOpen()) {
      // The dialog handles its own Esc; N and / must not act behind it.
      if (action === "escape") editor.close();
      return action === "escape";
    }
    if (importDialog.isOpen()) {
      if (action === "escape") importDialog.close();
      return action === "escape";
    }
    if (hooks.dialogOpen?.() === true) return false;
    switch (action) {
      case "add-expense":
        openEditor(null);
        return true;
      case "search":
        if (hooks.search) hooks.search();
        else host.navigate("expenses", { focusSearch: true });
        return true;
      case "escape":
        if (hooks.escape?.() === true) return true;
        if (toast.isOpen() || alertToast.isOpen()) {
          toast.hide();
          alertToast.hide();
          return true;
        }
        return false;
    }
  };

  const render = (content: TemplateResult): TemplateResult =>
    html`${navbar({
        profile: session.profile,
        themeToggle: host.themeToggle("btn-icon-nav"),
        lockLabel: host.lockShortcut(),
        locking,
        onLock: () => host.lock(),
        current: name,
        onNavigate: (to) => host.navigate(to),
        budgetAlerts: host.budgetAlertCount(),
        profileMenu,
      })}
      <div class="container-lg app-main">
        ${lockError === null
          ? nothing
          : html`<div id="lock-error" class="alert alert-danger" role="alert">Coffer could not lock this profile: ${lockError}</div>`}
        ${content}
      </div>
      ${editor.template()} ${importDialog.template()} ${toastStack(warningToast, alertToast, toast)} ${dropOverlay()}`;

  return {
    session,
    currency: session.currency,
    toast,
    categories: () => list,
    category: (id) => byId.get(id),
    loadCategories,
    setCategories,
    fail,
    attempt,
    openEditor,
    keepFocus,
    openImport,
    pickImport,
    undoImport: undoBatch,
    screen(content, mounted, unmounted) {
      return {
        name,
        template: () => render(content()),
        ...(mounted ? { mounted } : {}),
        unmounted() {
          // An open menu listens for pointers on the whole document: stop that.
          if (profileMenu.isOpen()) profileMenu.close(false);
          unmounted?.();
        },
        showLockError(message: string) {
          lockError = message;
          locking = false;
          host.refresh();
        },
        setLocking(value: boolean) {
          locking = value;
          host.refresh();
        },
        shortcut,
        budgetAlerts(alerts: BudgetAlerts) {
          const text = alertSummary(alerts, session.currency);
          if (text !== "") {
            alertToast.show(text, name === "budgets" ? undefined : { label: "View budgets", run: () => host.navigate("budgets") });
          }
          hooks.budgetAlerts?.(alerts);
          host.refresh();
        },
        fileDrag(active: boolean) {
          if (dragging === active) return;
          dragging = active;
          host.refresh();
        },
        notify(message: string) {
          toast.show(message, undefined, NOTICE_TOAST_MS);
        },
        warn(message: string) {
          warningToast.show(message);
        },
        filesDropped(paths: readonly string[]) {
          dragging = false;
          if (dropBlocked()) {
            host.refresh();
            toast.show(`${DROP_BLOCKED_TEXT}.`);
            return;
          }
          openImport(paths);
          host.refresh();
        },
      };
    },
  };
}
