// Why: keyboard shortcuts (Ctrl/Cmd+L to lock; N, / and Esc on the unlocked screens) decided in one pure place so key handlers and hint texts agree.

/** The parts of a KeyboardEvent the decision needs (so tests need no DOM). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Whether this platform's primary modifier is Command (macOS) rather than Control. */
export function isMacPlatform(userAgent: string): boolean {
  return /Mac|iPhone|iPad/u.test(userAgent);
}

/** Ctrl+L everywhere; Cmd+L as well on macOS. Alt or Shift held means a different shortcut. */
export function isLockShortcut(e: KeyPress, mac: boolean): boolean {
  if (e.altKey || e.shiftKey) return false;
  if (e.key.toLowerCase() !== "l") return false;
  return e.ctrlKey || (mac && e.metaKey);
}

/** The hint shown beside the Lock button. */
export function lockShortcutLabel(mac: boolean): string {
  return mac ? "⌘L" : "Ctrl+L";
}

// ----- single-key shortcuts of the unlocked screens ------------------------------------------------------------------

/** What a plain key asks for: N adds an expense, / searches, Esc closes the topmost overlay. */
export type AppShortcut = "add-expense" | "search" | "escape";

/** The parts of the focused element that tell whether the person is typing into it. */
export interface FocusTarget {
  tagName: string;
  /** `type` of an `<input>`. */
  type?: string;
  isContentEditable?: boolean;
}

/** Inputs where keys are not text: a shortcut pressed on them is still a shortcut. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "color", "range", "file", "image"]);

/** Whether keys pressed on `target` are typing (text fields, selects, editable content). */
export function isTypingTarget(target: FocusTarget | null): boolean {
  if (target === null) return false;
  if (target.isContentEditable === true) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  return false;
}

/**
 * The shortcut a key press stands for, or null. Never while typing, composing (IME) or holding Ctrl, Cmd or Alt.
 * Shift is allowed for "/" only, because some keyboard layouts need it to type a slash.
 */
export function appShortcut(e: KeyPress & { isComposing?: boolean }, typing: boolean): AppShortcut | null {
  if (typing || e.isComposing === true || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === "/") return "search";
  if (e.shiftKey) return null;
  if (e.key === "n" || e.key === "N") return "add-expense";
  if (e.key === "Escape") return "escape";
  return null;
}
