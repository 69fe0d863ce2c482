// Why: the words and small rules around backups that need no DOM — a file's size and when it was taken, the name a restored profile is offered when the backup's is taken, and the requests that carry exactly one secret — kept pure for tests.
import type { BackupChoice } from "../api/bindings/BackupChoice";
import type { BackupSaved } from "../api/bindings/BackupSaved";
import type { BackupSecretInput } from "../api/bindings/BackupSecretInput";
import type { RestoreAsNewRequest } from "../api/bindings/RestoreAsNewRequest";
import type { RestoreUnlockedRequest } from "../api/bindings/RestoreUnlockedRequest";
import { formatDateTime, type FormatOptions } from "./format";
import { charCount, NAME_MAX_CHARS } from "./validation";

/** Which secret opens a backup: the profile's password then, or its recovery code then. */
export type SecretMode = "password" | "code";

/** Field message for `wrong_password` when a backup is opened. */
export const WRONG_BACKUP_PASSWORD = "This is not the backup's password.";

/** Field message for `wrong_recovery_code` when a backup is opened. */
export const WRONG_BACKUP_CODE = "This recovery code does not open this backup. Use the code the profile had when the backup was made.";

/** The quick checks' messages for an empty secret. */
export const EMPTY_BACKUP_PASSWORD = "Enter the backup's password.";
export const EMPTY_BACKUP_CODE = "Enter the backup's recovery code.";

const UNITS = ["KB", "MB", "GB", "TB"] as const;

/**
 * A file's size as a file manager says it, in decimal units: "512 bytes", "840 KB", "1.2 MB", "12.3 MB", "140 MB".
 * One decimal below 100 (none when it is .0), none from 100 on; empty for a size that is not a number of bytes.
 */
export function formatSize(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  const whole = Math.round(bytes);
  if (whole < 1000) return whole === 1 ? "1 byte" : `${new Intl.NumberFormat(locale).format(whole)} bytes`;
  let value = whole / 1000;
  let unit = 0;
  const digits = (v: number) => (v < 100 ? 1 : 0);
  const rounded = (v: number) => Math.round(v * 10 ** digits(v)) / 10 ** digits(v);
  // 999.96 KB is shown as 1 MB, not "1,000 KB".
  while (rounded(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits(value) }).format(rounded(value));
  return `${number} ${UNITS[unit] ?? "TB"}`;
}

/** The toast once a backup is written: "Backup saved: coffer-ada-2026-11-24.cofferbackup (1.2 MB)". */
export function backupSavedMessage(saved: BackupSaved, locale?: string): string {
  return `Backup saved: ${saved.fileName} (${formatSize(saved.bytes, locale)})`;
}

/** The line that stays in the Backups card: "Last saved this session: coffer-ada-2026-11-24.cofferbackup · 1.2 MB". */
export function lastSavedLine(saved: BackupSaved, locale?: string): string {
  return `Last saved this session: ${saved.fileName} · ${formatSize(saved.bytes, locale)}`;
}

/** When a backup was taken, as the restore dialog says it: "taken 24 November 2026 at 14:05". */
export function takenText(takenAt: number, options: FormatOptions = {}): string {
  return `taken ${formatDateTime(takenAt, options)}`;
}

/** The toast on Home after rolling back: "Restored Ada from the backup of 24 November 2026 at 14:05." */
export function restoredNotice(profileName: string, takenAt: number, options: FormatOptions = {}): string {
  return `Restored ${profileName} from the backup of ${formatDateTime(takenAt, options)}.`;
}

/** Said in Settings when the backup chosen is another profile's: it can only become a profile of its own, from the picker. */
export function otherProfileNote(choice: Pick<BackupChoice, "fileName" | "profileName">, you: string): string {
  return `“${choice.fileName}” is a backup of “${choice.profileName}”, not of ${you}. To restore it as its own profile, lock Coffer and choose Restore a backup on the profile list.`;
}

/** Said under the new password when the backup's own password is shorter than this computer's house rules allow. */
export function weakBackupPasswordNote(minLength: number): string {
  return `The backup's password is shorter than this computer's house rules allow. Choose a new password of at least ${minLength} characters for the restored profile.`;
}

/** `name` cut (by code points, as Rust counts) so that `suffix` still fits in a profile name. */
function withSuffix(name: string, suffix: string): string {
  const room = NAME_MAX_CHARS - charCount(suffix);
  return `${Array.from(name).slice(0, room).join("").trimEnd()}${suffix}`;
}

/**
 * The name a restored profile is offered: the backup's own, unless its profile is on this computer already
 * (`existsHere`) or another profile has that name (compared as Rust does: trimmed, ignoring case) — then
 * "Ada (restored)", "Ada (restored 2)"… the first one free, never longer than a profile name may be.
 */
export function restoreNameSuggestion(backupName: string, takenNames: readonly string[], existsHere: boolean): string {
  const key = (name: string) => name.trim().toLowerCase();
  const taken = new Set(takenNames.map(key));
  const base = backupName.trim() === "" ? "Restored profile" : backupName.trim();
  if (!existsHere && !taken.has(key(base))) return base;
  for (let n = 1; ; n++) {
    const candidate = withSuffix(base, n === 1 ? " (restored)" : ` (restored ${n})`);
    if (!taken.has(key(candidate))) return candidate;
  }
}

/** What opens the backup: exactly one of the two is sent, the other is null. */
export function backupSecret(mode: SecretMode, typed: string): BackupSecretInput {
  return mode === "password" ? { password: typed, recoveryCode: null } : { password: null, recoveryCode: typed };
}

/**
 * Restoring as a new profile. `newPassword` is sent only when one is wanted (with the recovery code it always is;
 * with the password only when the backup's is too short for the house rules): null keeps the backup's password.
 */
export function restoreAsNewRequest(d: { name: string; mode: SecretMode; secret: string; newPassword: string | null }): RestoreAsNewRequest {
  return { secret: backupSecret(d.mode, d.secret), name: d.name.trim(), newPassword: d.newPassword };
}

/** Rolling the unlocked profile back: the name exactly as typed (Rust compares it exactly). */
export function restoreUnlockedRequest(d: { mode: SecretMode; secret: string; confirmName: string }): RestoreUnlockedRequest {
  return { secret: backupSecret(d.mode, d.secret), confirmName: d.confirmName };
}
