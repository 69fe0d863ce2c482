// Why: a report's tables carry category names (user text) and money; the names must reach the page only as text, figures must line up, "over budget" must be said in words, and an empty table must say what to do instead.
import { describe, expect, it } from "vitest";
import type { ChartKind, Report } from "../src/api";
import { reportTable } from "../src/components/report-tables";
import { CHART_KINDS } from "../src/lib/reports";
import { toHtml } from "./lit-text";
import { sampleReport } from "./report-fixture";

const EUR = { code: "EUR", minorUnits: 2 };
const EVIL = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

const render = (kind: ChartKind, report: Report, filtered = false) => toHtml(reportTable({ kind, report, currency: EUR, filtered, locale: "en" }));

/** The report with every category called EVIL. */
function hostile(): Report {
  const r = sampleReport({ label: `November 2026 ${EVIL}` });
  return {
    ...r,
    byCategory: r.byCategory.map((c) => ({ ...c, name: EVIL })),
    budget: { ...r.budget, rows: r.budget.rows.map((row) => ({ ...row, name: EVIL })) },
  };
}

/** What a cell says, tags stripped. */
const words = (out: string) => out.replace(/<[^>]*>/gu, " ").replace(/\s+/gu, " ");

describe("user text stays text", () => {
  it("in every table", () => {
    for (const kind of CHART_KINDS) {
      const out = render(kind, hostile());
      expect(out).not.toContain("<img");
      if (kind === "spendingByCategory" || kind === "budgetVsActual") expect(out).toContain(ESCAPED);
    }
  });

  it("in the empty states", () => {
    const empty = hostile();
    const none: Report = { ...empty, total: 0, count: 0, byCategory: [] };
    const out = render("spendingByCategory", none, true);
    expect(out).toContain("id=report-empty-spendingByCategory ");
    expect(out).toContain(`Nothing was spent in November 2026 ${ESCAPED} in these categories. Pick another period or add expenses.`);
    expect(out).not.toContain("<img");
  });
});

describe("the spending table", () => {
  it("lists each category with its amount, share and count, and the total", () => {
    const out = render("spendingByCategory", sampleReport());
    expect(out).toContain('class="table report-table"');
    expect(out).toContain("table-responsive");
    expect(words(out)).toContain("Groceries €450.00 45.00 % 7");
    expect(words(out)).toContain("Other €0.40 0.04 % 1");
    expect(words(out)).toContain("Total €1,000.00 12");
    // Amounts right-aligned with tabular digits.
    expect(out).toContain('<td class="report-num amount">€450.00</td>');
    expect(out).toContain("category-dot");
  });
});

describe("the monthly table", () => {
  it("names months briefly and ends with the average and the total", () => {
    const out = render("monthlyTotals", sampleReport());
    expect(words(out)).toContain("Nov 2026 €1,000.00 37.04 %");
    expect(words(out)).toContain("Average €900.00");
    expect(words(out)).toContain("Total €2,700.00");
    expect(out.indexOf("Sep 2026")).toBeLessThan(out.indexOf("Nov 2026"));
  });
});

describe("the budget table", () => {
  const out = render("budgetVsActual", sampleReport());
  it("says over budget in words and an icon, not colour alone", () => {
    expect(words(out)).toContain("Dining €200.00 €249.60 Over by €49.60 124 %");
    expect(out).toMatch(
      /report-over text-danger"\s*><span class="report-over-words"><i class="bi bi-exclamation-triangle-fill" aria-hidden="true"><\/i> Over by<\/span>\s*<span class="amount">€49.60<\/span>/u,
    );
  });

  it("shows a dash where there is no budget, with words for screen readers", () => {
    expect(words(out)).toContain("Groceries €500.00 €450.00 €50.00 90 %");
    expect(words(out)).toContain("Rent — no budget €300.00 — no budget — no budget");
  });

  it("is empty without budgets or spending", () => {
    const none = render("budgetVsActual", sampleReport({ budget: { month: "2026-11", rows: [] } }));
    expect(none).toContain("id=report-empty-budgetVsActual ");
    expect(none).toContain("November 2026 has no budgets and no spending. Set budgets on the Budgets screen, or pick another period.");
    expect(none).not.toContain("<table");
  });
});

describe("the burn-up table", () => {
  it("lists the days under the budget, the projection and the day it is passed", () => {
    const out = render("burnUp", sampleReport());
    expect(words(out)).toContain("Budget €1,200.00");
    expect(words(out)).toContain("Projected €10,000.00");
    expect(words(out)).toMatch(/Over on .*4 Nov 2026|Over on .*Nov 4, 2026/u);
    expect(words(out)).toMatch(/Nov 3, 2026 €700.00 €1,000.00|3 Nov 2026 €700.00 €1,000.00/u);
    expect(out.indexOf("report-burn-summary")).toBeLessThan(out.indexOf("<table"));
  });

  it("says when the month has not started", () => {
    const out = render("burnUp", sampleReport({ burnUp: { month: "2026-12", limit: 50_000, days: [], projected: null, overOn: null } }));
    expect(out).toContain("id=report-empty-burnUp ");
    expect(out).toContain("December 2026 has not started yet. Pick another period.");
    expect(out).not.toContain("report-burn-summary");
  });
});
