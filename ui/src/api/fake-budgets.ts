// Why: the dev-only fake's budgets and alerts (change history, "this month only" vs "from this month on", rollover, the pace forecast, thresholds reached once) with the Rust ledger's rules, roughly, so the budgets screen can be built in a plain browser.
import type { AlertSettings } from "./bindings/AlertSettings";
import type { AppError } from "./bindings/AppError";
import type { BudgetAlert } from "./bindings/BudgetAlert";
import type { BudgetLine } from "./bindings/BudgetLine";
import type { BudgetMonth } from "./bindings/BudgetMonth";
import type { BudgetSpan } from "./bindings/BudgetSpan";
import type { Forecast } from "./bindings/Forecast";
import type { MonthPhase } from "./bindings/MonthPhase";
import { daysInMonth, isoDay } from "../lib/periods";

function fail(code: AppError["code"], message: string): never {
  const error: AppError = { code, message };
  throw error;
}

/** Months as consecutive integers (`year * 12 + month - 1`), so "the month before" is `key - 1`. */
export function monthKey(month: string): number {
  const m = /^(\d{4})-(\d{2})$/u.exec(month);
  const year = Number(m?.[1]);
  const number = Number(m?.[2]);
  if (m === null || number < 1 || number > 12 || year < 1) {
    fail("invalid_month", `“${Array.from(month).slice(0, 20).join("")}” is not a month: write it like 2026-11.`);
  }
  return year * 12 + number - 1;
}

export function keyMonth(key: number): string {
  return `${String(Math.floor(key / 12)).padStart(4, "0")}-${String((key % 12) + 1).padStart(2, "0")}`;
}

/** Port of `coffer_ledger::pace::pace` (minus days left): the month-end projection on `today` (`YYYY-MM-DD`). */
export function pace(spent: number, limit: number, today: string): Forecast {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const days = daysInMonth(y, m);
  const projected = Math.floor((spent * days) / d);
  if (spent > limit || spent <= 0 || spent * days <= limit * d) return { projected, overOn: null };
  const x = Math.floor((limit * d) / spent) + 1;
  return { projected, overOn: x > d && x <= days ? isoDay(y, m, x) : null };
}

/** Port of `coffer_ledger::alert::reached`. */
export function reached(spent: number, limit: number, threshold: number): boolean {
  return spent * 100 >= threshold * limit;
}

/** What the fake ledger tells the budgets about its categories and spending. */
export interface BudgetSource {
  /** Sorted by name. */
  categories(): readonly { id: number; name: string; color: string }[];
  /** Spent in `month` (`YYYY-MM`) in a category, or in all of them (null). */
  spent(month: string, categoryId: number | null): number;
}

/** One change in a budget's history: "from `month` on" or "in `month` only"; a null amount means no budget. */
interface Row {
  month: number;
  oneMonth: boolean;
  amount: number | null;
  rollover: boolean;
}

interface Setting {
  amount: number;
  rollover: boolean;
  thisMonthOnly: boolean;
}

const OVERALL = "overall";
const scopeOf = (categoryId: number | null) => (categoryId === null ? OVERALL : String(categoryId));

export class FakeBudgets {
  private histories = new Map<string, Row[]>();
  private settings: AlertSettings = { thresholds: [80, 100], osNotifications: true, hideAmounts: false };
  /** `scope|month|threshold` of every threshold announced already (each is announced once, ever). */
  private reported = new Set<string>();

  constructor(private readonly source: BudgetSource) {}

  /** Takes `other`'s histories, alert settings and thresholds announced, sharing nothing with it (a ledger copied from a backup). */
  copyFrom(other: FakeBudgets): void {
    this.histories = new Map([...other.histories].map(([scope, rows]) => [scope, rows.map((r) => ({ ...r }))]));
    this.settings = { ...other.settings, thresholds: [...other.settings.thresholds] };
    this.reported = new Set(other.reported);
  }

  // ----- reading ------------------------------------------------------------------------------------------------------

  private setting(scope: string, key: number): Setting | null {
    const rows = this.histories.get(scope) ?? [];
    const row = rows.find((r) => r.oneMonth && r.month === key) ?? [...rows].reverse().find((r) => !r.oneMonth && r.month <= key);
    if (row === undefined || row.amount === null) return null;
    return { amount: row.amount, rollover: row.rollover, thisMonthOnly: row.oneMonth };
  }

  /** What rolls into `key` from the months before (port of `History::carried`). */
  private carried(categoryId: number, key: number): number {
    const scope = scopeOf(categoryId);
    let start = key;
    while (this.setting(scope, start)?.rollover === true && this.setting(scope, start - 1) !== null) start--;
    let carry = 0;
    for (let m = start; m < key; m++) carry += (this.setting(scope, m)?.amount ?? 0) - this.source.spent(keyMonth(m), categoryId);
    return carry;
  }

  private line(category: { id: number; name: string; color: string } | null, key: number, today: string | null): BudgetLine {
    const categoryId = category?.id ?? null;
    const setting = this.setting(scopeOf(categoryId), key);
    const carried = setting?.rollover === true && categoryId !== null ? this.carried(categoryId, key) : 0;
    const spent = this.source.spent(keyMonth(key), categoryId);
    const limit = setting === null ? null : setting.amount + carried;
    return {
      categoryId,
      name: category?.name ?? null,
      color: category?.color ?? null,
      amount: setting?.amount ?? null,
      carried,
      limit,
      rollover: setting?.rollover ?? false,
      thisMonthOnly: setting?.thisMonthOnly ?? false,
      spent,
      remaining: limit === null ? null : limit - spent,
      percent: limit === null || limit <= 0 ? null : Math.floor((spent * 100) / limit),
      forecast: limit === null || today === null ? null : pace(spent, limit, today),
    };
  }

  private lines(key: number, today: string | null): BudgetLine[] {
    return [this.line(null, key, today), ...this.source.categories().map((c) => this.line(c, key, today))];
  }

  /** The budgets screen of `month` on `today` (`YYYY-MM-DD`). */
  month(month: string, today: string): BudgetMonth {
    const key = monthKey(month);
    const todayKey = monthKey(today.slice(0, 7));
    const phase: MonthPhase = key < todayKey ? "past" : key > todayKey ? "future" : "current";
    const [y, m] = [Math.floor(key / 12), (key % 12) + 1];
    const days = daysInMonth(y, m);
    const [overall, ...categories] = this.lines(key, phase === "current" ? today : null) as [BudgetLine, ...BudgetLine[]];
    return {
      month: keyMonth(key),
      today,
      phase,
      daysInMonth: days,
      daysLeft: phase === "past" ? 0 : phase === "future" ? days : days - Number(today.slice(8, 10)) + 1,
      overall,
      categories,
      previousHasBudgets: this.anyIn(key - 1),
    };
  }

  private anyIn(key: number): boolean {
    return [...this.histories.keys()].some((scope) => this.setting(scope, key) !== null);
  }

  // ----- changes ------------------------------------------------------------------------------------------------------

  private apply(scope: string, key: number, span: BudgetSpan, amount: number | null, rollover: boolean): void {
    const rows = this.histories.get(scope) ?? [];
    const kept =
      span === "thisMonth" ? rows.filter((r) => !(r.oneMonth && r.month === key)) : rows.filter((r) => r.month < key);
    kept.push({ month: key, oneMonth: span === "thisMonth", amount, rollover: rollover && scope !== OVERALL });
    this.histories.set(
      scope,
      kept.sort((a, b) => a.month - b.month),
    );
  }

  /** Sets (amount in minor units, already parsed) or removes (null) a budget; answers with the month's screen. */
  set(categoryId: number | null, month: string, span: BudgetSpan, amount: number | null, rollover: boolean, today: string): BudgetMonth {
    const key = monthKey(month);
    if (categoryId !== null && !this.source.categories().some((c) => c.id === categoryId)) {
      fail("unknown_category", "That category does not exist (any more). Pick another one.");
    }
    this.apply(scopeOf(categoryId), key, span, amount, rollover);
    return this.month(month, today);
  }

  /** Makes the month before `month`'s budgets apply from `month` on. */
  copy(month: string, today: string): BudgetMonth {
    const key = monthKey(month);
    const copied = [...this.histories.keys()]
      .map((scope) => [scope, this.setting(scope, key - 1)] as const)
      .filter((pair): pair is readonly [string, Setting] => pair[1] !== null);
    if (copied.length === 0) fail("invalid_month", `${keyMonth(key - 1)} has no budgets to copy.`);
    for (const [scope, s] of copied) this.apply(scope, key, "fromThisMonthOn", s.amount, s.rollover);
    return this.month(month, today);
  }

  // ----- alerts -------------------------------------------------------------------------------------------------------

  alertSettings(): AlertSettings {
    return { ...this.settings, thresholds: [...this.settings.thresholds] };
  }

  /** Rust's checks and words (`Thresholds::new`). */
  setAlertSettings(s: AlertSettings): AlertSettings {
    const values = [...s.thresholds].sort((a, b) => a - b);
    if (values.length === 0) fail("invalid_threshold", "Give at least one threshold, e.g. 80 and 100.");
    if (values.length > 5) fail("invalid_threshold", "At most 5 thresholds, please.");
    const bad = values.find((v) => !Number.isInteger(v) || v < 1 || v > 200);
    if (bad !== undefined) fail("invalid_threshold", `${bad} % is outside 1-200 %.`);
    const twice = values.find((v, i) => values[i + 1] === v);
    if (twice !== undefined) fail("invalid_threshold", `${twice} % is listed twice.`);
    this.settings = { thresholds: values, osNotifications: s.osNotifications, hideAmounts: s.hideAmounts };
    return this.alertSettings();
  }

  /** The thresholds newly reached in `today`'s month (recorded, so each is announced once): overall first, then by name. */
  evaluate(today: string): BudgetAlert[] {
    const key = monthKey(today.slice(0, 7));
    const alerts: BudgetAlert[] = [];
    for (const line of this.lines(key, null)) {
      if (line.limit === null) continue;
      for (const threshold of this.settings.thresholds) {
        const id = `${scopeOf(line.categoryId)}|${key}|${threshold}`;
        if (!reached(line.spent, line.limit, threshold) || this.reported.has(id)) continue;
        this.reported.add(id);
        alerts.push({
          categoryId: line.categoryId,
          name: line.name,
          month: keyMonth(key),
          threshold,
          spent: line.spent,
          limit: line.limit,
          percent: line.limit > 0 ? Math.floor((line.spent * 100) / line.limit) : null,
        });
      }
    }
    return alerts;
  }
}
