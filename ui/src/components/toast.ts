// Why: bottom-right toasts ("Deleted …" with Undo, a budget alert) that hide themselves after a few seconds, but not while the pointer or focus is on them.
import { html, nothing, type TemplateResult } from "lit-html";

export interface ToastAction {
  label: string;
  run: () => void;
  /** The button's id when it is not the toaster's usual one (`#toast-undo-import` beside `#toast-undo`). */
  id?: string;
}

export interface Toaster {
  /** `durationMs`: this message's own time on screen, when it has more to read than usual. */
  show(message: string, action?: ToastAction, durationMs?: number): void;
  hide(): void;
  isOpen(): boolean;
  /** The toast itself, or nothing while hidden; `toastStack` places it in the live region. */
  item(): TemplateResult | typeof nothing;
}

/** How one toaster's toast looks; the defaults are the app's confirmation toast (`#toast`, `#toast-undo`). */
export interface ToastLook {
  id: string;
  actionId: string;
  /** Bootstrap Icons class. */
  icon: string;
  extraClass: string;
  /** How long it stays up. */
  durationMs: number;
}

/** How long a toast stays up, and how long after the pointer or focus leaves it. */
export const TOAST_MS = 6000;
const LINGER_MS = 2500;

const CONFIRMATION: ToastLook = { id: "toast", actionId: "toast-undo", icon: "bi-check-circle-fill", extraClass: "", durationMs: TOAST_MS };

/**
 * `refresh` re-renders the owner; the toaster calls it whenever it appears or goes.
 * `focusLost` runs when the toast went away while it held the focus (Undo, ×, Esc), so the owner can place it.
 */
export function createToaster(refresh: () => void, focusLost: () => void = () => undefined, look: Partial<ToastLook> = {}): Toaster {
  const { id, actionId, icon, extraClass, durationMs } = { ...CONFIRMATION, ...look };
  let message: string | null = null;
  let action: ToastAction | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let serial = 0;

  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const hide = () => {
    stop();
    if (message === null) return;
    const hadFocus = document.activeElement?.closest(`#${id}`) != null;
    message = null;
    action = null;
    refresh();
    if (hadFocus) focusLost();
  };
  const schedule = (ms: number) => {
    stop();
    timer = setTimeout(hide, ms);
  };

  return {
    show(text, act, ms) {
      message = text;
      action = act ?? null;
      serial++;
      schedule(ms ?? durationMs);
      refresh();
    },
    hide,
    isOpen: () => message !== null,
    item() {
      if (message === null) return nothing;
      return html`<div
        id=${id}
        class="toast show coffer-toast ${extraClass}"
        role="status"
        aria-atomic="true"
        data-serial=${serial}
        @mouseenter=${stop}
        @mouseleave=${() => schedule(LINGER_MS)}
        @focusin=${stop}
        @focusout=${() => schedule(LINGER_MS)}
      >
        <div class="toast-body">
          <i class="bi ${icon} toast-icon" aria-hidden="true"></i>
          <span class="toast-message">${message}</span>
          ${action === null
            ? nothing
            : html`<button
                id=${action.id ?? actionId}
                type="button"
                class="btn btn-sm toast-action"
                @click=${() => {
                  const run = action?.run;
                  hide();
                  run?.();
                }}
              >
                ${action.label}
              </button>`}
          <button type="button" class="btn-close toast-close" aria-label="Dismiss" @click=${hide}></button>
        </div>
      </div>`;
    },
  };
}

/** The live region the toasts appear in; it stays in the page so that a new message inside it is announced. */
export function toastStack(...toasters: readonly Toaster[]): TemplateResult {
  return html`<div class="toast-container position-fixed bottom-0 end-0 p-3 coffer-toasts" aria-live="polite">
    ${toasters.map((t) => t.item())}
  </div>`;
}
