// Why: the period presets and labels take the clock as a Date, so every edge (new year, leap years, month ends) is checked exactly.
import { describe, expect, it } from "vitest";
import { currentMonth, daysInMonth, formatDay, isIsoDate, monthLabel, nextMonth, presetRange, previousMonth, todayIso } from "../src/lib/periods";

// Local-time constructors: the tests hold in any time zone.
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);

describe("todayIso", () => {
  it("is the local calendar date", () => {
    expect(todayIso(at(2026, 11, 24, 0, 30))).toBe("2026-11-24");
    expect(todayIso(at(2026, 12, 31, 23, 59))).toBe("2026-12-31");
    expect(todayIso(at(2027, 1, 1, 0, 0))).toBe("2027-01-01");
  });
});

describe("presetRange", () => {
  it("covers the whole current month", () => {
    expect(presetRange("this-month", at(2026, 11, 24))).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetRange("this-month", at(2026, 1, 1))).toEqual({ from: "2026-01-01", to: "2026-01-31" });
  });

  it("goes back to December of the previous year in January", () => {
    expect(presetRange("last-month", at(2026, 1, 10))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("knows February's length in leap and common years", () => {
    expect(presetRange("this-month", at(2024, 2, 10))).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(presetRange("this-month", at(2025, 2, 10))).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(presetRange("this-month", at(2000, 2, 10))).toEqual({ from: "2000-02-01", to: "2000-02-29" });
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it("does not slip a month on the 31st", () => {
    // A naive setMonth(month - 1) on 31 March lands on 2 March.
    expect(presetRange("last-month", at(2024, 3, 31))).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(presetRange("last-month", at(2026, 5, 31))).toEqual({ from: "2026-04-01", to: "2026-04-30" });
  });

  it("covers the calendar year", () => {
    expect(presetRange("this-year", at(2026, 11, 24))).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("has no fixed range for all time and custom", () => {
    expect(presetRange("all", at(2026, 11, 24))).toBeNull();
    expect(presetRange("custom", at(2026, 11, 24))).toBeNull();
  });
});

describe("months and days", () => {
  it("steps back one month", () => {
    expect(previousMonth("2026-11")).toBe("2026-10");
    expect(previousMonth("2026-01")).toBe("2025-12");
  });

  it("steps forward one month, and knows the local one", () => {
    expect(nextMonth("2026-11")).toBe("2026-12");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(nextMonth("0999-09")).toBe("0999-10");
    expect(currentMonth(new Date(2026, 0, 1, 0, 30))).toBe("2026-01");
  });

  it("names a month in the locale", () => {
    expect(monthLabel("2026-10", "en-US")).toBe("October");
    expect(monthLabel("2026-10", "en-US", true)).toBe("October 2026");
    expect(monthLabel("2026-10", "de")).toBe("Oktober");
    expect(monthLabel("2025-12", "en-GB")).toBe("December");
  });

  it("formats a calendar day without a time zone shift", () => {
    expect(formatDay("2026-11-24", "en-GB")).toBe("24 Nov 2026");
    expect(formatDay("2026-11-24", "en-US")).toBe("Nov 24, 2026");
    expect(formatDay("2026-01-01", "en-US", "long")).toBe("January 1, 2026");
    expect(formatDay("not a date", "en-US")).toBe("not a date");
  });

  it("accepts only real dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
});
