// Why: a budget's state must be said the same way everywhere (bar colour, icon, words), the forecast and alert sentences must read right, and the thresholds field and the navbar badge must count right.
import { describe, expect, it } from "vitest";
import type { BudgetAlert, BudgetAlerts, BudgetLine } from "../src/api";
import {
  alertSummary,
  badgeLabel,
  badgeText,
  barPercent,
  BUDGET_STATE_LABEL,
  BUDGET_STATE_TONE,
  budgetState,
  budgetTitle,
  carriedLabel,
  categoryBudgetCounts,
  categoryCountsSentence,
  createAlertBadge,
  daysLeftLabel,
  forecastSentence,
  formatThresholds,
  hasAnyBudget,
  ordinal,
  parseThresholds,
  remainingLabel,
} from "../src/lib/budgets";

const EUR = { code: "EUR", minorUnits: 2 };
const JPY = { code: "JPY", minorUnits: 0 };
const US = "en-US";

/** A category line with a budget of `limit` (no rollover) and `spent` so far. */
function line(spent: number, limit: number | null, more: Partial<BudgetLine> = {}): BudgetLine {
  return {
    categoryId: 3,
    name: "Groceries",
    color: "#15803d",
    amount: limit,
    carried: 0,
    limit,
    rollover: false,
    thisMonthOnly: false,
    spent,
    remaining: limit === null ? null : limit - spent,
    percent: limit === null || limit <= 0 ? null : Math.floor((spent * 100) / limit),
    forecast: null,
    ...more,
  };
}

function alert(name: string | null, threshold: number, spent: number, limit: number): BudgetAlert {
  return {
    categoryId: name === null ? null : 3,
    name,
    month: "2026-11",
    threshold,
    spent,
    limit,
    percent: limit > 0 ? Math.floor((spent * 100) / limit) : null,
  };
}

describe("budgetState", () => {
  it("is on track below the first threshold", () => {
    expect(budgetState(line(0, 35_000))).toBe("on-track");
    expect(budgetState(line(27_999, 35_000))).toBe("on-track");
  });

  it("is near the limit from the first threshold up to 100 %", () => {
    expect(budgetState(line(28_000, 35_000))).toBe("near");
    expect(budgetState(line(34_999, 35_000))).toBe("near");
  });

  it("is over budget from 100 % on", () => {
    expect(budgetState(line(35_000, 35_000))).toBe("over");
    expect(budgetState(line(41_230, 35_000))).toBe("over");
  });

  it("is over budget when overspending rolled over left a limit of zero or less, even with nothing spent", () => {
    expect(budgetState(line(0, 0))).toBe("over");
    expect(budgetState(line(0, -500))).toBe("over");
  });

  it("says so when there is no budget", () => {
    expect(budgetState(line(12_000, null))).toBe("none");
  });

  it("follows the profile's first threshold, whatever their order", () => {
    expect(budgetState(line(5_000, 10_000), [100, 50])).toBe("near");
    expect(budgetState(line(4_999, 10_000), [50, 100])).toBe("on-track");
    // With only 100 % there is no "near": on track until over.
    expect(budgetState(line(9_999, 10_000), [100])).toBe("on-track");
    expect(budgetState(line(8_000, 10_000), [])).toBe("near");
  });

  it("gives each state words and a colour (never the colour alone)", () => {
    expect([BUDGET_STATE_LABEL["on-track"], BUDGET_STATE_TONE["on-track"]]).toEqual(["On track", "success"]);
    expect([BUDGET_STATE_LABEL.near, BUDGET_STATE_TONE.near]).toEqual(["Near limit", "warning"]);
    expect([BUDGET_STATE_LABEL.over, BUDGET_STATE_TONE.over]).toEqual(["Over budget", "danger"]);
  });
});

describe("figures", () => {
  it("caps the bar at 100 % and fills it when nothing was left", () => {
    expect(barPercent(line(28_000, 35_000))).toBe(80);
    expect(barPercent(line(41_230, 35_000))).toBe(100);
    expect(barPercent(line(10, -500))).toBe(100);
    expect(barPercent(line(10, null))).toBe(0);
  });

  it("says what is left or over", () => {
    expect(remainingLabel(1_230, EUR, US)).toBe("€12.30 left");
    expect(remainingLabel(-410, EUR, US)).toBe("€4.10 over");
    expect(remainingLabel(0, EUR, US)).toBe("Nothing left");
    expect(remainingLabel(500, JPY, US)).toBe("¥500 left");
  });

  it("says what rolled over, with a real minus", () => {
    expect(carriedLabel(2_000, "2026-11", EUR, US)).toBe("+€20.00 rolled over from October");
    expect(carriedLabel(-500, "2026-11", EUR, US)).toBe("\u2212€5.00 rolled over from October");
    expect(carriedLabel(-500, "2027-01", EUR, US)).toBe("\u2212€5.00 rolled over from December");
    expect(carriedLabel(0, "2026-11", EUR, US)).toBeNull();
  });

  it("counts days and names the dialog", () => {
    expect(daysLeftLabel(1)).toBe("1 day left");
    expect(daysLeftLabel(18)).toBe("18 days left");
    expect(budgetTitle(null, "2026-11", US)).toBe("Overall budget — November 2026");
    expect(budgetTitle("Groceries", "2026-11", US)).toBe("Groceries budget — November 2026");
  });
});

describe("ordinal", () => {
  it("writes English ordinals, teens included", () => {
    const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 30, 31];
    expect(days.map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "24th", "30th", "31st"]);
  });
});

describe("forecastSentence", () => {
  it("names the day the pace passes the budget", () => {
    const l = line(13_743, 35_000, { forecast: { projected: 41_230, overOn: "2026-11-24" } });
    expect(forecastSentence(l, EUR, US)).toBe("At this pace: €412.30 of €350.00, over by the 24th");
    const early = line(13_743, 35_000, { forecast: { projected: 41_230, overOn: "2026-11-03" } });
    expect(forecastSentence(early, EUR, US)).toBe("At this pace: €412.30 of €350.00, over by the 3rd");
    const first = line(13_743, 35_000, { forecast: { projected: 41_230, overOn: "2026-11-21" } });
    expect(forecastSentence(first, EUR, US)).toBe("At this pace: €412.30 of €350.00, over by the 21st");
  });

  it("says on track when the pace stays within", () => {
    const l = line(9_000, 35_000, { forecast: { projected: 29_000, overOn: null } });
    expect(forecastSentence(l, EUR, US)).toBe("At this pace: €290.00 of €350.00 — on track");
    // Landing exactly on the limit is still within it.
    const exact = line(35_000, 35_000, { forecast: { projected: 35_000, overOn: null } });
    expect(forecastSentence(exact, EUR, US)).toBe("At this pace: €350.00 of €350.00 — on track");
  });

  it("says by how much once over", () => {
    const l = line(35_410, 35_000, { forecast: { projected: 60_000, overOn: null } });
    expect(forecastSentence(l, EUR, US)).toBe("Over by €4.10");
    const rolled = line(300, -500, { forecast: { projected: 900, overOn: null } });
    expect(forecastSentence(rolled, EUR, US)).toBe("Over by €8.00");
  });

  it("says nothing without a forecast (past and future months, no budget)", () => {
    expect(forecastSentence(line(9_000, 35_000), EUR, US)).toBeNull();
    expect(forecastSentence(line(9_000, null, { forecast: { projected: 1, overOn: null } }), EUR, US)).toBeNull();
  });
});

describe("alertSummary", () => {
  const batch = (alerts: BudgetAlert[], atUnlock = false): BudgetAlerts => ({ alerts, atUnlock });

  it("words a single alert with its figures", () => {
    expect(alertSummary(batch([alert("Groceries", 80, 28_000, 35_000)]), EUR, US)).toBe(
      "Groceries: 80 % of this month's budget reached — €280.00 of €350.00",
    );
  });

  it("calls the overall budget Overall", () => {
    expect(alertSummary(batch([alert(null, 100, 41_230, 35_000)]), EUR, US)).toBe(
      "Overall: 100 % of this month's budget reached — €412.30 of €350.00",
    );
  });

  it("says when last month's overspending left nothing to spend", () => {
    expect(alertSummary(batch([alert("Rent", 80, 1_200, -300)]), EUR, US)).toBe(
      "Rent: 80 % of this month's budget reached — €12.00 spent; last month's overspending left nothing to spend",
    );
  });

  it("lists several in one toast", () => {
    const three = [alert(null, 100, 1, 1), alert("Groceries", 80, 1, 1), alert("Rent", 80, 1, 1)];
    expect(alertSummary(batch(three), EUR, US)).toBe("3 budget alerts: Overall 100 %, Groceries 80 %, Rent 80 %");
    const six = [...three, alert("Dining", 80, 1, 1), alert("Gifts", 100, 1, 1), alert("Travel", 80, 1, 1)];
    expect(alertSummary(batch(six), EUR, US)).toBe("6 budget alerts: Overall 100 %, Groceries 80 %, Rent 80 %, Dining 80 % and 2 more");
  });

  it("says when they were found at unlock", () => {
    expect(alertSummary(batch([alert("Groceries", 80, 28_000, 35_000)], true), EUR, US)).toBe(
      "While Coffer was closed: Groceries: 80 % of this month's budget reached — €280.00 of €350.00",
    );
    expect(alertSummary(batch([alert(null, 80, 1, 1), alert("Rent", 100, 1, 1)], true), EUR, US)).toBe(
      "While Coffer was closed: 2 budget alerts: Overall 80 %, Rent 100 %",
    );
  });

  it("is empty for an empty batch", () => {
    expect(alertSummary(batch([]), EUR, US)).toBe("");
  });
});

describe("parseThresholds", () => {
  it("reads what people write", () => {
    expect(parseThresholds("80, 100")).toEqual({ ok: true, values: [80, 100] });
    expect(parseThresholds(" 50;80 ;100 ")).toEqual({ ok: true, values: [50, 80, 100] });
    expect(parseThresholds("80% 100 %")).toEqual({ ok: true, values: [80, 100] });
    expect(parseThresholds("100,80")).toEqual({ ok: true, values: [100, 80] });
  });

  it("leaves range, count and duplicates to Rust", () => {
    expect(parseThresholds("")).toEqual({ ok: true, values: [] });
    expect(parseThresholds("0, 250, 80, 80")).toEqual({ ok: true, values: [0, 250, 80, 80] });
  });

  it("refuses what is not a whole number", () => {
    for (const bad of ["eighty", "80.5", "-10", "80, 1e2", "1000"]) {
      const parsed = parseThresholds(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain("whole percentage");
    }
  });

  it("writes the field back", () => {
    expect(formatThresholds([80, 100])).toBe("80, 100");
  });
});

describe("the navbar badge", () => {
  const two: BudgetAlerts = { alerts: [alert(null, 80, 1, 1), alert("Rent", 100, 1, 1)], atUnlock: false };

  it("counts alerts until the budgets screen is opened", () => {
    const badge = createAlertBadge();
    expect(badge.count()).toBe(0);
    badge.received(two, false);
    badge.received({ alerts: [alert("Gifts", 80, 1, 1)], atUnlock: false }, false);
    expect(badge.count()).toBe(3);
    badge.clear();
    expect(badge.count()).toBe(0);
  });

  it("adds nothing while the budgets screen shows them", () => {
    const badge = createAlertBadge();
    badge.received(two, true);
    expect(badge.count()).toBe(0);
  });

  it("says the count in words for screen readers", () => {
    expect(badgeLabel(1)).toBe("1 new budget alert");
    expect(badgeLabel(3)).toBe("3 new budget alerts");
    expect(badgeText(7)).toBe("7");
    expect(badgeText(120)).toBe("99+");
  });
});

describe("a month's budgets", () => {
  const month = (overall: BudgetLine, categories: BudgetLine[]) => ({ overall: { ...overall, categoryId: null, name: null }, categories });

  it("tells whether anything is budgeted", () => {
    expect(hasAnyBudget(month(line(0, null), [line(5, null)]))).toBe(false);
    expect(hasAnyBudget(month(line(0, 1_000), [line(5, null)]))).toBe(true);
    expect(hasAnyBudget(month(line(0, null), [line(5, null), line(5, 1_000)]))).toBe(true);
  });

  it("counts the category budgets over and near their limit", () => {
    const counts = categoryBudgetCounts(month(line(0, null), [line(12_000, 10_000), line(8_500, 10_000), line(100, 10_000), line(50, null)]));
    expect(counts).toEqual({ budgeted: 3, over: 1, near: 1 });
    expect(categoryCountsSentence(counts)).toBe("1 category over budget, 1 near its limit (of 3 with a budget)");
    expect(categoryCountsSentence({ budgeted: 4, over: 0, near: 0 })).toBe("All 4 category budgets on track");
    expect(categoryCountsSentence({ budgeted: 5, over: 2, near: 2 })).toBe("2 categories over budget, 2 near their limit (of 5 with a budget)");
  });
});
