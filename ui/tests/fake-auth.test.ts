// Why: the dev fake stands in for the vault's passwords, recovery codes and wait after mistakes; it must follow the same schedule and order of checks, or the unlock, recovery and Settings screens get built against the wrong rules.
import { describe, expect, it, vi } from "vitest";
import type { AppSnapshot, CreatedProfile, RecoveryCodeView, SessionInfo } from "../src/api";
import { createFakeBackend, devStartFrom } from "../src/api/fake";
import { DEMO_RECOVERY_CODE, FakeKeys, delaySeconds, groupCode, parseRecoveryCode, randomRecoveryCode, waitWords } from "../src/api/fake-auth";
import { codeOf, refusal, run, useFakeBackendClock } from "./fixtures";

const PASSWORD = "coffer-demo";
const T = 1_800_000_000; // Unix seconds


describe("the wait after mistakes (lockout.rs)", () => {
  it("starts after four free mistakes, doubles and stops at an hour", () => {
    expect(Array.from({ length: 15 }, (_, i) => delaySeconds(i))).toEqual([
      0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
    expect(delaySeconds(10_000)).toBe(3600);
  });

  it("is said in Rust's words", () => {
    expect(waitWords(30)).toBe("30 seconds");
    expect(waitWords(125)).toBe("2 minutes 5 seconds");
    expect(waitWords(3600)).toBe("1 hour");
    expect(waitWords(0)).toBe("a moment");
  });
});

describe("recovery codes (recovery.rs)", () => {
  it("are read as typed: case, spaces and dashes do not matter, O I L read as digits", () => {
    expect(parseRecoveryCode(DEMO_RECOVERY_CODE)).toBe("7K2QM9XD00001111ABCDEFGH");
    expect(parseRecoveryCode("7k2q m9xd oooo iiii abcd efgh")).toBe("7K2QM9XD00001111ABCDEFGH");
    expect(parseRecoveryCode("7K2QM9XD0000LLLLABCDEFGH")).toBe("7K2QM9XD00001111ABCDEFGH");
  });

  it("refuse the wrong length and letters outside the alphabet", () => {
    expect(parseRecoveryCode("7K2Q-M9XD")).toBeNull();
    expect(parseRecoveryCode(`${DEMO_RECOVERY_CODE}-0000`)).toBeNull();
    expect(parseRecoveryCode("UK2Q-M9XD-0000-1111-ABCD-EFGH")).toBeNull();
    expect(parseRecoveryCode("7K2Q_M9XD-0000-1111-ABCD-EFGH")).toBeNull();
    expect(parseRecoveryCode("")).toBeNull();
  });

  it("are made random, in six groups of four", () => {
    const a = randomRecoveryCode();
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/u);
    expect(randomRecoveryCode()).not.toBe(a);
    expect(groupCode("7K2QM9XD00001111ABCDEFGH")).toBe(DEMO_RECOVERY_CODE);
  });
});

describe("FakeKeys", () => {
  it("waits after the fifth wrong password, refuses even the right one meanwhile, and forgets on success", () => {
    const keys = new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE);
    for (let i = 0; i < 4; i++) expect(refusal(() => keys.unlock("nope", T + i))).toBe("wrong_password");
    expect(keys.lockedUntil()).toBeNull();
    expect(refusal(() => keys.unlock("nope", T + 10))).toBe("wrong_password");
    expect(keys.lockedUntil()).toBe(T + 40);
    expect(refusal(() => keys.unlock(PASSWORD, T + 39))).toBe("locked_out");
    // Refusals while waiting are not counted.
    expect(keys.lockedUntil()).toBe(T + 40);
    expect(refusal(() => keys.unlock(PASSWORD, T + 40))).toBeNull();
    expect(keys.lockedUntil()).toBeNull();
  });

  it("doubles the wait with each further mistake", () => {
    const keys = new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE);
    for (let i = 0; i < 5; i++) refusal(() => keys.unlock("nope", T));
    expect(keys.lockedUntil()).toBe(T + 30);
    expect(refusal(() => keys.unlock("nope", T + 30))).toBe("wrong_password");
    expect(keys.lockedUntil()).toBe(T + 30 + 60);
  });

  it("recovers in Rust's order: the code's shape, the new password, the wait, the code", () => {
    const keys = new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE);
    expect(refusal(() => keys.recover("not a code", "short", 10, T))).toBe("invalid_recovery_code");
    expect(refusal(() => keys.recover(DEMO_RECOVERY_CODE, "short", 10, T))).toBe("weak_password");
    for (let i = 0; i < 5; i++) {
      expect(refusal(() => keys.recover("0000-0000-0000-0000-0000-0000", "new-password-1", 10, T))).toBe("wrong_recovery_code");
    }
    // Neither the shape nor the length cost an attempt; wrong codes count like wrong passwords.
    expect(keys.lockedUntil()).toBe(T + 30);
    expect(refusal(() => keys.recover(DEMO_RECOVERY_CODE, "new-password-1", 10, T + 1))).toBe("locked_out");
    expect(refusal(() => keys.recover("7k2q m9xd 0000 1111 abcd efgh", "new-password-1", 10, T + 30))).toBeNull();
    expect(refusal(() => keys.unlock(PASSWORD, T + 31))).toBe("wrong_password");
    expect(refusal(() => keys.unlock("new-password-1", T + 32))).toBeNull();
    // The code keeps working.
    expect(refusal(() => keys.recover(DEMO_RECOVERY_CODE, "new-password-2", 10, T + 33))).toBeNull();
  });

  it("changes the password only with the current one, counting wrong ones", () => {
    const keys = new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE);
    expect(refusal(() => keys.changePassword(PASSWORD, "short", 10, T))).toBe("weak_password");
    expect(refusal(() => keys.changePassword("nope", "new-password-1", 10, T))).toBe("wrong_password");
    expect(refusal(() => keys.changePassword(PASSWORD, "new-password-1", 10, T))).toBeNull();
    expect(refusal(() => keys.unlock(PASSWORD, T))).toBe("wrong_password");
    expect(refusal(() => keys.unlock("new-password-1", T))).toBeNull();
  });

  it("makes a new recovery code that replaces the old one", () => {
    const keys = new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE);
    expect(refusal(() => keys.regenerate("nope", T))).toBe("wrong_password");
    const fresh = keys.regenerate(PASSWORD, T);
    expect(fresh).not.toBe(DEMO_RECOVERY_CODE);
    expect(fresh).toHaveLength(29);
    expect(refusal(() => keys.recover(DEMO_RECOVERY_CODE, "new-password-1", 10, T))).toBe("wrong_recovery_code");
    expect(refusal(() => keys.recover(fresh, "new-password-1", 10, T))).toBeNull();
  });

  it("can be made to wait a given time (the ?lockout= knob)", () => {
    const keys = new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE);
    keys.lockFor(45, T);
    expect(keys.lockedUntil()).toBe(T + 45);
    keys.lockFor(9999, T);
    expect(keys.lockedUntil()).toBe(T + 3600);
    expect(refusal(() => keys.unlock(PASSWORD, T + 3599))).toBe("locked_out");
  });
});

describe("the fake backend's commands", () => {
  useFakeBackendClock(T);

  it("answers a created profile with its code, and shows the wait in the snapshot after mistakes", async () => {
    const backend = createFakeBackend(new URLSearchParams("profiles=0"));
    const created = await run<CreatedProfile>(backend, "create_profile", { request: { name: "Mira", password: "mira-password-1", currency: "EUR" } });
    expect(created.recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/u);
    expect(created.session.profile.lockedUntil).toBeNull();
    const id = created.session.profile.id;
    await run(backend, "lock");
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(run(backend, "unlock", { request: { profileId: id, password: "nope" } }))).toBe("wrong_password");
    }
    const snapshot = await run<AppSnapshot>(backend, "app_snapshot");
    const until = snapshot.profiles[0]?.lockedUntil ?? 0;
    expect(until * 1000 - Date.now()).toBeGreaterThan(20_000);
    expect(await codeOf(run(backend, "recover", { request: { profileId: id, recoveryCode: created.recoveryCode, newPassword: "mira-password-2" } }))).toBe(
      "locked_out",
    );
    vi.setSystemTime(until * 1000);
    const session = await run<SessionInfo>(backend, "recover", {
      request: { profileId: id, recoveryCode: created.recoveryCode.toLowerCase(), newPassword: "mira-password-2" },
    });
    expect(session.profile.name).toBe("Mira");
    expect(session.profile.lockedUntil).toBeNull();
  });

  it("changes the password and makes a new code only while unlocked", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings"));
    const change = { request: { current: "coffer-demo", new: "a-new-password" } };
    await run(backend, "change_password", change);
    const code = await run<RecoveryCodeView>(backend, "regenerate_recovery_code", { request: { password: "a-new-password" } });
    expect(code.code).not.toBe(DEMO_RECOVERY_CODE);
    await run(backend, "lock");
    expect(await codeOf(run(backend, "change_password", change))).toBe("locked");
    expect(await codeOf(run(backend, "regenerate_recovery_code", { request: { password: "a-new-password" } }))).toBe("locked");
    const first = (await run<AppSnapshot>(backend, "app_snapshot")).profiles[0]?.id;
    expect(await codeOf(run(backend, "recover", { request: { profileId: first, recoveryCode: DEMO_RECOVERY_CODE, newPassword: "x-password-9" } }))).toBe(
      "wrong_recovery_code",
    );
    expect(await codeOf(run(backend, "recover", { request: { profileId: first, recoveryCode: code.code, newPassword: "x-password-9" } }))).toBeNull();
  });

  it("starts the first profile waiting with ?lockout=", async () => {
    const backend = createFakeBackend(new URLSearchParams("lockout=45"));
    const snapshot = await run<AppSnapshot>(backend, "app_snapshot");
    expect(snapshot.profiles[0]?.lockedUntil).toBe(T + 45);
    expect(snapshot.profiles[1]?.lockedUntil).toBeNull();
    expect(devStartFrom(new URLSearchParams("screen=recovery-code")).recoveryCode).toBe(DEMO_RECOVERY_CODE);
    expect(devStartFrom(new URLSearchParams("screen=settings")).screen).toBe("settings");
  });
});
