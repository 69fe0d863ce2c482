// Why: a category name is user text; on the budgets screen, in the alert toast and beside the navbar badge it must reach the page as text, and a line must show its state in words as well as in colour.
import { html } from "lit-html";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BudgetLine } from "../src/api";
import { budgetLineParts } from "../src/components/budget-line";
import { createMenu } from "../src/components/menu";
import { navbar } from "../src/components/navbar";
import { createToaster } from "../src/components/toast";
import { alertSummary } from "../src/lib/budgets";
import { toHtml } from "./lit-text";

const EUR = { code: "EUR", minorUnits: 2 };
const EVIL = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

function line(name: string, spent: number, limit: number): BudgetLine {
  return {
    categoryId: 7,
    name,
    color: "#be185d",
    amount: limit,
    carried: 0,
    limit,
    rollover: false,
    thisMonthOnly: false,
    spent,
    remaining: limit - spent,
    percent: Math.floor((spent * 100) / limit),
    forecast: { projected: spent * 2, overOn: null },
  };
}

const props = (l: BudgetLine) => ({
  line: l,
  month: "2026-11",
  phase: "current" as const,
  daysLeft: 15,
  currency: EUR,
  thresholds: [80, 100],
  onEdit: () => undefined,
});

describe("user text stays text", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("in a budget line (badge, title, bar label, edit button)", () => {
    const out = toHtml(budgetLineParts(props(line(EVIL, 100, 1_000))));
    expect(out).toContain(ESCAPED);
    expect(out).not.toContain("<img");
  });

  it("in the alert toast", () => {
    const toaster = createToaster(() => undefined, () => undefined, { id: "budget-toast" });
    toaster.show(alertSummary({ alerts: [{ categoryId: 7, name: EVIL, month: "2026-11", threshold: 80, spent: 800, limit: 1_000, percent: 80 }], atUnlock: false }, EUR));
    const out = toHtml(toaster.item());
    expect(out).toContain("id=budget-toast");
    expect(out).toContain(`${ESCAPED}: 80 % of this month's budget reached`);
    expect(out).not.toContain("<img");
  });
});

describe("a budget line", () => {
  it("says its state in words and colour, and fills the bar to its percentage", () => {
    const near = toHtml(budgetLineParts(props(line("Groceries", 850, 1_000))));
    expect(near).toContain("Near limit");
    expect(near).toContain("bg-warning");
    expect(near).toContain('aria-valuenow=85');
    const over = toHtml(budgetLineParts(props(line("Groceries", 1_200, 1_000))));
    expect(over).toContain("Over budget");
    expect(over).toContain("bg-danger");
    expect(over).toContain('aria-valuenow=100');
    const fine = toHtml(budgetLineParts(props(line("Groceries", 100, 1_000))));
    expect(fine).toContain("On track");
    expect(fine).toContain("bg-success");
  });
});

describe("the navbar badge", () => {
  const bar = (count: number) =>
    toHtml(
      navbar({
        profile: { id: "p-1", name: "Alice", role: "admin", createdAt: 0, damaged: null, lockedUntil: null },
        themeToggle: html``,
        lockLabel: "Ctrl+L",
        locking: false,
        onLock: () => undefined,
        current: "home",
        onNavigate: () => undefined,
        budgetAlerts: count,
        profileMenu: createMenu(() => undefined),
      }),
    );

  /** The badge's text, as `textContent` would give it. */
  const badge = (count: number) => {
    const out = bar(count);
    const start = out.indexOf('id="budgets-badge"');
    expect(start).toBeGreaterThan(-1);
    const element = out.slice(start, out.indexOf("</a>", start));
    return { element, text: element.slice(element.indexOf(">") + 1).replace(/<[^>]*>/gu, "").trim() };
  };

  it("shows the count, and says it in words", () => {
    const { element, text } = badge(3);
    expect(bar(3)).toContain('id="nav-budgets"');
    expect(element).toContain("text-bg-danger");
    expect(element).not.toContain("d-none");
    expect(text).toBe("3 new budget alerts");
    // The only digits are the count (what the end-to-end test reads).
    expect(text.replace(/\D/gu, "")).toBe("3");
    expect(badge(1).text).toBe("1 new budget alert");
  });

  it("hides itself, empty, at zero", () => {
    const { element, text } = badge(0);
    expect(element).toContain("d-none");
    expect(text).toBe("");
  });
});
