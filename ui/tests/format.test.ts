// Why: dates shown to the person come from unix seconds over IPC; the conversion and Intl formatting must be exact.
import { describe, expect, it } from "vitest";
import { avatarColorIndex, fnv1a } from "../src/lib/avatar";
import { formatDate, fromUnixSeconds, initialOf, isoDate } from "../src/lib/format";
import { isLockShortcut, lockShortcutLabel } from "../src/lib/shortcuts";

// 2026-11-24T08:00:00Z
const T = 1795507200;

describe("dates", () => {
  it("reads unix seconds, not milliseconds", () => {
    expect(fromUnixSeconds(T).toISOString()).toBe("2026-11-24T08:00:00.000Z");
    expect(isoDate(0)).toBe("1970-01-01T00:00:00.000Z");
  });

  it("formats with the given locale and time zone", () => {
    expect(formatDate(T, { locale: "en-US", timeZone: "UTC" })).toBe("November 24, 2026");
    expect(formatDate(T, { locale: "en-GB", timeZone: "UTC" })).toBe("24 November 2026");
    expect(formatDate(T, { locale: "de-DE", timeZone: "UTC" })).toBe("24. November 2026");
  });

  it("uses the time zone to pick the calendar day", () => {
    // 08:00 UTC is still the 23rd in Honolulu (UTC-10).
    expect(formatDate(T, { locale: "en-US", timeZone: "Pacific/Honolulu" })).toBe("November 23, 2026");
  });

  it("returns an empty string for a timestamp that is not a number", () => {
    expect(formatDate(Number.NaN)).toBe("");
    expect(isoDate(Number.POSITIVE_INFINITY)).toBe("");
  });
});

describe("avatars", () => {
  it("takes the first whole character, upper-cased", () => {
    expect(initialOf("alice")).toBe("A");
    expect(initialOf("  élodie")).toBe("É");
    expect(initialOf("👩‍💻 dev")).toBe("👩‍💻");
    expect(initialOf("   ")).toBe("?");
  });

  it("derives a stable colour from the id", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c); // FNV-1a reference value
    expect(avatarColorIndex("p-7f3a")).toBe(avatarColorIndex("p-7f3a"));
    const slots = new Set(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].map((id) => avatarColorIndex(id)));
    expect(slots.size).toBeGreaterThan(4);
    for (const s of slots) expect(s).toBeGreaterThanOrEqual(0);
    for (const s of slots) expect(s).toBeLessThan(8);
  });
});

describe("lock shortcut", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it("is Ctrl+L everywhere and also Cmd+L on macOS", () => {
    expect(isLockShortcut(key("l", { ctrlKey: true }), false)).toBe(true);
    expect(isLockShortcut(key("L", { ctrlKey: true }), false)).toBe(true);
    expect(isLockShortcut(key("l", { metaKey: true }), true)).toBe(true);
    expect(isLockShortcut(key("l", { metaKey: true }), false)).toBe(false);
  });

  it("ignores plain L and other modifier combinations", () => {
    expect(isLockShortcut(key("l", {}), false)).toBe(false);
    expect(isLockShortcut(key("l", { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isLockShortcut(key("k", { ctrlKey: true }), false)).toBe(false);
  });

  it("labels the hint for the platform", () => {
    expect(lockShortcutLabel(false)).toBe("Ctrl+L");
    expect(lockShortcutLabel(true)).toBe("⌘L");
  });
});
