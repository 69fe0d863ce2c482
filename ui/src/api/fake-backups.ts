// Why: the dev fake's encrypted backups — saving one (its "save dialog" picks /tmp/<name>), choosing one (a made-up file), restoring it as a new profile or rolling the unlocked profile back to it — following the shell's rules and order of checks (backup_ops.rs, the vault's backup.rs), on copies of the fake ledgers, so the Backups section and the restore screen can be built and tried in a browser.
import type { BackupChoice } from "./bindings/BackupChoice";
import type { BackupSaved } from "./bindings/BackupSaved";
import type { BackupSecretInput } from "./bindings/BackupSecretInput";
import type { RestoreAsNewRequest } from "./bindings/RestoreAsNewRequest";
import type { RestoreUnlockedRequest } from "./bindings/RestoreUnlockedRequest";
import { INVALID_RECOVERY_CODE, parseRecoveryCode, type FakeKeys } from "./fake-auth";
import { fail, type FakeLedger } from "./fake-ledger";
import { todayIso } from "../lib/periods";

/** What a backup is taken from: a profile's id and name, its secrets and its ledger (the fake's profiles have more). */
export interface BackupSource {
  summary: { id: string; name: string };
  keys: FakeKeys;
  ledger: FakeLedger;
}

/**
 * The dev knob `?backup=`: `other` (the file chosen is another profile's), `damaged` (it opens, then fails its check),
 * `invalid` (not a Coffer backup at all), `nocode` (only its password opens it).
 */
export type BackupKnob = "other" | "damaged" | "invalid" | "nocode" | null;

export function backupKnob(value: string | null): BackupKnob {
  return value === "other" || value === "damaged" || value === "invalid" || value === "nocode" ? value : null;
}

/** What the house rules say about a new profile (FakeHousehold). */
export interface NewProfileRules {
  checkCreationOpen(): void;
  /** The name as stored, after its checks, then the password's length. */
  checkNewProfile(name: string, password: string): string;
}

/** A made-up backup file: what its header claims, its key slots and its ledger as they were when it was taken. */
interface FakeBackup {
  path: string;
  fileName: string;
  profileId: string;
  profileName: string;
  takenAt: number;
  bytes: number;
  keys: FakeKeys;
  hasRecoveryCode: boolean;
  damaged: boolean;
  ledger: FakeLedger;
}

/** What a restore as a new profile gives the fake to make it with. */
export interface RestoredProfile {
  name: string;
  password: string;
  ledger: FakeLedger;
}

/** Where the fake's save dialog puts backups. */
export const FAKE_BACKUP_DIR = "/tmp";

/** How long before now a made-up backup (one not saved in this run) was taken: three days. */
export const MADE_UP_AGE_SECONDS = 3 * 86_400;

/** Port of backup_ops.rs `backup_file_name`: `coffer-<profile>-<YYYY-MM-DD>.cofferbackup`, the name in lowercase letters and digits. */
export function backupFileName(profileName: string, today: string): string {
  let slug = "";
  for (const c of profileName.toLowerCase()) {
    if (/^[\p{Alphabetic}\p{N}]$/u.test(c)) slug += c;
    else if (slug !== "" && !slug.endsWith("-")) slug += "-";
  }
  slug = slug.replace(/-+$/u, "");
  return `coffer-${slug === "" ? "profile" : slug}-${today}.cofferbackup`;
}

/** The secret as the shell reads it: exactly one, a code in the shape of one (Secret::from_input). */
function secretOf(input: BackupSecretInput): { password: string } | { code: string } {
  if (input.password !== null && input.recoveryCode === null) return { password: input.password };
  if (input.password === null && input.recoveryCode !== null) {
    return { code: parseRecoveryCode(input.recoveryCode) ?? fail("invalid_recovery_code", INVALID_RECOVERY_CODE) };
  }
  return fail("invalid_request", "Give either the backup's password or its recovery code.");
}

export class FakeBackups {
  /** Every backup saved in this run, oldest first (a save to the same name replaces the file). */
  private readonly files: FakeBackup[] = [];
  /** The file the last open dialog picked, for the restore that follows. */
  private chosen: FakeBackup | null = null;

  constructor(
    private readonly profiles: readonly BackupSource[],
    private readonly knob: BackupKnob,
    /** A profile that is not on this computer, for a backup chosen when there are no profiles at all. */
    private readonly outsider: () => BackupSource,
  ) {}

  /** save_backup once the dialog picked a place: the password proves it is the profile's (a wrong one counts, as in the vault). */
  save(profile: BackupSource, password: string, now: number, today: string): BackupSaved {
    profile.keys.unlock(password, now);
    const fileName = backupFileName(profile.summary.name, today);
    const backup = this.take(profile, `${FAKE_BACKUP_DIR}/${fileName}`, now);
    const same = this.files.findIndex((f) => f.path === backup.path);
    if (same >= 0) this.files.splice(same, 1);
    this.files.push(backup);
    return { fileName: backup.fileName, bytes: backup.bytes, takenAt: backup.takenAt };
  }

  /**
   * choose_backup once the dialog picked a file: the newest saved backup of the unlocked profile (of the first profile
   * when none is unlocked, of another one with `?backup=other`), or a made-up one of it; remembered for the restore.
   */
  choose(unlockedId: string | null, now: number): BackupChoice {
    if (this.knob === "invalid") fail("not_a_backup", "“notes.txt” cannot be restored: it is not a Coffer backup.");
    const source =
      (this.knob === "other" ? this.profiles.find((p) => p.summary.id !== unlockedId) : undefined) ??
      this.profiles.find((p) => p.summary.id === unlockedId) ??
      this.profiles[0] ??
      this.outsider();
    const saved = [...this.files].reverse().find((f) => f.profileId === source.summary.id);
    const takenAt = now - MADE_UP_AGE_SECONDS;
    const madeUp = () => this.take(source, `/home/you/Backups/${backupFileName(source.summary.name, todayIso(new Date(takenAt * 1000)))}`, takenAt);
    const backup = saved ?? madeUp();
    this.chosen = {
      ...backup,
      damaged: this.knob === "damaged",
      hasRecoveryCode: backup.hasRecoveryCode && this.knob !== "nocode",
    };
    return {
      fileName: backup.fileName,
      profileName: backup.profileName,
      takenAt: backup.takenAt,
      existsHere: this.profiles.some((p) => p.summary.id === backup.profileId),
      ofUnlockedProfile: unlockedId !== null && unlockedId === backup.profileId,
      hasRecoveryCode: this.chosen.hasRecoveryCode,
    };
  }

  /**
   * restore_backup_as_new's checks in the shell's order: a file chosen, exactly one secret (a code in its shape), the
   * house rules and the name, the new password's length (the backup's own when none is given with the password), then
   * the secret (not counted: the backup's profile need not be here) and the file's integrity. Answers what to make the
   * profile from; the file is then forgotten.
   */
  restoreAsNew(request: RestoreAsNewRequest, rules: NewProfileRules): RestoredProfile {
    const backup = this.chosenFile();
    const secret = secretOf(request.secret);
    rules.checkCreationOpen();
    const password = request.newPassword ?? ("password" in secret ? secret.password : "");
    const name = rules.checkNewProfile(request.name, password);
    this.open(backup, secret);
    this.chosen = null;
    return { name, password, ledger: backup.ledger.copy() };
  }

  /**
   * restore_unlocked's checks in the vault's order: a file chosen, exactly one secret, the name typed exactly, a backup
   * of this very profile, the secret (not counted: the profile is open), the file's integrity. Then the profile's ledger
   * becomes a copy of the backup's; its keys stay as they are.
   */
  restoreUnlocked(profile: BackupSource, request: RestoreUnlockedRequest): void {
    const backup = this.chosenFile();
    const secret = secretOf(request.secret);
    const { name } = profile.summary;
    if (request.confirmName !== name) fail("confirmation_mismatch", `To confirm, type the profile's name exactly as shown: “${name}”.`);
    if (backup.profileId !== profile.summary.id) {
      fail("backup_of_another_profile", "This backup was taken from another profile, so it cannot replace this one. Restore it as a new profile instead.");
    }
    this.open(backup, secret);
    profile.ledger = backup.ledger.copy();
    this.chosen = null;
  }

  private chosenFile(): FakeBackup {
    return this.chosen ?? fail("invalid_request", "Choose a backup file first.");
  }

  /** The backup's slot for `secret`, then its check (a damaged file fails only once it could be opened). */
  private open(backup: FakeBackup, secret: { password: string } | { code: string }): void {
    if ("password" in secret) {
      if (!backup.keys.hasPassword(secret.password)) fail("wrong_password", "The password is not correct.");
    } else if (!backup.hasRecoveryCode || !backup.keys.hasCode(secret.code)) {
      fail("wrong_recovery_code", "The recovery code is not correct.");
    }
    if (backup.damaged) fail("damaged_backup", `“${backup.fileName}” is damaged or was changed: its tag does not match. Nothing was restored.`);
  }

  private take(source: BackupSource, path: string, takenAt: number): FakeBackup {
    const ledger = source.ledger.copy();
    return {
      path,
      fileName: path.slice(path.lastIndexOf("/") + 1),
      profileId: source.summary.id,
      profileName: source.summary.name,
      takenAt,
      // About what the shell writes: a header, the key slots and an SQLite file that grows with the expenses.
      bytes: 98_304 + ledger.expenseCount() * 1_536,
      keys: source.keys.copy(),
      hasRecoveryCode: true,
      damaged: false,
      ledger,
    };
  }
}
