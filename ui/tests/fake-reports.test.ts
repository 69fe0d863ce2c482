// Why: the dev-only fake stands in for Rust's reports in the browser; its figures must add up like the ledger's, its periods and names must look like Rust's, and its placeholder SVG must escape every name it draws.
import { describe, expect, it } from "vitest";
import type { ChartRequest, ReportRequest } from "../src/api";
import { FakeLedger } from "../src/api/fake-ledger";
import { fakeChartBytes, fakeChartSvg, periodNames, resolvePeriod, tableRows, xmlEscape } from "../src/api/fake-reports";
import { chartImageType } from "../src/lib/reports";

const EUR = { code: "EUR", minorUnits: 2 };
const TODAY = "2026-11-10";

function ledger() {
  const l = new FakeLedger(EUR);
  const id = (name: string) => l.categories().categories.find((c) => c.name === name)?.id ?? 0;
  const spend = (name: string, date: string, amount: string) => l.add({ date, amount, categoryId: id(name), description: "x", notes: "", paymentMethod: "" });
  spend("Groceries", "2026-11-02", "30");
  spend("Groceries", "2026-11-05", "15");
  spend("Rent", "2026-11-01", "50");
  spend("Dining", "2026-11-09", "5");
  spend("Dining", "2026-10-20", "40");
  spend("Groceries", "2025-12-31", "7");
  return { l, id };
}

const request = (more: Partial<ReportRequest> = {}): ReportRequest => ({ period: { kind: "thisMonth" }, categoryIds: [], trendMonths: 12, ...more });

describe("the fake report", () => {
  it("splits the period's spending by category, largest first, with shares in basis points", () => {
    const { l } = ledger();
    const r = l.report(request(), TODAY);
    expect([r.from, r.to, r.label, r.fileStem, r.currency]).toEqual(["2026-11-01", "2026-11-30", "November 2026", "2026-11", "EUR"]);
    expect([r.total, r.count]).toEqual([10_000, 4]);
    expect(r.byCategory.map((c) => [c.name, c.amount, c.count, c.shareBp])).toEqual([
      ["Rent", 5_000, 1, 5000],
      ["Groceries", 4_500, 2, 4500],
      ["Dining", 500, 1, 500],
    ]);
  });

  it("counts only the chosen categories", () => {
    const { l, id } = ledger();
    const r = l.report(request({ categoryIds: [id("Dining")] }), TODAY);
    expect([r.total, r.count, r.byCategory.length]).toEqual([500, 1, 1]);
    expect(r.monthly.months.find((m) => m.month === "2026-10")?.amount).toBe(4_000);
    expect(r.monthly.total).toBe(4_500);
  });

  it("shows 12 or 24 months ending with the period's, with their average", () => {
    const { l } = ledger();
    const r = l.report(request(), TODAY);
    expect(r.monthly.months.length).toBe(12);
    expect(r.monthly.months[0]?.month).toBe("2025-12");
    expect(r.monthly.months[11]?.month).toBe("2026-11");
    expect(r.monthly.total).toBe(700 + 4_000 + 10_000);
    expect(r.monthly.average).toBe(Math.round(14_700 / 12));
    expect(r.monthly.months.reduce((s, m) => s + m.shareBp, 0)).toBeGreaterThanOrEqual(9_998);
    expect(l.report(request({ trendMonths: 24 }), TODAY).monthly.months.length).toBe(24);
    expect(() => l.report(request({ trendMonths: 6 }), TODAY)).toThrow(expect.objectContaining({ code: "invalid_period" }));
  });

  it("puts budgeted categories first, then the rest that was spent in, and runs the burn-up to today", () => {
    const { l, id } = ledger();
    l.setBudget({ categoryId: id("Groceries"), month: "2026-11", span: "fromThisMonthOn", amount: "40", rollover: false }, TODAY);
    l.setBudget({ categoryId: null, month: "2026-11", span: "fromThisMonthOn", amount: "150", rollover: false }, TODAY);
    const r = l.report(request(), TODAY);
    expect(r.budget.rows.map((row) => [row.name, row.limit, row.spent, row.remaining, row.percent])).toEqual([
      ["Groceries", 4_000, 4_500, -500, 112],
      ["Rent", null, 5_000, null, null],
      ["Dining", null, 500, null, null],
    ]);
    expect(r.burnUp.days.length).toBe(10);
    expect(r.burnUp.days[1]).toEqual({ date: "2026-11-02", spent: 3_000, cumulative: 8_000 });
    expect(r.burnUp.days[9]?.cumulative).toBe(10_000);
    expect(r.burnUp.limit).toBe(15_000);
    expect(r.burnUp.projected).toBe(30_000);
    expect(r.burnUp.overOn).toBe("2026-11-16");
    // With a filter, the chosen categories' budgets make the line.
    expect(l.report(request({ categoryIds: [id("Groceries")] }), TODAY).burnUp.limit).toBe(4_000);
    expect(l.report(request({ categoryIds: [id("Rent")] }), TODAY).burnUp.limit).toBeNull();
  });

  it("has no burn-up days for a month that has not started, and all of a past one", () => {
    const { l } = ledger();
    expect(l.report(request({ period: { kind: "custom", from: "2026-12-01", to: "2026-12-31" } }), TODAY).burnUp.days).toEqual([]);
    const past = l.report(request({ period: { kind: "lastMonth" } }), TODAY).burnUp;
    expect([past.days.length, past.projected, past.overOn]).toEqual([31, null, null]);
  });

  it("refuses a range that ends before it starts, as Rust does", () => {
    const { l } = ledger();
    expect(() => l.report(request({ period: { kind: "custom", from: "2026-11-14", to: "2026-09-03" } }), TODAY)).toThrow(
      expect.objectContaining({ code: "invalid_period" }),
    );
    expect(() => l.report(request({ period: { kind: "custom", from: "2026-02-30", to: "2026-03-03" } }), TODAY)).toThrow(
      expect.objectContaining({ code: "invalid_period" }),
    );
  });

  it("counts the rows each table exports", () => {
    const { l } = ledger();
    const r = l.report(request(), TODAY);
    expect([tableRows(r, "spendingByCategory"), tableRows(r, "monthlyTotals"), tableRows(r, "budgetVsActual"), tableRows(r, "burnUp")]).toEqual([3, 12, 3, 10]);
  });
});

describe("fake periods", () => {
  it("resolve the presets on today", () => {
    expect(resolvePeriod({ kind: "lastMonth" }, "2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(resolvePeriod({ kind: "last3Months" }, TODAY)).toEqual({ from: "2026-09-01", to: "2026-11-30" });
    expect(resolvePeriod({ kind: "last12Months" }, TODAY)).toEqual({ from: "2025-12-01", to: "2026-11-30" });
    expect(resolvePeriod({ kind: "thisYear" }, "2024-02-29")).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });

  it("are named like Rust names them", () => {
    expect(periodNames("2026-11-01", "2026-11-30")).toEqual({ label: "November 2026", fileStem: "2026-11" });
    expect(periodNames("2026-09-01", "2026-11-30")).toEqual({ label: "September – November 2026", fileStem: "2026-09-to-2026-11" });
    expect(periodNames("2025-12-01", "2026-02-28")).toEqual({ label: "December 2025 – February 2026", fileStem: "2025-12-to-2026-02" });
    expect(periodNames("2026-09-03", "2026-11-14")).toEqual({ label: "3 Sep 2026 – 14 Nov 2026", fileStem: "2026-09-03-to-2026-11-14" });
    expect(periodNames("2026-09-03", "2026-09-03")).toEqual({ label: "3 Sep 2026", fileStem: "2026-09-03" });
  });
});

describe("the placeholder chart", () => {
  it("escapes the five XML characters and drops control characters", () => {
    expect(xmlEscape(`<b a="1" b='2'>&</b>`)).toBe("&lt;b a=&quot;1&quot; b=&apos;2&apos;&gt;&amp;&lt;/b&gt;");
    expect(xmlEscape("a\u0000b\u0007c\td\ne")).toBe("abc\td\ne");
    expect(xmlEscape("Café · 12 €")).toBe("Café · 12 €");
  });

  const chart = (more: Partial<ChartRequest> = {}): ChartRequest => ({
    report: request(),
    chart: "spendingByCategory",
    theme: "dark",
    width: 480,
    height: 320,
    format: "png",
    ...more,
  });

  it("draws hostile names as text", () => {
    const { l, id } = ledger();
    l.updateCategory(id("Rent"), { name: "</text><script>alert(1)</script>", color: "#6d28d9" });
    const r = l.report(request(), TODAY);
    for (const kind of ["spendingByCategory", "budgetVsActual"] as const) {
      const svg = fakeChartSvg(chart({ chart: kind }), r, EUR);
      expect(svg).not.toContain("<script");
      expect(svg).not.toContain("</text><script");
    }
    expect(fakeChartSvg(chart(), r, EUR)).toContain("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("is an SVG whatever format was asked, at the size asked", () => {
    const { l } = ledger();
    const r = l.report(request(), TODAY);
    const bytes = fakeChartBytes(chart({ format: "png" }), r, EUR);
    expect(chartImageType(bytes)).toBe("image/svg+xml");
    expect(new TextDecoder().decode(bytes)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="480" height="320"/u);
    expect(() => fakeChartSvg(chart({ width: 100 }), r, EUR)).toThrow(expect.objectContaining({ code: "invalid_chart" }));
    expect(() => fakeChartSvg(chart({ height: 5000 }), r, EUR)).toThrow(expect.objectContaining({ code: "invalid_chart" }));
  });
});
