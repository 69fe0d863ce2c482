// Why: the filter bar's state must become exactly the wire filter Rust expects, and the pager must count right.
import { describe, expect, it } from "vitest";
import { categoryFilterLabel, isFilterActive, NO_FILTER, pageRangeLabel, toExpenseFilter } from "../src/lib/expense-list";
import { countLabel } from "../src/lib/format";

const NOV_24 = new Date(2026, 10, 24, 12);

describe("toExpenseFilter", () => {
  it("sends nulls and an empty list for no filter", () => {
    expect(toExpenseFilter(NO_FILTER, NOV_24)).toEqual({ from: null, to: null, categories: [], minAmount: null, maxAmount: null, text: null });
  });

  it("turns a preset into dates on the given day", () => {
    const f = toExpenseFilter({ ...NO_FILTER, preset: "last-month" }, new Date(2026, 0, 5));
    expect([f.from, f.to]).toEqual(["2025-12-01", "2025-12-31"]);
  });

  it("uses the custom range only with the custom preset", () => {
    const custom = { ...NO_FILTER, preset: "custom" as const, from: "", to: "2026-03-01" };
    expect([toExpenseFilter(custom, NOV_24).from, toExpenseFilter(custom, NOV_24).to]).toEqual([null, "2026-03-01"]);
    const ignored = { ...custom, preset: "all" as const };
    expect(toExpenseFilter(ignored, NOV_24).to).toBeNull();
  });

  it("trims what was typed and keeps it as text", () => {
    const f = toExpenseFilter({ ...NO_FILTER, text: "  coffee ", min: " 12,50 ", max: "", categories: [3, 7] }, NOV_24);
    expect(f).toEqual({ from: null, to: null, categories: [3, 7], minAmount: "12,50", maxAmount: null, text: "coffee" });
  });
});

describe("isFilterActive", () => {
  it("tells a filtered list from the whole one", () => {
    expect(isFilterActive(NO_FILTER)).toBe(false);
    expect(isFilterActive({ ...NO_FILTER, text: "   " })).toBe(false);
    expect(isFilterActive({ ...NO_FILTER, preset: "custom" })).toBe(false);
    expect(isFilterActive({ ...NO_FILTER, preset: "custom", from: "2026-01-01" })).toBe(true);
    expect(isFilterActive({ ...NO_FILTER, preset: "this-month" })).toBe(true);
    expect(isFilterActive({ ...NO_FILTER, categories: [1] })).toBe(true);
    expect(isFilterActive({ ...NO_FILTER, max: "10" })).toBe(true);
  });
});

describe("labels", () => {
  it("writes the pager's range", () => {
    expect(pageRangeLabel(0, 50, 1234, "en-US")).toBe("1–50 of 1,234");
    expect(pageRangeLabel(1, 50, 1234, "en-US")).toBe("51–100 of 1,234");
    expect(pageRangeLabel(24, 34, 1234, "en-US")).toBe("1,201–1,234 of 1,234");
    expect(pageRangeLabel(0, 0, 0, "en-US")).toBe("0 of 0");
  });

  it("names the category selection", () => {
    expect(categoryFilterLabel([])).toBe("All categories");
    expect(categoryFilterLabel(["Rent"])).toBe("Rent");
    expect(categoryFilterLabel(["Rent", "Dining", "Travel"])).toBe("3 categories");
  });

  it("counts with the right noun", () => {
    expect(countLabel(1, "expense", "expenses", "en-US")).toBe("1 expense");
    expect(countLabel(0, "expense", "expenses", "en-US")).toBe("0 expenses");
    expect(countLabel(1234, "expense", "expenses", "en-US")).toBe("1,234 expenses");
  });
});
