// Why: what several test files stand up the same way — the dev fake backend driven to the end of a command on a fake clock, and a stand-in shell (`Host`) with a snapshot — so each file says only what its own tests are about.
import { html } from "lit-html";
import { afterEach, beforeEach, vi } from "vitest";
import type { AppError, AppSnapshot, ProfileSummary } from "../src/api";
import type { createFakeBackend } from "../src/api/fake";
import type { RecoveryCodeProps } from "../src/components/recovery-code";
import type { Host } from "../src/views/host";

type FakeBackend = ReturnType<typeof createFakeBackend>;

/**
 * For a `describe` that runs the fake backend: it registers dev helpers on `window` and waits like the KDF, so each
 * test gets a stand-in window and fake timers (which also drive `Date.now`, the fake's clock) set to `seconds`.
 */
export function useFakeBackendClock(seconds: number): void {
  beforeEach(() => {
    vi.stubGlobal("window", {});
    vi.useFakeTimers();
    vi.setSystemTime(seconds * 1000);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}

/** Runs a command to its end, moving the fake clock past its waits (only as far as it waits: the clock is part of what is tested). */
export async function run<R>(backend: FakeBackend, command: string, args: Record<string, unknown> = {}): Promise<R> {
  let settled: { ok: true; value: R } | { ok: false; error: AppError } | null = null;
  void backend.invoke<R>(command, args).then(
    (value) => (settled = { ok: true, value }),
    (error: unknown) => (settled = { ok: false, error: error as AppError }),
  );
  while (settled === null) await vi.advanceTimersByTimeAsync(10);
  const done = settled as { ok: true; value: R } | { ok: false; error: AppError };
  if (!done.ok) throw done.error;
  return done.value;
}

/** The code a command is refused with, or null when it succeeds. */
export const codeOf = async (p: Promise<unknown>): Promise<AppError["code"] | null> => p.then(() => null, (e: AppError) => e.code);

/** A profile as the snapshot lists it: Mira, a member, no wait. */
export function testProfile(more: Partial<ProfileSummary> = {}): ProfileSummary {
  return { id: "p-1", name: "Mira", role: "member", createdAt: 0, damaged: null, lockedUntil: null, ...more };
}

/** A stand-in shell whose snapshot lists `profiles` (shortest password 10, creation open, euros), `more` replacing any of it; every navigation does nothing. */
export function testHost(profiles: ProfileSummary[], more: Partial<AppSnapshot> = {}): Host {
  const snapshot: AppSnapshot = {
    profiles,
    policy: { minLength: 10 },
    membersMayCreateProfiles: true,
    theme: "light",
    session: null,
    version: "0.1.0-test",
    currencies: [{ code: "EUR", minorUnits: 2 }],
    ...more,
  };
  return {
    snapshot: () => snapshot,
    reloadSnapshot: () => Promise.resolve(snapshot),
    refresh: () => undefined,
    themeToggle: () => html`<button id="theme-toggle"></button>`,
    lockShortcut: () => "Ctrl+L",
    showPicker: () => undefined,
    showCreate: () => undefined,
    showUnlock: () => undefined,
    showRestore: () => undefined,
    showRecoveryCode: () => undefined,
    unlocked: () => undefined,
    lock: () => undefined,
    navigate: () => undefined,
    budgetAlertCount: () => 0,
  };
}

/** The code of the error `run` throws (the fake throws `AppError`s, as `invoke` rejects), or null when it does not throw. */
export function refusal(run: () => unknown): AppError["code"] | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

/** What the recovery code panel is drawn from: `code` for Mira, not yet saved, nothing copied; `more` replaces any of it. */
export function recoveryProps(code: string, more: Partial<RecoveryCodeProps> = {}): RecoveryCodeProps {
  return {
    code,
    profileName: "Mira",
    replaced: false,
    saved: false,
    copy: "idle",
    canPrint: true,
    onCopy: () => undefined,
    onPrint: () => undefined,
    onSaved: () => undefined,
    ...more,
  };
}
