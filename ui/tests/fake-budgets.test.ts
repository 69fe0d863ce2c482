// Why: the dev-only fake stands in for Rust's budgets in the browser; its resolution of changes, rollover, forecast and alerts must follow the ledger's rules or the screen gets built against the wrong ones.
import { describe, expect, it } from "vitest";
import { pace } from "../src/api/fake-budgets";
import { FakeLedger } from "../src/api/fake-ledger";
import type { SetBudgetRequest } from "../src/api";

const EUR = { code: "EUR", minorUnits: 2 };
const TODAY = "2026-11-10";

function ledger(): { l: FakeLedger; groceries: number } {
  const l = new FakeLedger(EUR);
  const groceries = l.categories().categories.find((c) => c.name === "Groceries")?.id ?? 0;
  return { l, groceries };
}

const spend = (l: FakeLedger, categoryId: number, date: string, amount: string) =>
  l.add({ date, amount, categoryId, description: "Shop", notes: "", paymentMethod: "" });

const change = (r: Partial<SetBudgetRequest> & Pick<SetBudgetRequest, "month">): SetBudgetRequest => ({
  categoryId: null,
  span: "fromThisMonthOn",
  amount: "100",
  rollover: false,
  ...r,
});

const overall = (l: FakeLedger, month: string) => l.budgetMonth(month, TODAY).overall.amount;

describe("budget changes", () => {
  it("apply from their month on, or to one month only", () => {
    const { l } = ledger();
    l.setBudget(change({ month: "2026-11", amount: "1000" }), TODAY);
    l.setBudget(change({ month: "2026-12", amount: "800", span: "thisMonth" }), TODAY);
    expect([overall(l, "2026-10"), overall(l, "2026-11"), overall(l, "2026-12"), overall(l, "2027-01")]).toEqual([null, 100_000, 80_000, 100_000]);
    expect(l.budgetMonth("2026-12", TODAY).overall.thisMonthOnly).toBe(true);
    // "From November on" replaces the later one-month change, and keeps the months before.
    l.setBudget(change({ month: "2026-11", amount: "1200" }), TODAY);
    expect([overall(l, "2026-10"), overall(l, "2026-12")]).toEqual([null, 120_000]);
  });

  it("remove for a span without touching the past", () => {
    const { l } = ledger();
    l.setBudget(change({ month: "2026-09", amount: "1000" }), TODAY);
    l.setBudget(change({ month: "2026-11", amount: null, span: "thisMonth" }), TODAY);
    expect([overall(l, "2026-10"), overall(l, "2026-11"), overall(l, "2026-12")]).toEqual([100_000, null, 100_000]);
    l.setBudget(change({ month: "2027-01", amount: null }), TODAY);
    expect([overall(l, "2026-12"), overall(l, "2027-01"), overall(l, "2027-06")]).toEqual([100_000, null, null]);
  });

  it("refuse with Rust's codes", () => {
    const { l } = ledger();
    expect(() => l.setBudget(change({ month: "2026-13" }), TODAY)).toThrow(expect.objectContaining({ code: "invalid_month" }));
    expect(() => l.setBudget(change({ month: "2026-11", amount: "0" }), TODAY)).toThrow(expect.objectContaining({ code: "invalid_amount" }));
    expect(() => l.setBudget(change({ month: "2026-11", categoryId: 999 }), TODAY)).toThrow(expect.objectContaining({ code: "unknown_category" }));
    expect(() => l.copyBudgets("2026-11", TODAY)).toThrow(expect.objectContaining({ code: "invalid_month" }));
    expect(() => l.setAlertSettings({ thresholds: [80, 80], osNotifications: true, hideAmounts: false })).toThrow(
      expect.objectContaining({ code: "invalid_threshold" }),
    );
  });

  it("copy last month's budgets from this month on", () => {
    const { l, groceries } = ledger();
    l.setBudget(change({ month: "2026-10", amount: "900" }), TODAY);
    l.setBudget(change({ month: "2026-10", categoryId: groceries, amount: "300", rollover: true }), TODAY);
    l.setBudget(change({ month: "2026-11", amount: "500", span: "thisMonth" }), TODAY);
    expect(l.budgetMonth("2026-11", TODAY).previousHasBudgets).toBe(true);
    const m = l.copyBudgets("2026-11", TODAY);
    expect(m.overall.amount).toBe(90_000);
    expect(m.overall.thisMonthOnly).toBe(false);
    expect(m.categories.find((c) => c.categoryId === groceries)?.rollover).toBe(true);
  });
});

describe("rollover", () => {
  it("carries what was left, or overspent, into the next month", () => {
    const { l, groceries } = ledger();
    l.setBudget(change({ month: "2026-09", categoryId: groceries, amount: "100", rollover: true }), TODAY);
    spend(l, groceries, "2026-09-05", "80");
    spend(l, groceries, "2026-10-05", "150");
    const line = (month: string) => l.budgetMonth(month, TODAY).categories.find((c) => c.categoryId === groceries);
    expect(line("2026-10")).toMatchObject({ carried: 2_000, limit: 12_000, remaining: -3_000 });
    // October passed on its own limit minus its spending: 120 − 150 = −30.
    expect(line("2026-11")).toMatchObject({ carried: -3_000, limit: 7_000 });
  });
});

describe("forecast", () => {
  it("matches Rust's pace arithmetic", () => {
    expect(pace(13_743, 35_000, "2026-11-10")).toEqual({ projected: 41_229, overOn: "2026-11-26" });
    expect(pace(14_500, 35_000, "2026-11-10").overOn).toBe("2026-11-25");
    expect(pace(10_000, 30_000, "2026-11-10")).toEqual({ projected: 30_000, overOn: null });
    expect(pace(500, 400, "2026-11-05").overOn).toBeNull();
    expect(pace(400, 1_150, "2024-02-10").overOn).toBe("2024-02-29");
    expect(pace(400, 1_150, "2023-02-10").overOn).toBeNull();
  });

  it("is only for the current month", () => {
    const { l } = ledger();
    l.setBudget(change({ month: "2026-10", amount: "100" }), TODAY);
    expect(l.budgetMonth("2026-10", TODAY).overall.forecast).toBeNull();
    expect(l.budgetMonth("2026-11", TODAY).overall.forecast).not.toBeNull();
    expect(l.budgetMonth("2026-12", TODAY).overall.forecast).toBeNull();
    expect(l.budgetMonth("2026-11", TODAY).daysLeft).toBe(21);
  });
});

describe("alerts", () => {
  it("announce each threshold once, overall first", () => {
    const { l, groceries } = ledger();
    l.setBudget(change({ month: "2026-11", amount: "1000" }), TODAY);
    l.setBudget(change({ month: "2026-11", categoryId: groceries, amount: "100" }), TODAY);
    spend(l, groceries, "2026-11-02", "85");
    expect(l.budgetAlerts(TODAY).map((a) => [a.name, a.threshold])).toEqual([["Groceries", 80]]);
    expect(l.budgetAlerts(TODAY)).toEqual([]);
    spend(l, groceries, "2026-11-03", "800");
    expect(l.budgetAlerts(TODAY).map((a) => [a.name, a.threshold, a.percent])).toEqual([
      [null, 80, 88],
      ["Groceries", 100, 885],
    ]);
  });
});
