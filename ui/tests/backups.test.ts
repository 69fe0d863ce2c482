// Why: backups must follow the shell's rules in the dev fake (a wrong password counted when saving, exactly one secret, the name typed exactly, a backup only of itself rolled back, nothing restored from a damaged file), their words must say sizes and moments right, and the screens must show what a file claims only as text, send exactly one secret, put each refusal beside its field and keep Replace disabled until the name is typed exactly.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppSnapshot, BackupChoice, BackupSaved, CreatedProfile, ExpensePage, SessionInfo } from "../src/api";
import { createFakeBackend } from "../src/api/fake";
import { DEMO_RECOVERY_CODE } from "../src/api/fake-auth";
import { backupFileName } from "../src/api/fake-backups";
import {
  backupSavedMessage,
  backupSecret,
  formatSize,
  lastSavedLine,
  otherProfileNote,
  restoreAsNewRequest,
  restoredNotice,
  restoreNameSuggestion,
  restoreUnlockedRequest,
  takenText,
} from "../src/lib/backup";
import { formatDateTime } from "../src/lib/format";
import { createScreen, pickerScreen } from "../src/views/profiles";
import { restoreScreen } from "../src/views/restore";
import { settingsScreen } from "../src/views/settings";
import { toHtml } from "./lit-text";
import { codeOf, run, testHost, testProfile, useFakeBackendClock } from "./fixtures";
import { handler, hasId, refOf, tagOf, textOf } from "./template-helpers";

// The screens call the api module; these stand in for the shell (each test says what they answer).
const api = vi.hoisted(() => ({
  saveBackup: vi.fn<(request: unknown) => Promise<BackupSaved | null>>(),
  chooseBackup: vi.fn<() => Promise<BackupChoice | null>>(),
  restoreBackupAsNew: vi.fn<(request: unknown) => Promise<CreatedProfile>>(),
  restoreUnlocked: vi.fn<(request: unknown) => Promise<SessionInfo>>(),
}));
vi.mock("../src/api", async (original) => ({ ...(await original<typeof import("../src/api")>()), ...api }));

const T = 1_795_507_200; // 2026-11-24T08:00:00Z
const PASSWORD = "coffer-demo";
const EVIL = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
const UTC_GB = { locale: "en-GB", timeZone: "UTC" } as const;

// ----- the words -------------------------------------------------------------------------------------------------------

describe("backup wording", () => {
  it("says a size as a file manager does", () => {
    expect(formatSize(0, "en")).toBe("0 bytes");
    expect(formatSize(1, "en")).toBe("1 byte");
    expect(formatSize(999, "en")).toBe("999 bytes");
    expect(formatSize(1000, "en")).toBe("1 KB");
    expect(formatSize(840_400, "en")).toBe("840 KB");
    expect(formatSize(1_234_567, "en")).toBe("1.2 MB");
    expect(formatSize(12_345_678, "en")).toBe("12.3 MB");
    expect(formatSize(140_000_000, "en")).toBe("140 MB");
    // Rounding up to the next unit never says "1,000 KB".
    expect(formatSize(999_960, "en")).toBe("1 MB");
    expect(formatSize(2_500_000_000, "en")).toBe("2.5 GB");
    expect(formatSize(1_234_567, "de-DE")).toBe("1,2 MB");
    expect(formatSize(Number.NaN)).toBe("");
    expect(formatSize(-1)).toBe("");
  });

  it("says what was saved, in the toast and in the card", () => {
    const saved: BackupSaved = { fileName: "coffer-ada-2026-11-24.cofferbackup", bytes: 1_234_567, takenAt: T };
    expect(backupSavedMessage(saved, "en")).toBe("Backup saved: coffer-ada-2026-11-24.cofferbackup (1.2 MB)");
    expect(lastSavedLine(saved, "en")).toBe("Last saved this session: coffer-ada-2026-11-24.cofferbackup · 1.2 MB");
  });

  it("says when a backup was taken, with the time, in the app's locale handling", () => {
    expect(formatDateTime(T, UTC_GB)).toBe("24 November 2026 at 08:00");
    expect(formatDateTime(T, { locale: "en-US", timeZone: "UTC" })).toBe("November 24, 2026 at 8:00 AM");
    expect(formatDateTime(Number.NaN)).toBe("");
    expect(takenText(T, UTC_GB)).toBe("taken 24 November 2026 at 08:00");
    expect(restoredNotice("Ada", T, UTC_GB)).toBe("Restored Ada from the backup of 24 November 2026 at 08:00.");
  });

  it("sends another profile's backup to the picker", () => {
    expect(otherProfileNote({ fileName: "b.cofferbackup", profileName: "Bob" }, "Ada")).toBe(
      "“b.cofferbackup” is a backup of “Bob”, not of Ada. To restore it as its own profile, lock Coffer and choose Restore a backup on the profile list.",
    );
  });
});

describe("the name a restored profile is offered", () => {
  it("is the backup's own when it is free here", () => {
    expect(restoreNameSuggestion("Ada", ["Bob"], false)).toBe("Ada");
    expect(restoreNameSuggestion("  Ada ", [], false)).toBe("Ada");
  });

  it("is another one when the profile is here, or its name is taken (ignoring case, as Rust compares)", () => {
    expect(restoreNameSuggestion("Ada", ["Ada"], true)).toBe("Ada (restored)");
    expect(restoreNameSuggestion("Ada", [], true)).toBe("Ada (restored)");
    expect(restoreNameSuggestion("Ada", [" ada "], false)).toBe("Ada (restored)");
    expect(restoreNameSuggestion("Ada", ["Ada", "ADA (RESTORED)", "Ada (restored 2)"], true)).toBe("Ada (restored 3)");
  });

  it("stays within 40 characters, counted as Rust counts them", () => {
    const long = "Maria-Theresa Villanueva-Ortega de la Fé"; // 40
    const offered = restoreNameSuggestion(long, [long], true);
    expect(Array.from(offered)).toHaveLength(40);
    expect(offered).toBe("Maria-Theresa Villanueva-Orte (restored)");
    const emoji = "👩‍💻".repeat(10);
    expect(Array.from(restoreNameSuggestion(emoji, [emoji], true)).length).toBeLessThanOrEqual(40);
  });
});

describe("the restore requests", () => {
  it("carry exactly one secret", () => {
    expect(backupSecret("password", "pw")).toEqual({ password: "pw", recoveryCode: null });
    expect(backupSecret("code", "7K2Q")).toEqual({ password: null, recoveryCode: "7K2Q" });
    expect(restoreAsNewRequest({ name: "  Ada (restored) ", mode: "password", secret: "pw", newPassword: null })).toEqual({
      secret: { password: "pw", recoveryCode: null },
      name: "Ada (restored)",
      newPassword: null,
    });
    expect(restoreAsNewRequest({ name: "Ada", mode: "code", secret: DEMO_RECOVERY_CODE, newPassword: "a-new-password" })).toEqual({
      secret: { password: null, recoveryCode: DEMO_RECOVERY_CODE },
      name: "Ada",
      newPassword: "a-new-password",
    });
    // The typed name is sent exactly: Rust compares it exactly.
    expect(restoreUnlockedRequest({ mode: "password", secret: "pw", confirmName: " Ada" })).toEqual({
      secret: { password: "pw", recoveryCode: null },
      confirmName: " Ada",
    });
  });
});

// ----- the fake's rules --------------------------------------------------------------------------------------------------

describe("the fake's backups (backup_ops.rs)", () => {
  useFakeBackendClock(T);

  const expenses = async (backend: ReturnType<typeof createFakeBackend>) =>
    (await run<ExpensePage>(backend, "expense_page", { request: { filter: { from: null, to: null, categories: [], minAmount: null, maxAmount: null, text: null }, sort: "date", descending: true, after: null, limit: 500 } })).expenses.map((e) => e.description);

  it("names files as the shell does", () => {
    expect(backupFileName("Ada", "2026-11-24")).toBe("coffer-ada-2026-11-24.cofferbackup");
    expect(backupFileName("  Zoë & Max / home ", "2026-11-24")).toBe("coffer-zoë-max-home-2026-11-24.cofferbackup");
    expect(backupFileName("../..", "2026-11-24")).toBe("coffer-profile-2026-11-24.cofferbackup");
  });

  it("saves only with the password (a wrong one counted), and not at all when the dialog is cancelled", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings&profiles=3"));
    const saved = await run<BackupSaved>(backend, "save_backup", { request: { password: PASSWORD } });
    expect(saved.fileName).toMatch(/^coffer-alice-martin-\d{4}-\d\d-\d\d\.cofferbackup$/u);
    expect(saved.bytes).toBeGreaterThan(0);
    expect(saved.takenAt).toBe(T);
    for (let i = 0; i < 5; i++) expect(await codeOf(run(backend, "save_backup", { request: { password: "nope" } }))).toBe("wrong_password");
    const snapshot = await run<AppSnapshot>(backend, "app_snapshot");
    expect(snapshot.profiles[0]?.lockedUntil).toBeGreaterThan(T);
    expect(await codeOf(run(backend, "save_backup", { request: { password: PASSWORD } }))).toBe("locked_out");
    await run(backend, "lock");
    expect(await codeOf(run(backend, "save_backup", { request: { password: PASSWORD } }))).toBe("locked");

    const cancelling = createFakeBackend(new URLSearchParams("screen=settings&pick=cancel"));
    expect(await run(cancelling, "save_backup", { request: { password: "not even checked" } })).toBeNull();
    expect(await run(cancelling, "choose_backup")).toBeNull();
  });

  it("rolls the unlocked profile back to its backup, with the name typed exactly", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings&profiles=3&expenses=0"));
    const before = { date: "2026-11-20", amount: "12.50", categoryId: 1, description: "Before the backup", notes: "", paymentMethod: "" };
    await run(backend, "add_expense", { input: before });
    await run(backend, "save_backup", { request: { password: PASSWORD } });
    await run(backend, "add_expense", { input: { ...before, description: "After the backup" } });
    expect((await expenses(backend)).sort()).toEqual(["After the backup", "Before the backup"]);

    const request = (more: object = {}) => ({ request: { secret: { password: PASSWORD, recoveryCode: null }, confirmName: "Alice Martin", ...more } });
    expect(await codeOf(run(backend, "restore_unlocked", request()))).toBe("invalid_request"); // nothing chosen yet
    const choice = await run<BackupChoice>(backend, "choose_backup");
    expect(choice).toMatchObject({ profileName: "Alice Martin", takenAt: T, existsHere: true, ofUnlockedProfile: true, hasRecoveryCode: true });
    for (const confirmName of ["alice martin", "Alice Martin ", "Alice"]) {
      expect(await codeOf(run(backend, "restore_unlocked", request({ confirmName }))), confirmName).toBe("confirmation_mismatch");
    }
    expect(await codeOf(run(backend, "restore_unlocked", request({ secret: { password: PASSWORD, recoveryCode: DEMO_RECOVERY_CODE } })))).toBe("invalid_request");
    expect(await codeOf(run(backend, "restore_unlocked", request({ secret: { password: null, recoveryCode: "not a code" } })))).toBe("invalid_recovery_code");
    expect(await codeOf(run(backend, "restore_unlocked", request({ secret: { password: null, recoveryCode: "7K2Q-M9XD-0000-1111-ABCD-EFGX" } })))).toBe(
      "wrong_recovery_code",
    );
    // Not counted: the profile is open, and a wrong secret here proves nothing about it.
    for (let i = 0; i < 6; i++) expect(await codeOf(run(backend, "restore_unlocked", request({ secret: { password: "nope", recoveryCode: null } })))).toBe("wrong_password");
    expect((await run<AppSnapshot>(backend, "app_snapshot")).profiles[0]?.lockedUntil).toBeNull();

    const session = await run<SessionInfo>(backend, "restore_unlocked", request({ secret: { password: null, recoveryCode: DEMO_RECOVERY_CODE.toLowerCase() } }));
    expect(session.profile.name).toBe("Alice Martin");
    expect(await expenses(backend)).toEqual(["Before the backup"]);
    // The file is forgotten once used; the password still opens the profile.
    expect(await codeOf(run(backend, "restore_unlocked", request()))).toBe("invalid_request");
    await run(backend, "lock");
    expect(await codeOf(run(backend, "unlock", { request: { profileId: session.profile.id, password: PASSWORD } }))).toBeNull();
  });

  it("refuses to roll a profile back to another profile's backup", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings&profiles=3&backup=other"));
    const choice = await run<BackupChoice>(backend, "choose_backup");
    expect(choice).toMatchObject({ profileName: "Bob", existsHere: true, ofUnlockedProfile: false });
    expect(await codeOf(run(backend, "restore_unlocked", { request: { secret: { password: PASSWORD, recoveryCode: null }, confirmName: "Alice Martin" } }))).toBe(
      "backup_of_another_profile",
    );
  });

  it("restores a backup as a new profile under the house rules, with a new recovery code", async () => {
    const backend = createFakeBackend(new URLSearchParams("profiles=3"));
    const choice = await run<BackupChoice>(backend, "choose_backup");
    // Locked: a backup of the first profile.
    expect(choice).toMatchObject({ profileName: "Alice Martin", existsHere: true, ofUnlockedProfile: false });
    const request = (more: object = {}) => ({
      request: { secret: { password: PASSWORD, recoveryCode: null }, name: "Alice Martin (restored)", newPassword: null, ...more },
    });
    expect(await codeOf(run(backend, "restore_backup_as_new", request({ name: "alice martin" })))).toBe("duplicate_name");
    expect(await codeOf(run(backend, "restore_backup_as_new", request({ name: "   " })))).toBe("invalid_name");
    expect(await codeOf(run(backend, "restore_backup_as_new", request({ secret: { password: null, recoveryCode: null } })))).toBe("invalid_request");
    // The backup's password is checked against the rules here before the backup is opened.
    expect(await codeOf(run(backend, "restore_backup_as_new", request({ secret: { password: "nope", recoveryCode: null } })))).toBe("weak_password");
    expect(await codeOf(run(backend, "restore_backup_as_new", request({ secret: { password: "wrong-password", recoveryCode: null } })))).toBe("wrong_password");
    // With the recovery code, a new password is required and must follow the rules.
    const code = { secret: { password: null, recoveryCode: DEMO_RECOVERY_CODE } };
    expect(await codeOf(run(backend, "restore_backup_as_new", request(code)))).toBe("weak_password");
    expect(await codeOf(run(backend, "restore_backup_as_new", request({ ...code, newPassword: "short" })))).toBe("weak_password");
    const created = await run<CreatedProfile>(backend, "restore_backup_as_new", request({ ...code, newPassword: "a-new-password" }));
    expect(created.session.profile).toMatchObject({ name: "Alice Martin (restored)", role: "member" });
    expect(created.recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/u);
    expect(created.recoveryCode).not.toBe(DEMO_RECOVERY_CODE);
    // Its ledger is a copy of the backup's, and it is unlocked.
    expect((await expenses(backend)).length).toBeGreaterThan(0);
    const snapshot = await run<AppSnapshot>(backend, "app_snapshot");
    expect(snapshot.session?.profile.name).toBe("Alice Martin (restored)");
    await run(backend, "lock");
    expect(await codeOf(run(backend, "unlock", { request: { profileId: created.session.profile.id, password: "a-new-password" } }))).toBeNull();
  });

  it("refuses a restore at the picker once only an admin may create profiles", async () => {
    const backend = createFakeBackend(new URLSearchParams("profiles=3&creation=closed"));
    await run(backend, "choose_backup");
    const request = { secret: { password: PASSWORD, recoveryCode: null }, name: "Someone new", newPassword: null };
    expect(await codeOf(run(backend, "restore_backup_as_new", { request }))).toBe("creation_closed");
    // With no profiles at all, the first one is always allowed, and is an admin.
    const empty = createFakeBackend(new URLSearchParams("profiles=0&creation=closed"));
    const choice = await run<BackupChoice>(empty, "choose_backup");
    expect(choice.existsHere).toBe(false);
    const first = await run<CreatedProfile>(empty, "restore_backup_as_new", { request: { ...request, name: choice.profileName } });
    expect(first.session.profile.role).toBe("admin");
  });

  it("says when the file is not a backup, is damaged, or holds no recovery code", async () => {
    expect(await codeOf(run(createFakeBackend(new URLSearchParams("backup=invalid")), "choose_backup"))).toBe("not_a_backup");
    const damaged = createFakeBackend(new URLSearchParams("profiles=3&backup=damaged"));
    await run(damaged, "choose_backup");
    const request = (password: string) => ({ request: { secret: { password, recoveryCode: null }, name: "Copy", newPassword: null } });
    // Only once its secret opens it does the check fail.
    expect(await codeOf(run(damaged, "restore_backup_as_new", request("wrong-password")))).toBe("wrong_password");
    expect(await codeOf(run(damaged, "restore_backup_as_new", request(PASSWORD)))).toBe("damaged_backup");
    const noCode = createFakeBackend(new URLSearchParams("profiles=3&backup=nocode"));
    expect((await run<BackupChoice>(noCode, "choose_backup")).hasRecoveryCode).toBe(false);
    expect(
      await codeOf(
        run(noCode, "restore_backup_as_new", { request: { secret: { password: null, recoveryCode: DEMO_RECOVERY_CODE }, name: "Copy", newPassword: "a-new-password" } }),
      ),
    ).toBe("wrong_recovery_code");
  });
});

// ----- the screens ---------------------------------------------------------------------------------------------------------

const focusable = { focus: () => undefined };
const event = (more: Record<string, unknown> = {}) => ({ preventDefault: () => undefined, ...more }) as unknown as Event;

function choiceOf(more: Partial<BackupChoice> = {}): BackupChoice {
  return { fileName: "coffer-mira-2026-11-24.cofferbackup", profileName: "Mira", takenAt: T, existsHere: false, ofUnlockedProfile: false, hasRecoveryCode: true, ...more };
}

describe("the backup screens", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T * 1000);
    // No DOM here: what the screens ask of it answers nothing.
    vi.stubGlobal("navigator", { languages: ["en-IE"], language: "en-IE" });
    vi.stubGlobal("document", { getElementById: () => null, querySelector: () => null, addEventListener: () => undefined, removeEventListener: () => undefined, activeElement: null });
    for (const f of Object.values(api)) f.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const give = (root: unknown, id: string, value: string) => {
    const field = { value, focus: focusable.focus };
    refOf<unknown>(root, id).value = field;
    return field;
  };

  describe("the picker and the first run", () => {
    it("offers Restore a backup beside New profile, and neither when creation is closed", () => {
      const open = toHtml(pickerScreen(testHost([testProfile()])).template());
      expect(hasId(open, "new-profile-btn")).toBe(true);
      expect(textOf(open, "restore-backup-btn").trim()).toBe("Restore a backup");
      const closed = toHtml(pickerScreen(testHost([testProfile()], { membersMayCreateProfiles: false })).template());
      expect(hasId(closed, "creation-closed")).toBe(true);
      expect(hasId(closed, "restore-backup-btn")).toBe(false);
    });

    it("goes to the restore screen with the file chosen, and says why a file cannot be used", async () => {
      const showRestore = vi.fn();
      const screen = pickerScreen({ ...testHost([testProfile()]), showRestore });
      const choice = choiceOf();
      api.chooseBackup.mockResolvedValueOnce(null);
      handler(screen.template(), "restore-backup-btn", "click")(event());
      await vi.waitFor(() => expect(api.chooseBackup).toHaveBeenCalledTimes(1));
      expect(showRestore).not.toHaveBeenCalled();
      api.chooseBackup.mockRejectedValueOnce({ code: "not_a_backup", message: `“${EVIL}.txt” cannot be restored: it is not a Coffer backup.` });
      handler(screen.template(), "restore-backup-btn", "click")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "restore-choose-error")).toBe(true));
      const out = toHtml(screen.template());
      expect(out).not.toContain("<img");
      expect(textOf(out, "restore-choose-error")).toContain(`“${ESCAPED}.txt” cannot be restored`);
      api.chooseBackup.mockResolvedValueOnce(choice);
      handler(screen.template(), "restore-backup-btn", "click")(event());
      await vi.waitFor(() => expect(showRestore).toHaveBeenCalledWith(choice));
    });

    it("offers Restore from a backup instead on the first run only", async () => {
      const showRestore = vi.fn();
      const first = createScreen({ ...testHost([]), showRestore });
      expect(hasId(toHtml(first.template()), "restore-backup-link")).toBe(true);
      api.chooseBackup.mockResolvedValueOnce(choiceOf());
      handler(first.template(), "restore-backup-link", "click")(event());
      await vi.waitFor(() => expect(showRestore).toHaveBeenCalledTimes(1));
      expect(hasId(toHtml(createScreen(testHost([testProfile()])).template()), "restore-backup-link")).toBe(false);
    });
  });

  describe("the restore screen", () => {
    it("shows what the file claims only as text, and offers another name when the backup's is taken", () => {
      const screen = restoreScreen(testHost([testProfile({ name: EVIL })]), choiceOf({ profileName: EVIL, fileName: `${EVIL}.cofferbackup`, existsHere: true }));
      expect(screen.name).toBe("restore");
      const out = toHtml(screen.template());
      expect(out).not.toContain("<img");
      expect(textOf(out, "restore-backup-name")).toBe(ESCAPED);
      expect(textOf(out, "restore-backup-file")).toBe(`${ESCAPED}.cofferbackup`);
      expect(textOf(out, "restore-backup-taken")).toBe(formatDateTime(T));
      expect(tagOf(out, "restore-name")).toContain(`.value=${ESCAPED} (restored)`);
      for (const id of ["restore-form", "restore-backup-password", "restore-with-code", "restore-submit", "restore-back"]) expect(hasId(out, id), id).toBe(true);
      for (const id of ["restore-backup-code", "restore-new-password", "restore-new-confirm", "restore-screen-error"]) expect(hasId(out, id), id).toBe(false);
    });

    it("keeps the backup's name when it is free, and has no recovery code link when the backup holds none", () => {
      const out = toHtml(restoreScreen(testHost([testProfile({ name: "Bob" })]), choiceOf({ hasRecoveryCode: false })).template());
      expect(tagOf(out, "restore-name")).toContain(".value=Mira");
      expect(tagOf(out, "restore-name")).not.toContain("restored");
      expect(hasId(out, "restore-with-code")).toBe(false);
    });

    it("sends the password alone, maps each refusal to its field, and wipes the password", async () => {
      const showRecoveryCode = vi.fn();
      const screen = restoreScreen({ ...testHost([testProfile()]), showRecoveryCode }, choiceOf({ existsHere: true }));
      handler(screen.template(), "restore-form", "submit")(event());
      expect(textOf(toHtml(screen.template()), "restore-backup-password-error")).toBe("Enter the backup's password.");
      expect(api.restoreBackupAsNew).not.toHaveBeenCalled();

      let password = give(screen.template(), "restore-backup-password", PASSWORD);
      api.restoreBackupAsNew.mockRejectedValueOnce({ code: "wrong_password", message: "The password is not correct." });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "restore-backup-password-error")).toBe("This is not the backup's password."));
      expect(api.restoreBackupAsNew).toHaveBeenLastCalledWith({ secret: { password: PASSWORD, recoveryCode: null }, name: "Mira (restored)", newPassword: null });
      expect(password.value).toBe("");

      password = give(screen.template(), "restore-backup-password", PASSWORD);
      api.restoreBackupAsNew.mockRejectedValueOnce({ code: "duplicate_name", message: "A profile with this name already exists. Choose another name." });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "restore-name-error")).toContain("already exists"));
      expect(tagOf(toHtml(screen.template()), "restore-name")).toContain("is-invalid");

      handler(screen.template(), "restore-name", "input")(event({ currentTarget: { value: "Mira again" } }));
      expect(textOf(toHtml(screen.template()), "restore-name-error")).toBe("");
      api.restoreBackupAsNew.mockRejectedValueOnce({ code: "damaged_backup", message: `“${EVIL}” is damaged or was changed: its tag does not match. Nothing was restored.` });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "restore-screen-error")).toBe(true));
      expect(textOf(toHtml(screen.template()), "restore-screen-error")).toContain(`“${ESCAPED}” is damaged`);
      expect(password.value).toBe("");

      give(screen.template(), "restore-backup-password", PASSWORD);
      const created: CreatedProfile = { session: { profile: testProfile({ name: "Mira again" }), currency: { code: "EUR", minorUnits: 2 }, lostLastChange: false }, recoveryCode: DEMO_RECOVERY_CODE };
      api.restoreBackupAsNew.mockResolvedValueOnce(created);
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(showRecoveryCode).toHaveBeenCalledWith(created));
      expect(api.restoreBackupAsNew).toHaveBeenLastCalledWith({ secret: { password: PASSWORD, recoveryCode: null }, name: "Mira again", newPassword: null });
    });

    it("with the recovery code, asks for a new password and sends the code alone", async () => {
      const screen = restoreScreen(testHost([]), choiceOf());
      handler(screen.template(), "restore-with-code", "click")(event());
      let out = toHtml(screen.template());
      for (const id of ["restore-backup-code", "restore-with-password", "restore-new-password", "restore-new-confirm"]) expect(hasId(out, id), id).toBe(true);
      expect(hasId(out, "restore-backup-password")).toBe(false);
      expect(tagOf(out, "restore-backup-code")).toContain('autocomplete="off"');

      handler(screen.template(), "restore-form", "submit")(event());
      out = toHtml(screen.template());
      expect(textOf(out, "restore-backup-code-error")).toBe("Enter the backup's recovery code.");
      expect(textOf(out, "restore-new-password-error")).toBe("Choose a password.");

      give(screen.template(), "restore-backup-code", DEMO_RECOVERY_CODE);
      give(screen.template(), "restore-new-password", "a-new-password");
      give(screen.template(), "restore-new-confirm", "a-new-password");
      api.restoreBackupAsNew.mockRejectedValueOnce({ code: "wrong_recovery_code", message: "The recovery code is not correct." });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "restore-backup-code-error")).toContain("does not open this backup"));
      expect(api.restoreBackupAsNew).toHaveBeenLastCalledWith({ secret: { password: null, recoveryCode: DEMO_RECOVERY_CODE }, name: "Mira", newPassword: "a-new-password" });

      api.restoreBackupAsNew.mockRejectedValueOnce({ code: "weak_password", message: "The password needs at least 12 characters." });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "restore-new-password-error")).toBe("The password needs at least 12 characters."));
    });

    it("asks for a new password when the backup's own is too short for the rules here", async () => {
      const screen = restoreScreen(testHost([]), choiceOf());
      give(screen.template(), "restore-backup-password", "old-pw");
      api.restoreBackupAsNew.mockRejectedValueOnce({ code: "weak_password", message: "The password needs at least 10 characters." });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "restore-new-password")).toBe(true));
      expect(textOf(toHtml(screen.template()), "restore-new-password-error")).toContain("shorter than this computer's house rules allow");
      give(screen.template(), "restore-backup-password", "old-pw");
      give(screen.template(), "restore-new-password", "a-new-password");
      give(screen.template(), "restore-new-confirm", "a-new-password");
      api.restoreBackupAsNew.mockResolvedValueOnce({ session: { profile: testProfile(), currency: { code: "EUR", minorUnits: 2 }, lostLastChange: false }, recoveryCode: DEMO_RECOVERY_CODE });
      handler(screen.template(), "restore-form", "submit")(event());
      await vi.waitFor(() => expect(api.restoreBackupAsNew).toHaveBeenCalledTimes(2));
      expect(api.restoreBackupAsNew).toHaveBeenLastCalledWith({ secret: { password: "old-pw", recoveryCode: null }, name: "Mira", newPassword: "a-new-password" });
    });

    it("keeps nothing typed once left", () => {
      const screen = restoreScreen(testHost([]), choiceOf());
      const password = give(screen.template(), "restore-backup-password", PASSWORD);
      screen.unmounted?.();
      expect(password.value).toBe("");
    });
  });

  describe("Settings' Backups section", () => {
    const ME = testProfile({ id: "p-me", name: `Ada ${EVIL}` });
    const session: SessionInfo = { profile: ME, currency: { code: "EUR", minorUnits: 2 }, lostLastChange: false };

    it("saves a backup with the password, wipes it, and says what was written", async () => {
      const screen = settingsScreen(testHost([ME]), session);
      let out = toHtml(screen.template());
      for (const id of ["settings-backup", "backup-form", "backup-password", "backup-password-hint", "backup-submit", "restore-choose"]) expect(hasId(out, id), id).toBe(true);
      expect(textOf(out, "backup-password-hint")).toBe("To make sure it is you.");
      expect(hasId(out, "backup-last")).toBe(false);

      let password = give(screen.template(), "backup-password", "nope");
      api.saveBackup.mockRejectedValueOnce({ code: "wrong_password", message: "The password is not correct." });
      handler(screen.template(), "backup-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "backup-password-error")).toBe("This is not your password."));
      expect(password.value).toBe("");

      // A cancelled dialog: nothing to say.
      password = give(screen.template(), "backup-password", PASSWORD);
      api.saveBackup.mockResolvedValueOnce(null);
      handler(screen.template(), "backup-form", "submit")(event());
      await vi.waitFor(() => expect(api.saveBackup).toHaveBeenCalledTimes(2));
      await vi.waitFor(() => expect(password.value).toBe(""));
      out = toHtml(screen.template());
      expect(hasId(out, "backup-last")).toBe(false);
      expect(hasId(out, "backup-error")).toBe(false);

      password = give(screen.template(), "backup-password", PASSWORD);
      api.saveBackup.mockResolvedValueOnce({ fileName: `${EVIL}.cofferbackup`, bytes: 1_234_567, takenAt: T });
      handler(screen.template(), "backup-form", "submit")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "backup-last")).toBe(true));
      expect(api.saveBackup).toHaveBeenLastCalledWith({ password: PASSWORD });
      expect(password.value).toBe("");
      out = toHtml(screen.template());
      expect(out).not.toContain("<img");
      expect(textOf(out, "backup-last")).toBe(`Last saved this session: ${ESCAPED}.cofferbackup · 1.2 MB`);
      expect(textOf(out, "toast")).toContain(`Backup saved: ${ESCAPED}.cofferbackup (1.2 MB)`);
      screen.unmounted?.();
    });

    it("sends another profile's backup to the picker, without a dialog", async () => {
      const screen = settingsScreen(testHost([ME]), session);
      api.chooseBackup.mockResolvedValueOnce(choiceOf({ profileName: `Bob ${EVIL}`, fileName: "bob.cofferbackup", existsHere: true }));
      handler(screen.template(), "restore-choose", "click")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "restore-other")).toBe(true));
      const out = toHtml(screen.template());
      expect(out).not.toContain("<img");
      expect(hasId(out, "restore-modal")).toBe(false);
      expect(textOf(out, "restore-other")).toContain(`“bob.cofferbackup” is a backup of “Bob ${ESCAPED}”, not of Ada ${ESCAPED}.`);
      screen.unmounted?.();
    });

    it("rolls back only once the name is typed exactly, then goes on as after an unlock", async () => {
      const unlocked = vi.fn();
      const screen = settingsScreen({ ...testHost([ME]), unlocked }, session);
      const choice = choiceOf({ profileName: ME.name, fileName: `${EVIL}.cofferbackup`, existsHere: true, ofUnlockedProfile: true });
      api.chooseBackup.mockResolvedValueOnce(choice);
      handler(screen.template(), "restore-choose", "click")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "restore-modal")).toBe(true));
      let out = toHtml(screen.template());
      expect(out).not.toContain("<img");
      expect(textOf(out, "restore-modal-title")).toBe(`Restore Ada ${ESCAPED} from a backup`);
      expect(textOf(out, "restore-file-name")).toBe(`${ESCAPED}.cofferbackup`);
      expect(textOf(out, "restore-taken")).toBe(takenText(T));
      expect(textOf(out, "restore-warning").replace(/\s+/gu, " ")).toContain("will be replaced by the backup and cannot be brought back");
      expect(textOf(out, "restore-warning")).toContain("Your current password and recovery code keep working.");
      expect(out).toContain(`Type <span class="remove-typed-name">Ada ${ESCAPED}</span> to confirm`);
      expect(tagOf(out, "restore-submit")).toMatch(/\sdisabled/u);
      for (const id of ["restore-password", "restore-use-code", "restore-confirm-name"]) expect(hasId(out, id), id).toBe(true);

      const typeName = (value: string) => handler(screen.template(), "restore-confirm-name", "input")(event({ currentTarget: { value } }));
      for (const typed of [`ada ${EVIL}`, `Ada ${EVIL} `, "Ada", ""]) {
        typeName(typed);
        expect(tagOf(toHtml(screen.template()), "restore-submit"), typed).toMatch(/\sdisabled/u);
      }
      typeName(`Ada ${EVIL}`);
      expect(tagOf(toHtml(screen.template()), "restore-submit")).not.toMatch(/\sdisabled/u);

      // The recovery code instead, and back.
      handler(screen.template(), "restore-use-code", "click")(event());
      expect(hasId(toHtml(screen.template()), "restore-code")).toBe(true);
      handler(screen.template(), "restore-use-password", "click")(event());
      expect(hasId(toHtml(screen.template()), "restore-password")).toBe(true);

      let password = give(screen.template(), "restore-password", "nope");
      api.restoreUnlocked.mockRejectedValueOnce({ code: "wrong_password", message: "The password is not correct." });
      handler(screen.template(), "restore-unlocked-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "restore-password-error")).toBe("This is not the backup's password."));
      expect(password.value).toBe("");

      password = give(screen.template(), "restore-password", PASSWORD);
      api.restoreUnlocked.mockRejectedValueOnce({ code: "damaged_backup", message: "“x.cofferbackup” is damaged or was changed: its tag does not match. Nothing was restored." });
      handler(screen.template(), "restore-unlocked-form", "submit")(event());
      await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "restore-error")).toBe(true));
      expect(textOf(toHtml(screen.template()), "restore-error")).toContain("is damaged");
      expect(hasId(toHtml(screen.template()), "restore-modal")).toBe(true);

      give(screen.template(), "restore-password", PASSWORD);
      api.restoreUnlocked.mockRejectedValueOnce({ code: "confirmation_mismatch", message: "To confirm, type the profile's name exactly as shown." });
      handler(screen.template(), "restore-unlocked-form", "submit")(event());
      await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "restore-confirm-name-error")).toContain("exactly as shown"));

      give(screen.template(), "restore-password", PASSWORD);
      api.restoreUnlocked.mockResolvedValueOnce(session);
      handler(screen.template(), "restore-unlocked-form", "submit")(event());
      await vi.waitFor(() => expect(unlocked).toHaveBeenCalledTimes(1));
      expect(api.restoreUnlocked).toHaveBeenLastCalledWith({ secret: { password: PASSWORD, recoveryCode: null }, confirmName: `Ada ${EVIL}` });
      expect(unlocked).toHaveBeenCalledWith(session, restoredNotice(`Ada ${EVIL}`, T));
      expect(hasId(toHtml(screen.template()), "restore-modal")).toBe(false);
      screen.unmounted?.();
    });
  });
});
