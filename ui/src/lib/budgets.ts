// Why: the budgets screen's words and states (on track / near / over, what is left, the forecast sentence, the alert toast, the thresholds field, the navbar badge) decided in one pure place so views and tests agree.
import type { BudgetAlerts } from "../api/bindings/BudgetAlerts";
import type { BudgetLine } from "../api/bindings/BudgetLine";
import type { BudgetMonth } from "../api/bindings/BudgetMonth";
import type { CurrencyInfo } from "../api/bindings/CurrencyInfo";
import { formatMoney } from "./money";
import { monthLabel, previousMonth } from "./periods";

/** What the shell uses when the profile never changed its alert settings. */
export const DEFAULT_THRESHOLDS: readonly number[] = [80, 100];

// ----- the state of one budget line ----------------------------------------------------------------------------------

/** `none`: no budget set; the other three are what the bar's colour and its words say. */
export type BudgetState = "none" | "on-track" | "near" | "over";

/** Never colour alone: each state has words and an icon too. */
export const BUDGET_STATE_LABEL: Readonly<Record<BudgetState, string>> = {
  none: "No budget",
  "on-track": "On track",
  near: "Near limit",
  over: "Over budget",
};

/** Bootstrap contextual colour of each state (bar, badge). */
export const BUDGET_STATE_TONE: Readonly<Record<BudgetState, "secondary" | "success" | "warning" | "danger">> = {
  none: "secondary",
  "on-track": "success",
  near: "warning",
  over: "danger",
};

/** Bootstrap Icons class of each state. */
export const BUDGET_STATE_ICON: Readonly<Record<BudgetState, string>> = {
  none: "bi-dash-circle",
  "on-track": "bi-check-circle-fill",
  near: "bi-exclamation-triangle-fill",
  over: "bi-exclamation-octagon-fill",
};

/** Port of `coffer_ledger::alert::reached`: `spent` is at least `threshold` % of `limit` (always, when the limit is ≤ 0). */
export function reached(spent: number, limit: number, threshold: number): boolean {
  return spent * 100 >= threshold * limit;
}

/**
 * On track below the first alert threshold, near limit from it up to 100 %, over budget from 100 % on or when nothing
 * was left to spend (a limit ≤ 0 after overspending rolled over).
 */
export function budgetState(line: Pick<BudgetLine, "limit" | "spent">, thresholds: readonly number[] = DEFAULT_THRESHOLDS): BudgetState {
  const { limit, spent } = line;
  if (limit === null) return "none";
  if (limit <= 0 || spent >= limit) return "over";
  const first = thresholds.length === 0 ? (DEFAULT_THRESHOLDS[0] ?? 80) : Math.min(...thresholds);
  return first < 100 && reached(spent, limit, first) ? "near" : "on-track";
}

/** The bar's width in percent: 0–100 (a full bar once over, or when nothing was left to spend). */
export function barPercent(line: Pick<BudgetLine, "limit" | "percent">): number {
  if (line.limit === null) return 0;
  if (line.limit <= 0 || line.percent === null) return 100;
  return Math.min(Math.max(line.percent, 0), 100);
}

/** "80 %" as the app writes percentages (as the shell's notifications do). */
export function percentText(value: number, locale?: string): string {
  return `${new Intl.NumberFormat(locale).format(value)} %`;
}

/** "€12.30 left", "€4.10 over", "Nothing left". */
export function remainingLabel(remaining: number, currency: CurrencyInfo, locale?: string): string {
  if (remaining === 0) return "Nothing left";
  return remaining > 0 ? `${formatMoney(remaining, currency, locale)} left` : `${formatMoney(-remaining, currency, locale)} over`;
}

/** "+€20.00 rolled over from October", "−€5.00 rolled over from October" (a real minus), or null when nothing carried. */
export function carriedLabel(carried: number, month: string, currency: CurrencyInfo, locale?: string): string | null {
  if (carried === 0) return null;
  const sign = carried > 0 ? "+" : "\u2212";
  return `${sign}${formatMoney(Math.abs(carried), currency, locale)} rolled over from ${monthLabel(previousMonth(month), locale)}`;
}

/** "18 days left", "1 day left". */
export function daysLeftLabel(days: number): string {
  return days === 1 ? "1 day left" : `${days} days left`;
}

const ORDINAL_SUFFIX: Readonly<Record<string, string>> = { one: "st", two: "nd", few: "rd", other: "th" };
const ordinalRules = new Intl.PluralRules("en", { type: "ordinal" });

/** English ordinals: "1st", "2nd", "3rd", "4th", "11th", "21st", "22nd", "23rd", "24th". */
export function ordinal(n: number): string {
  return `${n}${ORDINAL_SUFFIX[ordinalRules.select(n)] ?? "th"}`;
}

/**
 * The current month's pace sentence: "At this pace: €412.30 of €350.00, over by the 24th",
 * "At this pace: €290.00 of €350.00 — on track", or "Over by €4.10" once over. Null without a forecast
 * (no budget, or not the current month).
 */
export function forecastSentence(line: Pick<BudgetLine, "limit" | "spent" | "forecast">, currency: CurrencyInfo, locale?: string): string | null {
  const { limit, spent, forecast } = line;
  if (limit === null || forecast === null) return null;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  if (spent > limit) return `Over by ${money(spent - limit)}`;
  if (limit <= 0) return "Nothing left to spend this month";
  const pace = `At this pace: ${money(forecast.projected)} of ${money(limit)}`;
  if (forecast.overOn !== null) {
    const day = Number(forecast.overOn.slice(8, 10));
    return `${pace}, over by the ${ordinal(day)}`;
  }
  return forecast.projected <= limit ? `${pace} — on track` : pace;
}

/** "Overall budget — November 2026", "Groceries budget — November 2026" (the budget dialog's title). */
export function budgetTitle(name: string | null, month: string, locale?: string): string {
  return `${name ?? "Overall"} budget — ${monthLabel(month, locale, true)}`;
}

// ----- a whole month -------------------------------------------------------------------------------------------------

/** Whether any budget (overall or a category's) applies in the month. */
export function hasAnyBudget(m: Pick<BudgetMonth, "overall" | "categories">): boolean {
  return m.overall.amount !== null || m.categories.some((c) => c.amount !== null);
}

export interface CategoryBudgetCounts {
  budgeted: number;
  over: number;
  near: number;
}

/** How many category budgets there are, and how many are over or near their limit. */
export function categoryBudgetCounts(m: Pick<BudgetMonth, "categories">, thresholds: readonly number[] = DEFAULT_THRESHOLDS): CategoryBudgetCounts {
  const counts = { budgeted: 0, over: 0, near: 0 };
  for (const line of m.categories) {
    const state = budgetState(line, thresholds);
    if (state === "none") continue;
    counts.budgeted++;
    if (state === "over") counts.over++;
    if (state === "near") counts.near++;
  }
  return counts;
}

/** Home's line when there is no overall budget: "1 category over budget, 2 near their limit" / "All 3 category budgets on track". */
export function categoryCountsSentence(c: CategoryBudgetCounts): string {
  if (c.budgeted === 0) return "No category budgets";
  const parts: string[] = [];
  if (c.over > 0) parts.push(`${c.over} ${c.over === 1 ? "category" : "categories"} over budget`);
  if (c.near > 0) parts.push(`${c.near} near ${c.near === 1 ? "its" : "their"} limit`);
  if (parts.length > 0) return `${parts.join(", ")} (of ${c.budgeted} with a budget)`;
  return c.budgeted === 1 ? "The one category budget is on track" : `All ${c.budgeted} category budgets on track`;
}

// ----- alerts ----------------------------------------------------------------------------------------------------------

/** The alerts the toast names one by one; more are counted ("and 2 more"). */
const SUMMARY_NAMED = 4;

/**
 * One toast for one `budget-alerts` event. One alert: "Groceries: 80 % of this month's budget reached — €280.00 of
 * €350.00"; several: "3 budget alerts: Overall 100 %, Groceries 80 %, Rent 80 %"; found at unlock: prefixed
 * "While Coffer was closed: ". The overall budget (name null) is "Overall".
 */
export function alertSummary(batch: BudgetAlerts, currency: CurrencyInfo, locale?: string): string {
  const label = (name: string | null) => name ?? "Overall";
  const prefix = batch.atUnlock ? "While Coffer was closed: " : "";
  const [only] = batch.alerts;
  if (only === undefined) return "";
  if (batch.alerts.length === 1) {
    const head = `${label(only.name)}: ${percentText(only.threshold, locale)} of this month's budget reached`;
    const figures =
      only.limit > 0
        ? `${formatMoney(only.spent, currency, locale)} of ${formatMoney(only.limit, currency, locale)}`
        : `${formatMoney(only.spent, currency, locale)} spent; last month's overspending left nothing to spend`;
    return `${prefix}${head} — ${figures}`;
  }
  const named = batch.alerts.slice(0, SUMMARY_NAMED).map((a) => `${label(a.name)} ${percentText(a.threshold, locale)}`);
  const more = batch.alerts.length - named.length;
  const list = more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
  return `${prefix}${batch.alerts.length} budget alerts: ${list}`;
}

// ----- the thresholds field ----------------------------------------------------------------------------------------------

export type ThresholdsParse = { ok: true; values: number[] } | { ok: false; message: string };

/**
 * "80, 100" → [80, 100]. Accepts commas, semicolons, spaces and "%" signs; anything but whole numbers is refused here.
 * Range, count and duplicates are Rust's to check (its `invalid_threshold` message is shown as it comes).
 */
export function parseThresholds(text: string): ThresholdsParse {
  const tokens = text
    .replace(/%/gu, " ")
    .split(/[\s,;]+/u)
    .filter((t) => t !== "");
  const values: number[] = [];
  for (const token of tokens) {
    if (!/^\d{1,3}$/u.test(token)) {
      return { ok: false, message: `“${Array.from(token).slice(0, 12).join("")}” is not a whole percentage; write them like 80, 100.` };
    }
    values.push(Number(token));
  }
  return { ok: true, values };
}

/** [80, 100] → "80, 100" (what the field shows). */
export function formatThresholds(values: readonly number[]): string {
  return values.join(", ");
}

// ----- the navbar badge ------------------------------------------------------------------------------------------------

/** Alerts received since the budgets screen was last opened. */
export interface AlertBadge {
  count(): number;
  /** An event arrived; while the budgets screen is showing, its lines already say it, so nothing is added. */
  received(batch: BudgetAlerts, budgetsShowing: boolean): void;
  /** The budgets screen was opened, or the profile locked. */
  clear(): void;
}

export function createAlertBadge(): AlertBadge {
  let n = 0;
  return {
    count: () => n,
    received(batch, budgetsShowing) {
      if (!budgetsShowing) n += batch.alerts.length;
    },
    clear() {
      n = 0;
    },
  };
}

/** The badge's visible text: "3", "99+". */
export function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** The words after the number, for screen readers: "new budget alert(s)". */
export function badgeWords(count: number): string {
  return count === 1 ? "new budget alert" : "new budget alerts";
}

/** What a screen reader hears for the badge: "3 new budget alerts", "1 new budget alert". */
export function badgeLabel(count: number): string {
  return `${count} ${badgeWords(count)}`;
}
