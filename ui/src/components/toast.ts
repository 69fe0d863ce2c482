// Why: one bottom-right toast ("Deleted …" with Undo) that hides itself after a few seconds, but not while the pointer or focus is on it.
import { html, nothing, type TemplateResult } from "lit-html";

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toaster {
  show(message: string, action?: ToastAction): void;
  hide(): void;
  isOpen(): boolean;
  template(): TemplateResult;
}

/** How long a toast stays up, and how long after the pointer or focus leaves it. */
export const TOAST_MS = 6000;
const LINGER_MS = 2500;

/**
 * `refresh` re-renders the owner; the toaster calls it whenever it appears or goes.
 * `focusLost` runs when the toast went away while it held the focus (Undo, ×, Esc), so the owner can place it.
 */
export function createToaster(refresh: () => void, focusLost: () => void = () => undefined): Toaster {
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
    const hadFocus = document.activeElement?.closest("#toast") != null;
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
    show(text, act) {
      message = text;
      action = act ?? null;
      serial++;
      schedule(TOAST_MS);
      refresh();
    },
    hide,
    isOpen: () => message !== null,
    template() {
      // The live region stays in the page so that a new message inside it is announced.
      return html`<div class="toast-container position-fixed bottom-0 end-0 p-3 coffer-toasts" aria-live="polite">
        ${message === null
          ? nothing
          : html`<div
              id="toast"
              class="toast show coffer-toast"
              role="status"
              aria-atomic="true"
              data-serial=${serial}
              @mouseenter=${stop}
              @mouseleave=${() => schedule(LINGER_MS)}
              @focusin=${stop}
              @focusout=${() => schedule(LINGER_MS)}
            >
              <div class="toast-body">
                <i class="bi bi-check-circle-fill toast-icon" aria-hidden="true"></i>
                <span class="toast-message">${message}</span>
                ${action === null
                  ? nothing
                  : html`<button
                      id="toast-undo"
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
            </div>`}
      </div>`;
    },
  };
}
