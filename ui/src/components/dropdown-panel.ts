// Why: one open/closed dropdown panel drawn by lit (we load no Bootstrap JS) — a pointer or the focus outside closes it, Esc closes it and gives the focus back to its toggle — shared by the category filters and the menus.
import { createRef, type Ref } from "lit-html/directives/ref.js";

export interface DropdownPanelOptions {
  /** The toggle's id: it gets the focus back when the panel closes with `refocus`. A function when it is known only when drawn. */
  buttonId: string | (() => string);
  /** A selector, within the wrapper, for what gets the focus when the panel opens: its first field or item. */
  firstFocus: string;
  /** Re-renders the owner. */
  refresh: () => void;
  /** Runs as it opens, before it is drawn (to load what it lists). */
  onOpen?: () => void;
}

export interface DropdownPanel {
  /** The wrapper around the toggle and the panel: a pointer or the focus going outside it closes the panel. */
  readonly ref: Ref<HTMLDivElement>;
  isOpen(): boolean;
  /** Opens it (the focus goes to `firstFocus`) or closes it (the focus goes back to the toggle). */
  toggle(): void;
  /** Closes it; with `refocus`, the toggle gets the focus back. */
  close(refocus: boolean): void;
  /** Puts the focus on `firstFocus` (after a change that disabled what had it). */
  focusFirst(): void;
  /** The wrapper's `@focusout`: the focus moving outside closes the panel (the window losing it does not). */
  onFocusOut(e: FocusEvent): void;
  /** The wrapper's `@keydown`: Esc closes the open panel here, so the window's Esc does not also act; true when it did. */
  onKeydown(e: KeyboardEvent): boolean;
  /** Stops listening for pointers outside (the screen is leaving). */
  dispose(): void;
}

export function dropdownPanel(options: DropdownPanelOptions): DropdownPanel {
  const { buttonId, firstFocus, refresh, onOpen } = options;
  const wrapper = createRef<HTMLDivElement>();
  let open = false;

  const inside = (node: Node | null) => wrapper.value?.contains(node) ?? false;

  const onOutsidePointer = (e: PointerEvent) => {
    if (!inside(e.target as Node)) close(false);
  };

  const close = (refocus: boolean) => {
    document.removeEventListener("pointerdown", onOutsidePointer, true);
    if (!open) return;
    open = false;
    refresh();
    if (refocus) document.getElementById(typeof buttonId === "string" ? buttonId : buttonId())?.focus();
  };

  const focusFirst = () => {
    wrapper.value?.querySelector<HTMLElement>(firstFocus)?.focus();
  };

  const toggle = () => {
    if (open) {
      close(true);
      return;
    }
    open = true;
    onOpen?.();
    refresh();
    document.addEventListener("pointerdown", onOutsidePointer, true);
    focusFirst();
  };

  const onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (open && next !== null && !inside(next)) close(false);
  };

  const onKeydown = (e: KeyboardEvent): boolean => {
    if (e.key !== "Escape" || !open || e.isComposing) return false;
    e.preventDefault();
    e.stopPropagation();
    close(true);
    return true;
  };

  return {
    ref: wrapper,
    isOpen: () => open,
    toggle,
    close,
    focusFirst,
    onFocusOut,
    onKeydown,
    dispose: () => document.removeEventListener("pointerdown", onOutsidePointer, true),
  };
}
