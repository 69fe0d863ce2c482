// Why: the Reports screen's pure rules — which request the choices make, the custom range check, the save dialog's file names, shares from basis points, the charts' text alternatives and what the image bytes are — decide what the person sees and which file gets written.
import { describe, expect, it } from "vitest";
import {
  CHART_KINDS,
  DEFAULT_REPORT_CHOICES,
  categoryButtonLabel,
  chartAlt,
  chartFileName,
  chartImageType,
  chartStem,
  chartTitle,
  chartWidth,
  customRangeProblem,
  emptyTableText,
  exportedTableMessage,
  isReportPreset,
  isTableEmpty,
  reportRequest,
  roundShareText,
  savedChartMessage,
  shareText,
  shortMonth,
} from "../src/lib/reports";
import { appliedTheme } from "../src/lib/theme";
import { sampleReport } from "./report-fixture";

const EUR = { code: "EUR", minorUnits: 2 };

describe("the choices", () => {
  it("make the request Rust expects, categories sorted", () => {
    expect(reportRequest(DEFAULT_REPORT_CHOICES)).toEqual({ period: { kind: "thisMonth" }, categoryIds: [], trendMonths: 12 });
    expect(reportRequest({ ...DEFAULT_REPORT_CHOICES, preset: "last3Months", categoryIds: [9, 2], trendMonths: 24 })).toEqual({
      period: { kind: "last3Months" },
      categoryIds: [2, 9],
      trendMonths: 24,
    });
    expect(reportRequest({ ...DEFAULT_REPORT_CHOICES, preset: "custom", from: " 2026-09-03", to: "2026-11-14 " })?.period).toEqual({
      kind: "custom",
      from: "2026-09-03",
      to: "2026-11-14",
    });
  });

  it("ask nothing for a custom range that cannot be", () => {
    expect(reportRequest({ ...DEFAULT_REPORT_CHOICES, preset: "custom", from: "2026-11-14", to: "2026-09-03" })).toBeNull();
    expect(reportRequest({ ...DEFAULT_REPORT_CHOICES, preset: "custom", from: "", to: "2026-09-03" })).toBeNull();
    // The range typed earlier does not matter for a preset.
    expect(reportRequest({ ...DEFAULT_REPORT_CHOICES, preset: "lastMonth", from: "2026-11-14", to: "2026-09-03" })?.period).toEqual({ kind: "lastMonth" });
  });

  it("know the select's values", () => {
    for (const v of ["thisMonth", "lastMonth", "last3Months", "last12Months", "thisYear", "custom"]) expect(isReportPreset(v)).toBe(true);
    expect(isReportPreset("all")).toBe(false);
  });
});

describe("the custom range check", () => {
  it("accepts a start on or before the end", () => {
    expect(customRangeProblem("2026-09-03", "2026-11-14")).toBeNull();
    expect(customRangeProblem("2026-11-14", "2026-11-14")).toBeNull();
  });

  it("says clearly what is wrong", () => {
    expect(customRangeProblem("2026-11-14", "2026-09-03")).toMatch(/^The range starts \(.+\) after it ends \(.+\): swap the dates\.$/u);
    expect(customRangeProblem("", "")).toBe("Choose the first and the last day of the range.");
    expect(customRangeProblem("2026-11-01", "")).toBe("Choose the last day of the range.");
    expect(customRangeProblem("", "2026-11-01")).toBe("Choose the first day of the range.");
    expect(customRangeProblem("2026-02-30", "2026-03-01")).toContain("is not a date");
    expect(customRangeProblem("2026-02-01", "tomorrow")).toContain("“tomorrow” is not a date");
  });
});

describe("the category filter's button", () => {
  const list = [
    { id: 1, name: "Groceries" },
    { id: 2, name: "Rent" },
    { id: 3, name: "Dining" },
  ];
  it("says all, the one name, or how many", () => {
    expect(categoryButtonLabel([], list)).toBe("All categories");
    expect(categoryButtonLabel([2], list)).toBe("Rent");
    expect(categoryButtonLabel([1, 3], list)).toBe("2 categories");
  });
  it("leaves out categories that are gone", () => {
    expect(categoryButtonLabel([3, 99], list)).toBe("Dining");
    expect(categoryButtonLabel([99], list)).toBe("All categories");
  });
});

describe("file names", () => {
  const r = sampleReport();
  it("name the chart and its figures' period", () => {
    expect(chartFileName("spendingByCategory", r, "png")).toBe("coffer-spending-by-category-2026-11.png");
    expect(chartFileName("monthlyTotals", r, "svg")).toBe("coffer-monthly-totals-2026-09-to-2026-11.svg");
    expect(chartFileName("budgetVsActual", r, "csv")).toBe("coffer-budget-vs-actual-2026-11.csv");
    expect(chartFileName("burnUp", r, "xlsx")).toBe("coffer-burn-up-2026-11.xlsx");
  });

  it("use the period for the donut, the months for the bars, the last month for the other two", () => {
    const range = sampleReport({ fileStem: "2026-09-03-to-2026-12-14", budget: { month: "2026-12", rows: [] }, burnUp: { ...r.burnUp, month: "2026-12" } });
    expect(chartStem("spendingByCategory", range)).toBe("2026-09-03-to-2026-12-14");
    expect(chartStem("monthlyTotals", range)).toBe("2026-09-to-2026-11");
    expect(chartStem("budgetVsActual", range)).toBe("2026-12");
    expect(chartStem("burnUp", range)).toBe("2026-12");
    expect(chartFileName("burnUp", range, "csv")).toBe("coffer-burn-up-2026-12.csv");
    // One month, or none, falls back gracefully.
    expect(chartStem("monthlyTotals", sampleReport({ monthly: { months: [{ month: "2026-11", amount: 1, shareBp: 10000 }], average: 1, total: 1 } }))).toBe("2026-11");
    expect(chartStem("monthlyTotals", sampleReport({ monthly: { months: [], average: 0, total: 0 } }))).toBe("2026-11");
  });

  it("and the toasts name the file, not its folder", () => {
    expect(savedChartMessage("/home/alice/Pictures/coffer-spending-by-category-2026-11.png")).toBe("Saved coffer-spending-by-category-2026-11.png");
    expect(savedChartMessage("C:\\Users\\alice\\coffer-burn-up-2026-11.svg")).toBe("Saved coffer-burn-up-2026-11.svg");
    expect(exportedTableMessage(1, "/tmp/a.csv", "en")).toBe("Exported 1 row to a.csv");
    expect(exportedTableMessage(12, "/tmp/coffer-monthly-totals-2025-12-to-2026-11.xlsx", "en")).toBe(
      "Exported 12 rows to coffer-monthly-totals-2025-12-to-2026-11.xlsx",
    );
  });
});

describe("shares", () => {
  it("are written from basis points with two decimals", () => {
    expect(shareText(1234, "en")).toBe("12.34 %");
    expect(shareText(10_000, "en")).toBe("100.00 %");
    expect(shareText(5, "en")).toBe("0.05 %");
    expect(shareText(0, "en")).toBe("0.00 %");
    expect(shareText(2999, "en")).toBe("29.99 %");
    expect(shareText(1234, "de")).toBe("12,34 %");
  });

  it("are rounded for sentences, and a sliver is not 0 %", () => {
    expect(roundShareText(4500, "en")).toBe("45 %");
    expect(roundShareText(2496, "en")).toBe("25 %");
    expect(roundShareText(4, "en")).toBe("under 1 %");
    expect(roundShareText(0, "en")).toBe("0 %");
  });
});

describe("card titles and table months", () => {
  it("name the month of the two month charts", () => {
    const r = sampleReport();
    expect(chartTitle("spendingByCategory", r, "en")).toBe("Spending by category");
    expect(chartTitle("monthlyTotals", r, "en")).toBe("Monthly totals");
    expect(chartTitle("budgetVsActual", r, "en")).toBe("Budget vs actual · November 2026");
    expect(chartTitle("burnUp", r, "en")).toBe("Burn-up · November 2026");
    expect(chartTitle("burnUp", null, "en")).toBe("Burn-up");
    expect(shortMonth("2026-11", "en")).toBe("Nov 2026");
  });
});

describe("text alternatives", () => {
  const r = sampleReport();
  it("sum up the donut, largest first, with shares and amounts", () => {
    expect(chartAlt("spendingByCategory", r, EUR, "en")).toBe(
      "Spending by category, November 2026: Groceries 45 % (€450.00), Rent 30 % (€300.00), Dining 25 % (€249.60), Other under 1 % (€0.40). Total €1,000.00.",
    );
    expect(chartAlt("spendingByCategory", sampleReport({ byCategory: [], total: 0, count: 0 }), EUR, "en")).toBe(
      "Spending by category, November 2026: nothing spent.",
    );
  });

  it("name at most six categories", () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ categoryId: i, name: `C${i}`, color: "#000000", amount: 100, count: 1, shareBp: 1111 }));
    const alt = chartAlt("spendingByCategory", sampleReport({ byCategory: many }), EUR, "en");
    expect(alt).toContain("C5 11 %");
    expect(alt).not.toContain("C6");
    expect(alt).toContain("and 3 more");
  });

  it("sum up the bars, the budgets and the burn-up", () => {
    expect(chartAlt("monthlyTotals", r, EUR, "en")).toBe(
      "Monthly totals, September 2026 to November 2026: total €2,700.00, on average €900.00 a month; highest November 2026 (€1,000.00), lowest September 2026 (€800.00).",
    );
    expect(chartAlt("budgetVsActual", r, EUR, "en")).toBe(
      "Budget vs actual, November 2026: Dining €249.60 of €200.00, over by €49.60, Groceries €450.00 of €500.00 (90 %), Rent €300.00 spent, no budget.",
    );
    const burn = chartAlt("burnUp", r, EUR, "en");
    expect(burn).toMatch(/^Burn-up, November 2026: €1,000.00 spent by .+, a budget of €1,200.00; at this pace €10,000.00 by the month's end, over budget on .+\.$/u);
    expect(chartAlt("burnUp", sampleReport({ burnUp: { month: "2026-12", limit: null, days: [], projected: null, overOn: null } }), EUR, "en")).toBe(
      "Burn-up, December 2026: the month has not started.",
    );
  });

  it("are plain text, whatever the names hold", () => {
    const evil = sampleReport({ byCategory: [{ categoryId: 1, name: "<img src=x onerror=alert(1)>", color: "#000000", amount: 1, count: 1, shareBp: 10000 }] });
    // Plain text for an alt attribute: lit sets it as an attribute value, never as markup.
    expect(chartAlt("spendingByCategory", evil, EUR, "en")).toContain("<img src=x onerror=alert(1)> 100 %");
  });
});

describe("empty tables", () => {
  it("are recognised per chart", () => {
    const r = sampleReport();
    for (const kind of CHART_KINDS) expect(isTableEmpty(kind, r)).toBe(false);
    const none = sampleReport({
      total: 0,
      count: 0,
      byCategory: [],
      monthly: { months: [{ month: "2026-11", amount: 0, shareBp: 0 }], average: 0, total: 0 },
      budget: { month: "2026-11", rows: [] },
      burnUp: { month: "2026-11", limit: null, days: [{ date: "2026-11-01", spent: 0, cumulative: 0 }], projected: 0, overOn: null },
    });
    for (const kind of CHART_KINDS) expect(isTableEmpty(kind, none)).toBe(true);
  });

  it("say what to do", () => {
    const r = sampleReport({ count: 0, byCategory: [], total: 0 });
    expect(emptyTableText("spendingByCategory", r, true)).toBe("Nothing was spent in November 2026 in these categories. Pick another period or add expenses.");
    expect(emptyTableText("spendingByCategory", r, false)).toBe("Nothing was spent in November 2026. Pick another period or add expenses.");
    expect(emptyTableText("monthlyTotals", r, false, "en")).toBe(
      "Nothing was spent from September 2026 to November 2026. Pick another period or add expenses.",
    );
    expect(emptyTableText("burnUp", sampleReport({ burnUp: { month: "2026-12", limit: null, days: [], projected: null, overOn: null } }), false, "en")).toBe(
      "December 2026 has not started yet. Pick another period.",
    );
  });
});

describe("chart images", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it("are told apart by their first bytes, not by what was asked", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(chartImageType(png)).toBe("image/png");
    expect(chartImageType(png.buffer)).toBe("image/png");
    expect(chartImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe("image/svg+xml");
    expect(chartImageType(bytes('\uFEFF  <?xml version="1.0"?>\n<svg width="10">'))).toBe("image/svg+xml");
    expect(chartImageType(bytes("<!-- drawn by Coffer -->\n<svg>").buffer)).toBe("image/svg+xml");
  });

  it("are refused when they are neither", () => {
    expect(chartImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(chartImageType(bytes("<html><body>hi</body></html>"))).toBeNull();
    expect(chartImageType(bytes('<?xml version="1.0"?><html/>'))).toBeNull();
    expect(chartImageType(bytes("<svgx>"))).toBeNull();
    expect(chartImageType(new Uint8Array())).toBeNull();
    expect(chartImageType(bytes("GIF89a"))).toBeNull();
  });

  it("are as wide as the card, within what Rust draws", () => {
    expect(chartWidth(517.4)).toBe(517);
    expect(chartWidth(517.5)).toBe(518);
    expect(chartWidth(100)).toBe(240);
    expect(chartWidth(5000)).toBe(2048);
    expect(chartWidth(Number.NaN)).toBe(240);
  });

  it("follow the theme the page shows", () => {
    expect(appliedTheme("dark")).toBe("dark");
    expect(appliedTheme("light")).toBe("light");
    expect(appliedTheme(undefined)).toBe("light");
  });
});
