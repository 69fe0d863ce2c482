// Why: N, / and Esc must act from anywhere on the unlocked screens, yet never while the person is typing or holding a modifier.
import { describe, expect, it } from "vitest";
import { appShortcut, isTypingTarget } from "../src/lib/shortcuts";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; isComposing: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("appShortcut", () => {
  it("maps the plain keys", () => {
    expect(appShortcut(key("n"), false)).toBe("add-expense");
    expect(appShortcut(key("N"), false)).toBe("add-expense"); // Caps Lock
    expect(appShortcut(key("/"), false)).toBe("search");
    expect(appShortcut(key("Escape"), false)).toBe("escape");
  });

  it("allows Shift for / only (some layouts need it to type a slash)", () => {
    expect(appShortcut(key("/", { shiftKey: true }), false)).toBe("search");
    expect(appShortcut(key("N", { shiftKey: true }), false)).toBeNull();
    expect(appShortcut(key("Escape", { shiftKey: true }), false)).toBeNull();
  });

  it("ignores Ctrl, Cmd and Alt combinations", () => {
    for (const mod of ["ctrlKey", "metaKey", "altKey"] as const) {
      expect(appShortcut(key("n", { [mod]: true }), false)).toBeNull();
      expect(appShortcut(key("/", { [mod]: true }), false)).toBeNull();
      expect(appShortcut(key("Escape", { [mod]: true }), false)).toBeNull();
    }
  });

  it("stays out of the way while typing or composing", () => {
    expect(appShortcut(key("n"), true)).toBeNull();
    expect(appShortcut(key("/"), true)).toBeNull();
    expect(appShortcut(key("Escape"), true)).toBeNull();
    expect(appShortcut(key("n", { isComposing: true }), false)).toBeNull();
  });

  it("ignores other keys", () => {
    expect(appShortcut(key("m"), false)).toBeNull();
    expect(appShortcut(key("Enter"), false)).toBeNull();
  });
});

describe("isTypingTarget", () => {
  it("treats text fields, selects and editable content as typing", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT" })).toBe(true);
    expect(isTypingTarget({ tagName: "input", type: "search" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "date" })).toBe(true);
    expect(isTypingTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
  });

  it("does not treat buttons, checkboxes or the page as typing", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTypingTarget({ tagName: "INPUT", type: "color" })).toBe(false);
    expect(isTypingTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isTypingTarget({ tagName: "BODY" })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
