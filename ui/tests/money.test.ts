// Why: amounts are integer minor units; their text must be exact (no float rounding) for any currency's number of decimals.
import { describe, expect, it } from "vitest";
import { amountPlaceholder, currencySymbol, formatMoney, percentChange, plainAmount, sharePercent } from "../src/lib/money";

const EUR = { code: "EUR", minorUnits: 2 };
const JPY = { code: "JPY", minorUnits: 0 };
const BHD = { code: "BHD", minorUnits: 3 };
const NBSP = "\u00a0";

describe("plainAmount", () => {
  it("places the decimal point by the currency's minor units", () => {
    expect(plainAmount(1234, 2)).toBe("12.34");
    expect(plainAmount(1234, 0)).toBe("1234");
    expect(plainAmount(1234, 3)).toBe("1.234");
    expect(plainAmount(100, 2)).toBe("1.00");
  });

  it("pads small amounts with leading zeros", () => {
    expect(plainAmount(5, 2)).toBe("0.05");
    expect(plainAmount(5, 3)).toBe("0.005");
    expect(plainAmount(0, 2)).toBe("0.00");
  });

  it("is exact for the largest amount an expense may have", () => {
    expect(plainAmount(99_999_999_999, 2)).toBe("999999999.99");
    expect(plainAmount(99_999_999_999, 0)).toBe("99999999999");
    expect(plainAmount(99_999_999_999, 3)).toBe("99999999.999");
  });

  it("keeps the sign of a negative difference", () => {
    expect(plainAmount(-250, 2)).toBe("-2.50");
  });

  it("refuses what is not an integer", () => {
    expect(() => plainAmount(12.5, 2)).toThrow(RangeError);
    expect(() => plainAmount(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("formats in the given locale", () => {
    expect(formatMoney(123456, EUR, "en-US")).toBe("€1,234.56");
    expect(formatMoney(123456, EUR, "de-DE")).toBe(`1.234,56${NBSP}€`);
    expect(formatMoney(123456, { code: "GBP", minorUnits: 2 }, "en-GB")).toBe("£1,234.56");
    expect(formatMoney(5, EUR, "en-US")).toBe("€0.05");
  });

  it("is exact for 99,999,999,999 minor units", () => {
    expect(formatMoney(99_999_999_999, EUR, "en-US")).toBe("€999,999,999.99");
    expect(formatMoney(99_999_999_999, EUR, "de-DE")).toBe(`999.999.999,99${NBSP}€`);
    expect(formatMoney(99_999_999_999, JPY, "en-US")).toBe("¥99,999,999,999");
  });

  it("shows no decimals for JPY and three for BHD", () => {
    expect(formatMoney(1234, JPY, "en-US")).toBe("¥1,234");
    expect(formatMoney(1_234_567, BHD, "en-US")).toBe(`BHD${NBSP}1,234.567`);
    expect(formatMoney(5, BHD, "en-US")).toBe(`BHD${NBSP}0.005`);
  });
});

describe("amount helpers", () => {
  it("names the symbol an amount field shows", () => {
    expect(currencySymbol(EUR, "en-US")).toBe("€");
    expect(currencySymbol({ code: "CAD", minorUnits: 2 }, "en-US")).toBe("CA$");
    expect(currencySymbol(BHD, "en-US")).toBe("BHD");
  });

  it("suggests an empty amount with the right decimals", () => {
    expect(amountPlaceholder(2)).toBe("0.00");
    expect(amountPlaceholder(0)).toBe("0");
    expect(amountPlaceholder(3)).toBe("0.000");
  });

  it("rounds a month's change to whole percent, half away from zero", () => {
    expect(percentChange(112, 100)).toBe(12);
    expect(percentChange(88, 100)).toBe(-12);
    expect(percentChange(100, 100)).toBe(0);
    expect(percentChange(1005, 1000)).toBe(1);
    expect(percentChange(995, 1000)).toBe(-1);
    expect(percentChange(1, 3)).toBe(-67);
    expect(percentChange(500, 0)).toBeNull();
  });

  it("gives bars a width that never vanishes", () => {
    expect(sharePercent(250, 1000)).toBe(25);
    expect(sharePercent(1, 1000)).toBe(2);
    expect(sharePercent(0, 1000)).toBe(0);
    expect(sharePercent(1000, 1000)).toBe(100);
    expect(sharePercent(5, 0)).toBe(0);
  });
});
