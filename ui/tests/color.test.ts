// Why: badge text must stay readable on any colour a person picks; the choice follows WCAG luminance and contrast.
import { describe, expect, it } from "vitest";
import { badgeTextColor, contrastRatio, DARK_TEXT, LIGHT_TEXT, parseHex, relativeLuminance, suggestColor } from "../src/lib/color";

describe("luminance and contrast", () => {
  it("matches the WCAG reference values", () => {
    expect(relativeLuminance("#ffffff")).toBe(1);
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#808080")).toBeCloseTo(0.21586, 5);
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    // #767676 is the lightest grey that passes AA on white: 4.54:1.
    expect(contrastRatio("#767676", "#FFFFFF")).toBeCloseTo(4.54, 2);
  });

  it("reads only #rrggbb", () => {
    expect(parseHex("#4f46e5")).toEqual([79, 70, 229]);
    expect(parseHex("#abc")).toBeNull();
    expect(parseHex("red")).toBeNull();
  });
});

describe("badgeTextColor", () => {
  it("puts white on the seeded colours", () => {
    for (const c of ["#15803d", "#6d28d9", "#0369a1", "#a16207", "#475569", "#4f46e5"]) expect(badgeTextColor(c)).toBe(LIGHT_TEXT);
  });

  it("puts dark text on light colours", () => {
    expect(badgeTextColor("#facc15")).toBe(DARK_TEXT);
    expect(badgeTextColor("#ffffff")).toBe(DARK_TEXT);
    // Mid grey: 3.95:1 with white, 4.49:1 with the dark text.
    expect(badgeTextColor("#808080")).toBe(DARK_TEXT);
  });

  it("puts white on black, and dark text on anything unreadable", () => {
    expect(badgeTextColor("#000000")).toBe(LIGHT_TEXT);
    expect(badgeTextColor("nonsense")).toBe(DARK_TEXT);
  });
});

describe("suggestColor", () => {
  it("offers the first palette colour nobody uses", () => {
    expect(suggestColor([])).toBe("#4f46e5");
    expect(suggestColor(["#4F46E5"])).toBe("#0f766e");
  });
});
