// Why: a recovery code and a profile's name must reach the page as text — the code exactly as Rust sent it (end-to-end tests and people copy it from there) — Continue must wait for "I have saved it", and the unlock and Settings screens must show the wait and the recovery form with the ids the end-to-end tests use.
import { html } from "lit-html";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProfileSummary, SessionInfo } from "../src/api";
import { createMenu } from "../src/components/menu";
import { navbar } from "../src/components/navbar";
import { createRecoveryCodePanel, recoveryCodeBody, recoveryContinue, type RecoveryCodeProps } from "../src/components/recovery-code";
import { codeGroups, typedCodeDisplay } from "../src/lib/recovery";
import type { Host } from "../src/views/host";
import { unlockScreen } from "../src/views/profiles";
import { recoveryCodeScreen } from "../src/views/recovery-code";
import { settingsScreen } from "../src/views/settings";
import { toHtml } from "./lit-text";
import { recoveryProps, testHost, testProfile } from "./fixtures";
import { handler, tagOf, textOf } from "./template-helpers";

const CODE = "7K2Q-M9XD-0000-1111-ABCD-EFGH";
const EVIL = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

const props = (more: Partial<RecoveryCodeProps> = {}): RecoveryCodeProps => recoveryProps(CODE, more);

describe("recovery code helpers", () => {
  it("show typed letters as capitals without moving anything", () => {
    expect(typedCodeDisplay("7k2q-m9xd ab")).toBe("7K2Q-M9XD AB");
    expect(typedCodeDisplay("éß")).toBe("éß");
    for (const text of ["abc", "x-y z", "ÿäö", "0000"]) expect(typedCodeDisplay(text)).toHaveLength(text.length);
  });

  it("cut a code at its dashes and give it back exactly", () => {
    expect(codeGroups(CODE).map((g) => g.text)).toEqual(["7K2Q", "M9XD", "0000", "1111", "ABCD", "EFGH"]);
    for (const code of [CODE, "ABCD", "AB--CD-", ""]) {
      expect(
        codeGroups(code)
          .map((g) => g.text + (g.dash ? "-" : ""))
          .join(""),
      ).toBe(code);
    }
  });
});

describe("Save your recovery code", () => {
  it("shows the code's text exactly as received, and the name as text", () => {
    const out = toHtml(recoveryCodeBody(props({ profileName: EVIL })));
    expect(textOf(out, "recovery-code")).toBe(CODE);
    expect(out).not.toContain("<img");
    expect(out).toContain(`the only way back into <strong>${ESCAPED}</strong>. Coffer cannot show`);
    expect(out).toContain(`Coffer recovery code for <strong>${ESCAPED}</strong>`);
    expect(out).not.toContain("recovery-replaced");
  });

  it("binds a hostile code as text too", () => {
    const out = toHtml(recoveryCodeBody(props({ code: `${EVIL}-ABCD` })));
    expect(out).not.toContain("<img");
    expect(textOf(out, "recovery-code")).toBe(`${ESCAPED}-ABCD`);
  });

  it("keeps Continue disabled until the box is ticked", () => {
    expect(tagOf(toHtml(recoveryContinue(false, "Continue", () => undefined)), "recovery-continue")).toContain("disabled");
    expect(tagOf(toHtml(recoveryContinue(true, "Continue", () => undefined)), "recovery-continue")).not.toContain("disabled");
  });

  it("says when the old code stopped working, and what Copy did", () => {
    const out = toHtml(recoveryCodeBody(props({ replaced: true, copy: "failed", canPrint: false })));
    expect(out).toContain("Your old recovery code no longer works.");
    expect(textOf(out, "recovery-copy-status")).toContain("Write it down instead");
    expect(out).not.toContain('id="recovery-print"');
    expect(toHtml(recoveryCodeBody(props()))).toContain('id="recovery-print"');
  });

  describe("its panel", () => {
    afterEach(() => vi.unstubAllGlobals());

    it("enables Continue once ticked, and drops the code on Continue", () => {
      const done = vi.fn();
      const panel = createRecoveryCodePanel({ code: CODE, profileName: "Mira", replaced: false, continueLabel: "Continue", refresh: () => undefined, done });
      const click = (t: unknown) => handler(t, "recovery-continue", "click")(new Event("click"));
      expect(tagOf(toHtml(panel.continueButton()), "recovery-continue")).toContain("disabled");
      // Continue does nothing before the box is ticked.
      click(panel.continueButton());
      expect(done).not.toHaveBeenCalled();
      handler(panel.body(), "recovery-saved", "change")({ currentTarget: { checked: true } } as unknown as Event);
      expect(panel.saved()).toBe(true);
      expect(tagOf(toHtml(panel.continueButton()), "recovery-continue")).not.toContain("disabled");
      click(panel.continueButton());
      expect(done).toHaveBeenCalledTimes(1);
      expect(toHtml(panel.body())).not.toContain(CODE.slice(0, 4));
      expect(panel.saved()).toBe(false);
    });

    it("says so when the clipboard refuses", async () => {
      const refresh = vi.fn();
      vi.stubGlobal("navigator", { clipboard: { writeText: () => Promise.reject(new Error("denied")) } });
      const panel = createRecoveryCodePanel({ code: CODE, profileName: "Mira", replaced: false, continueLabel: "Continue", refresh, done: () => undefined });
      handler(panel.body(), "recovery-copy", "click")(new Event("click"));
      await vi.waitFor(() => expect(refresh).toHaveBeenCalled());
      expect(textOf(toHtml(panel.body()), "recovery-copy-status")).toContain("could not copy");
    });

    it("copies exactly the code", async () => {
      const writeText = vi.fn(() => Promise.resolve());
      vi.stubGlobal("navigator", { clipboard: { writeText } });
      const refresh = vi.fn();
      const panel = createRecoveryCodePanel({ code: CODE, profileName: "Mira", replaced: false, continueLabel: "Continue", refresh, done: () => undefined });
      handler(panel.body(), "recovery-copy", "click")(new Event("click"));
      await vi.waitFor(() => expect(refresh).toHaveBeenCalled());
      expect(writeText).toHaveBeenCalledWith(CODE);
      expect(textOf(toHtml(panel.body()), "recovery-copy")).toContain("Copied");
    });
  });
});

// ----- screens -------------------------------------------------------------------------------------------------------

const profile = testProfile;
const host = (profiles: ProfileSummary[]): Host => testHost(profiles);

describe("the unlock screen", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_800_000_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it("offers the recovery form, and binds the name as text", () => {
    const p = profile({ name: EVIL });
    const screen = unlockScreen(host([p]), p, null);
    const out = toHtml(screen.template());
    expect(out).not.toContain("<img");
    expect(out).toContain(`Password for ${ESCAPED}`);
    expect(out).toContain("id=\"forgot-password\"");
    expect(out).not.toContain("unlock-lockout");
    expect(tagOf(out, "unlock-submit")).not.toMatch(/\sdisabled/u);
    handler(screen.template(), "forgot-password", "click")(new Event("click"));
    const recovering = toHtml(screen.template());
    for (const id of ["recover-code", "recover-password", "recover-confirm", "recover-submit", "use-password", "recover-code-error"]) {
      expect(recovering).toMatch(new RegExp(`id="?${id}"?[\\s>]`, "u"));
    }
    expect(tagOf(recovering, "recover-code")).toContain('autocomplete="off"');
    expect(tagOf(recovering, "recover-code")).toContain('spellcheck="false"');
    expect(recovering).not.toContain('id="unlock-password"');
    screen.unmounted?.();
  });

  it("waits while lockedUntil is ahead, with a countdown that ends by itself", () => {
    const until = 1_800_000_027;
    const p = profile({ lockedUntil: until });
    const screen = unlockScreen(host([p]), p, null);
    let out = toHtml(screen.template());
    expect(tagOf(out, "unlock-lockout")).toContain(`data-until=${until}`);
    expect(textOf(out, "unlock-lockout")).toBe("Too many wrong attempts. Try again in 0:27.");
    expect(tagOf(out, "unlock-submit")).toMatch(/\sdisabled/u);
    vi.advanceTimersByTime(10_000);
    expect(textOf(toHtml(screen.template()), "unlock-lockout")).toBe("Too many wrong attempts. Try again in 0:17.");
    handler(screen.template(), "forgot-password", "click")(new Event("click"));
    expect(tagOf(toHtml(screen.template()), "recover-submit")).toMatch(/\sdisabled/u);
    vi.advanceTimersByTime(17_000);
    out = toHtml(screen.template());
    expect(out).not.toContain("unlock-lockout");
    expect(tagOf(out, "recover-submit")).not.toMatch(/\sdisabled/u);
    screen.unmounted?.();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ignores a lockedUntil already past", () => {
    const p = profile({ lockedUntil: 1_799_999_000 });
    const out = toHtml(unlockScreen(host([p]), p, null).template());
    expect(out).not.toContain("unlock-lockout");
  });
});

describe("the screen after creating a profile", () => {
  it("shows the code and the name as text, and Continue waits", () => {
    const p = profile({ name: EVIL });
    const session: SessionInfo = { profile: p, currency: { code: "EUR", minorUnits: 2 }, lostLastChange: false };
    const screen = recoveryCodeScreen(host([p]), session, CODE);
    expect(screen.name).toBe("recovery-code");
    const out = toHtml(screen.template());
    expect(out).toContain("Save your recovery code");
    expect(textOf(out, "recovery-code")).toBe(CODE);
    expect(out).not.toContain("<img");
    expect(tagOf(out, "recovery-continue")).toContain("disabled");
    // Leaving (an auto-lock) drops the code.
    screen.unmounted?.();
    expect(toHtml(screen.template())).not.toContain(CODE);
  });
});

describe("the navbar's profile chip", () => {
  it("is the profile menu's toggle, with the name as text in #nav-profile-name", () => {
    const out = toHtml(
      navbar({
        profile: profile({ name: EVIL }),
        themeToggle: html``,
        lockLabel: "Ctrl+L",
        locking: false,
        onLock: () => undefined,
        current: "settings",
        onNavigate: () => undefined,
        budgetAlerts: 0,
        profileMenu: createMenu(() => undefined),
      }),
    );
    expect(out).not.toContain("<img");
    expect(tagOf(out, "profile-menu")).toContain("aria-expanded=false");
    expect(tagOf(out, "profile-menu")).toContain("is-current");
    expect(textOf(out, "nav-profile-name")).toBe(ESCAPED);
  });
});

describe("the Settings screen", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_800_000_000_000);
  });
  afterEach(() => vi.useRealTimers());

  const session = (p: ProfileSummary): SessionInfo => ({ profile: p, currency: { code: "EUR", minorUnits: 2 }, lostLastChange: false });

  it("has the password and recovery code sections, the name as text", () => {
    const p = profile({ name: EVIL });
    const screen = settingsScreen(host([p]), session(p));
    const out = toHtml(screen.template());
    expect(screen.name).toBe("settings");
    expect(out).not.toContain("<img");
    for (const id of ["change-current", "change-new", "change-confirm", "change-submit", "regen-password", "regen-submit"]) {
      expect(out).toMatch(new RegExp(`id="?${id}"?[\\s>]`, "u"));
    }
    expect(tagOf(out, "change-submit")).not.toMatch(/\sdisabled/u);
    expect(out).not.toContain("settings-lockout");
    expect(out).not.toContain("recovery-modal");
    screen.unmounted?.();
  });

  it("waits, like unlocking, while the profile's lockedUntil is ahead", () => {
    const p = profile({ lockedUntil: 1_800_000_090 });
    const screen = settingsScreen(host([p]), session(p));
    const out = toHtml(screen.template());
    expect(textOf(out, "settings-lockout")).toBe("Too many wrong attempts. Try again in 1:30.");
    expect(tagOf(out, "change-submit")).toMatch(/\sdisabled/u);
    expect(tagOf(out, "regen-submit")).toMatch(/\sdisabled/u);
    screen.unmounted?.();
    expect(vi.getTimerCount()).toBe(0);
  });
});
