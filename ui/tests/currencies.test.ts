// Why: a new profile's currency is preselected from the person's region; the guess must be right for common regions and safe otherwise.
import { describe, expect, it } from "vitest";
import { currencyLabel, defaultCurrency, regionOf } from "../src/lib/currencies";

const OFFERED = ["CHF", "EUR", "GBP", "JPY", "TWD", "USD"];

describe("defaultCurrency", () => {
  it("follows the locale's region", () => {
    expect(defaultCurrency(["en-US"], OFFERED)).toBe("USD");
    expect(defaultCurrency(["de-DE"], OFFERED)).toBe("EUR");
    expect(defaultCurrency(["ja-JP"], OFFERED)).toBe("JPY");
    expect(defaultCurrency(["fr-CH"], OFFERED)).toBe("CHF");
    expect(defaultCurrency(["zh-Hant-TW"], OFFERED)).toBe("TWD");
  });

  it("uses the first locale that names a known region", () => {
    expect(defaultCurrency(["en", "en-GB"], OFFERED)).toBe("GBP");
  });

  it("falls back to EUR, then to the first offered", () => {
    expect(defaultCurrency(["en"], OFFERED)).toBe("EUR");
    expect(defaultCurrency(["en-AQ"], OFFERED)).toBe("EUR");
    expect(defaultCurrency(["en-US"], ["EUR", "GBP"])).toBe("EUR");
    expect(defaultCurrency(["en"], ["GBP", "USD"])).toBe("GBP");
    expect(defaultCurrency([], [])).toBe("EUR");
  });

  it("reads regions, and nothing from junk", () => {
    expect(regionOf("en-GB")).toBe("GB");
    expect(regionOf("en")).toBeNull();
    expect(regionOf("not a locale!!")).toBeNull();
  });
});

describe("currencyLabel", () => {
  it("writes code and name", () => {
    expect(currencyLabel("EUR", "en")).toBe("EUR — Euro");
    expect(currencyLabel("JPY", "en")).toBe("JPY — Japanese Yen");
  });

  it("writes just the code when there is no name", () => {
    expect(currencyLabel("XXY", "en")).toBe("XXY");
  });
});
