// Why: the lock shortcut (Ctrl+L, or Cmd+L on macOS) decided in one pure place so the key handler and the hint text agree.

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
