// Why: a Bootstrap-styled modal rendered by lit (we load no Bootstrap JS): backdrop, aria-modal, Esc to close and a Tab trap that keeps focus inside.
import { html, nothing, type TemplateResult } from "lit-html";

export interface ModalProps {
  id: string;
  /** Id of the element that names the dialog (its title). */
  labelledBy: string;
  /** Called for Esc and the close button; the owner decides whether closing is allowed right now. */
  onClose: () => void;
  header: TemplateResult;
  body: TemplateResult;
  extraClass?: string;
  /** Classes of the dialog box itself, e.g. `modal-xl modal-dialog-scrollable` for a large dialog. */
  dialogClass?: string;
  /** False: no × in the header, for a dialog that must be finished with its own button (Esc still calls `onClose`). */
  closeButton?: boolean;
}

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type='hidden'])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

/** The elements Tab can reach inside `root`, in document order (hidden ones skipped). */
export function focusableIn(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
}

function onKeydown(e: KeyboardEvent, onClose: () => void): void {
  const dialog = e.currentTarget as HTMLElement;
  if (e.key === "Escape" && !e.isComposing) {
    // Handled here, so the window-level shortcut handler does not also act on it.
    e.preventDefault();
    e.stopPropagation();
    onClose();
    return;
  }
  if (e.key !== "Tab") return;
  const items = focusableIn(dialog);
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) {
    e.preventDefault();
    return;
  }
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Render only while open; the page behind stops scrolling through CSS (`body:has(.coffer-modal)`).
 * The dialog role and `id` sit on the visible box, not on the full-window overlay around it: the box is what the
 * dialog is, and unlike the fixed overlay it has an `offsetParent`, so "is it showing?" checks work on it.
 */
export function modal(p: ModalProps): TemplateResult {
  return html`<div class="modal-backdrop show coffer-backdrop"></div>
    <div class="modal show d-block coffer-modal ${p.extraClass ?? ""}" @keydown=${(e: KeyboardEvent) => onKeydown(e, p.onClose)}>
      <div id=${p.id} class="modal-dialog modal-dialog-centered ${p.dialogClass ?? ""}" tabindex="-1" role="dialog" aria-modal="true" aria-labelledby=${p.labelledBy}>
        <div class="modal-content">
          <div class="modal-header">
            ${p.header}
            ${p.closeButton === false ? nothing : html`<button type="button" class="btn-close" aria-label="Close" @click=${p.onClose}></button>`}
          </div>
          ${p.body}
        </div>
      </div>
    </div>`;
}
