// Why: the theme toggle's cycle and the system-preference resolution are what `<html data-bs-theme>` ends up showing.
import { describe, expect, it } from "vitest";
import { isTheme, nextTheme, resolveTheme, themeIcon, themeLabel } from "../src/lib/theme";

describe("theme", () => {
  it("cycles system → light → dark → system", () => {
    expect(nextTheme("system")).toBe("light");
    expect(nextTheme("light")).toBe("dark");
    expect(nextTheme("dark")).toBe("system");
  });

  it("restarts the cycle on an unknown value instead of getting stuck", () => {
    expect(nextTheme("sepia" as never)).toBe("system");
  });

  it("resolves system from the OS preference and keeps explicit choices", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("recognises only the three choices", () => {
    expect(isTheme("dark")).toBe(true);
    expect(isTheme("Dark")).toBe(false);
    expect(isTheme(null)).toBe(false);
  });

  it("names and draws each choice differently", () => {
    const choices = ["system", "light", "dark"] as const;
    expect(new Set(choices.map(themeLabel)).size).toBe(3);
    expect(new Set(choices.map(themeIcon)).size).toBe(3);
  });
});
