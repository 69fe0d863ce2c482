// Why: a small dropdown drawn by lit (we load no Bootstrap JS) for the Export and Recent imports menus: a toggle with aria-expanded, a panel of buttons, arrow keys between them, Esc, Tab and outside clicks close it.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { ref } from "lit-html/directives/ref.js";
import { dropdownPanel } from "./dropdown-panel";

export interface MenuProps {
  /** The panel's id (the toggle's `aria-controls`). */
  id: string;
  /** The toggle's id. */
  buttonId: string;
  buttonClass: string;
  /** What the toggle shows (an icon, words). */
  label: TemplateResult;
  /** The toggle's accessible name when its content says too little (an icon only). */
  ariaLabel?: string;
  title?: string;
  disabled?: boolean;
  /** The panel's accessible name. */
  panelLabel: string;
  /** The panel's content: `.dropdown-item` buttons, headers, text. */
  content: () => TemplateResult;
  /** Right-align the panel with the toggle. */
  alignEnd?: boolean;
  extraClass?: string;
}

/** The panel's enabled buttons: the first gets the focus when it opens, arrow keys move between them. */
const ITEMS = ".coffer-menu-panel button:not([disabled])";

export interface Menu {
  isOpen(): boolean;
  /** Closes it; with `refocus`, the toggle gets the focus back. */
  close(refocus: boolean): void;
  template(p: MenuProps): TemplateResult;
}

/** `onOpen` runs when it opens (to load what it lists); `refresh` re-renders the owner. */
export function createMenu(refresh: () => void, onOpen: () => void = () => undefined): Menu {
  let toggleId = "";
  const panel = dropdownPanel({ buttonId: () => toggleId, firstFocus: ITEMS, refresh, onOpen });

  /** The panel's buttons, which arrow keys move between. */
  const items = (): HTMLElement[] => Array.from(panel.ref.value?.querySelectorAll<HTMLElement>(ITEMS) ?? []);

  const onKeydown = (e: KeyboardEvent) => {
    if (!panel.isOpen()) {
      if (e.key === "ArrowDown" && (e.target as HTMLElement).id === toggleId) {
        e.preventDefault();
        panel.toggle();
      }
      return;
    }
    if (panel.onKeydown(e)) return;
    if (e.key === "Tab") {
      panel.close(false);
      return;
    }
    const list = items();
    if (list.length === 0) return;
    const at = list.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (e.key === "ArrowDown") next = list[(at + 1) % list.length];
    else if (e.key === "ArrowUp") next = list[(at - 1 + list.length) % list.length];
    else if (e.key === "Home") next = list[0];
    else if (e.key === "End") next = list[list.length - 1];
    if (next !== undefined) {
      e.preventDefault();
      next.focus();
    }
  };

  return {
    isOpen: panel.isOpen,
    close: panel.close,
    template(p) {
      const open = panel.isOpen();
      toggleId = p.buttonId;
      return html`<div class="coffer-menu ${p.extraClass ?? ""}" ${ref(panel.ref)} @keydown=${onKeydown} @focusout=${panel.onFocusOut}>
        <button
          id=${p.buttonId}
          type="button"
          class="${p.buttonClass} dropdown-toggle ${open ? "show" : ""}"
          aria-expanded=${open ? "true" : "false"}
          aria-controls=${p.id}
          aria-label=${ifDefined(p.ariaLabel)}
          title=${ifDefined(p.title)}
          ?disabled=${p.disabled ?? false}
          @click=${panel.toggle}
        >
          ${p.label}
        </button>
        ${open
          ? html`<div id=${p.id} class="dropdown-menu show coffer-menu-panel ${p.alignEnd ? "is-end" : ""}" role="group" aria-label=${p.panelLabel}>
              ${p.content()}
            </div>`
          : nothing}
      </div>`;
    },
  };
}
