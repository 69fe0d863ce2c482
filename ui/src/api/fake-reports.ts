// Why: the dev-only fake's reports: the figures behind the four charts computed from the fake ledger roughly as Rust does, and placeholder chart images (SVG text, every label XML-escaped) so the Reports screen can be built in a plain browser.
import type { AppError } from "./bindings/AppError";
import type { BudgetActual } from "./bindings/BudgetActual";
import type { BudgetMonth } from "./bindings/BudgetMonth";
import type { ChartKind } from "./bindings/ChartKind";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { DaySpending } from "./bindings/DaySpending";
import type { MonthAmount } from "./bindings/MonthAmount";
import type { Report } from "./bindings/Report";
import type { ReportRequest } from "./bindings/ReportRequest";
import { plainAmount } from "../lib/money";
import { daysInMonth, isIsoDate, isoDay } from "../lib/periods";
import { keyMonth, monthKey, pace } from "./fake-budgets";

function fail(code: AppError["code"], message: string): never {
  const error: AppError = { code, message };
  throw error;
}

/** What the fake ledger tells the reports. */
export interface ReportSource {
  readonly currency: { code: string; minorUnits: number };
  /** Sorted by name. */
  categories(): readonly { id: number; name: string; color: string }[];
  /** Every expense (only these three fields are read). */
  spending(): readonly { date: string; amount: number; categoryId: number }[];
  /** The budgets screen of `month` (`YYYY-MM`) on `today`. */
  budgetMonth(month: string, today: string): BudgetMonth;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const monthName = (m: number) => MONTH_NAMES[m - 1] ?? "";
const shortDay = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${d} ${monthName(m).slice(0, 3)} ${y}`;
};

/** The first and last day a period stands for on `today`. */
export function resolvePeriod(period: ReportRequest["period"], today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const key = y * 12 + m - 1;
  const months = (first: number, last: number) => {
    const [ly, lm] = [Math.floor(last / 12), (last % 12) + 1];
    return { from: `${keyMonth(first)}-01`, to: isoDay(ly, lm, daysInMonth(ly, lm)) };
  };
  switch (period.kind) {
    case "thisMonth":
      return months(key, key);
    case "lastMonth":
      return months(key - 1, key - 1);
    case "last3Months":
      return months(key - 2, key);
    case "last12Months":
      return months(key - 11, key);
    case "thisYear":
      return months(y * 12, y * 12 + 11);
    case "custom": {
      for (const [text, what] of [
        [period.from, "first"],
        [period.to, "last"],
      ] as const) {
        if (!isIsoDate(text)) fail("invalid_period", `The ${what} day, “${Array.from(text).slice(0, 20).join("")}”, is not a date; write it like 2026-11-24.`);
      }
      if (period.to < period.from) fail("invalid_period", `The period ends (${period.to}) before it starts (${period.from}).`);
      return { from: period.from, to: period.to };
    }
  }
}

/** "November 2026", "September – November 2026", "December 2025 – February 2026", "3 Sep 2026 – 14 Nov 2026"; and the file name's form. */
export function periodNames(from: string, to: string): { label: string; fileStem: string } {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const wholeMonths = from.endsWith("-01") && td === daysInMonth(ty, tm);
  if (wholeMonths) {
    if (from.slice(0, 7) === to.slice(0, 7)) return { label: `${monthName(fm)} ${fy}`, fileStem: from.slice(0, 7) };
    const label = fy === ty ? `${monthName(fm)} – ${monthName(tm)} ${ty}` : `${monthName(fm)} ${fy} – ${monthName(tm)} ${ty}`;
    return { label, fileStem: `${from.slice(0, 7)}-to-${to.slice(0, 7)}` };
  }
  if (from === to) return { label: shortDay(from), fileStem: from };
  return { label: `${shortDay(from)} – ${shortDay(to)}`, fileStem: `${from}-to-${to}` };
}

/** Hundredths of a percent of `whole`, rounded. */
const basisPoints = (part: number, whole: number) => (whole <= 0 ? 0 : Math.round((part * 10_000) / whole));

/** The report Rust would answer for `request` on `today` (`YYYY-MM-DD`). */
export function buildReport(source: ReportSource, request: ReportRequest, today: string): Report {
  if (request.trendMonths !== 12 && request.trendMonths !== 24) fail("invalid_period", "The monthly chart shows 12 or 24 months.");
  const { from, to } = resolvePeriod(request.period, today);
  const chosen = new Set(request.categoryIds);
  const includes = (id: number) => chosen.size === 0 || chosen.has(id);
  const expenses = source.spending().filter((e) => includes(e.categoryId));
  const categories = new Map(source.categories().map((c) => [c.id, c]));

  // Spending by category in the period.
  const inPeriod = expenses.filter((e) => e.date >= from && e.date <= to);
  const total = inPeriod.reduce((s, e) => s + e.amount, 0);
  const sums = new Map<number, { amount: number; count: number }>();
  for (const e of inPeriod) {
    const s = sums.get(e.categoryId) ?? { amount: 0, count: 0 };
    sums.set(e.categoryId, { amount: s.amount + e.amount, count: s.count + 1 });
  }
  const byCategory = [...sums.entries()]
    .filter(([, s]) => s.amount > 0)
    .sort((a, b) => b[1].amount - a[1].amount || a[0] - b[0])
    .map(([categoryId, s]) => ({
      categoryId,
      name: categories.get(categoryId)?.name ?? "Unknown",
      color: categories.get(categoryId)?.color ?? "#64748b",
      amount: s.amount,
      count: s.count,
      shareBp: basisPoints(s.amount, total),
    }));

  // The monthly chart: `trendMonths` months ending with the period's last.
  const lastKey = monthKey(to.slice(0, 7));
  const keys = Array.from({ length: request.trendMonths }, (_, i) => lastKey - request.trendMonths + 1 + i).filter((k) => k >= 12);
  const amounts = keys.map((k) => {
    const month = keyMonth(k);
    return { month, amount: expenses.filter((e) => e.date.startsWith(month)).reduce((s, e) => s + e.amount, 0) };
  });
  const monthlyTotal = amounts.reduce((s, m) => s + m.amount, 0);
  const months: MonthAmount[] = amounts.map((m) => ({ ...m, shareBp: basisPoints(m.amount, monthlyTotal) }));

  // Budgets against spending, and the burn-up, in the period's last month.
  const month = keyMonth(lastKey);
  const screen = source.budgetMonth(month, today);
  const lines = screen.categories.filter((l) => l.categoryId !== null && includes(l.categoryId));
  const row = (l: (typeof lines)[number]): BudgetActual => ({
    categoryId: l.categoryId ?? 0,
    name: l.name ?? "",
    color: l.color ?? "#64748b",
    limit: l.limit,
    spent: l.spent,
    remaining: l.remaining,
    percent: l.percent,
  });
  const budgeted = lines.filter((l) => l.limit !== null).map(row);
  const unbudgeted = lines
    .filter((l) => l.limit === null && l.spent > 0)
    .sort((a, b) => b.spent - a.spent || (a.categoryId ?? 0) - (b.categoryId ?? 0))
    .map(row);

  const todayKey = monthKey(today.slice(0, 7));
  const [my, mm] = [Math.floor(lastKey / 12), (lastKey % 12) + 1];
  const through = lastKey < todayKey ? daysInMonth(my, mm) : lastKey === todayKey ? Number(today.slice(8, 10)) : 0;
  const days: DaySpending[] = [];
  let cumulative = 0;
  for (let d = 1; d <= through; d++) {
    const date = isoDay(my, mm, d);
    const spent = expenses.filter((e) => e.date === date).reduce((s, e) => s + e.amount, 0);
    cumulative += spent;
    days.push({ date, spent, cumulative });
  }
  // As in Rust: the overall budget, or with a filter the chosen categories' budgets when each has one.
  const chosenLimits = lines.map((l) => l.limit);
  const everyChosenHasOne = chosenLimits.length > 0 && chosenLimits.every((l) => l !== null);
  const categorySum = everyChosenHasOne ? chosenLimits.reduce<number>((s, l) => s + (l ?? 0), 0) : null;
  const limit = chosen.size === 0 ? screen.overall.limit : categorySum;
  const forecast = lastKey === todayKey ? pace(cumulative, limit ?? Number.MAX_SAFE_INTEGER, today) : null;

  return {
    from,
    to,
    ...periodNames(from, to),
    currency: source.currency.code,
    total,
    count: inPeriod.length,
    byCategory,
    monthly: { months, average: months.length === 0 ? 0 : Math.round(monthlyTotal / months.length), total: monthlyTotal },
    budget: { month, rows: [...budgeted, ...unbudgeted] },
    burnUp: { month, limit, days, projected: forecast?.projected ?? null, overOn: limit === null ? null : (forecast?.overOn ?? null) },
  };
}

/** How many rows the exported table of `kind` has. */
export function tableRows(report: Report, kind: ChartKind): number {
  switch (kind) {
    case "spendingByCategory":
      return report.byCategory.length;
    case "monthlyTotals":
      return report.monthly.months.length;
    case "budgetVsActual":
      return report.budget.rows.length;
    case "burnUp":
      return report.burnUp.days.length;
  }
}

// ----- placeholder images ----------------------------------------------------------------------------------------------

const XML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text for an XML text node or attribute: the five special characters escaped, control characters (not allowed in XML) dropped. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, "").replace(/[&<>"']/gu, (c) => XML_ESCAPES[c] ?? c);
}

const THEMES = {
  light: { bg: "#ffffff", text: "#1f2937", muted: "#6b7280", grid: "#e5e7eb", accent: "#4f46e5", danger: "#dc2626" },
  dark: { bg: "#1a1d24", text: "#e4e7ee", muted: "#9ca3af", grid: "#313744", accent: "#818cf8", danger: "#f87171" },
} as const;

/** An amount for a label: "1234.56 EUR" (the fake keeps it simple; Rust formats like the app). */
const amountLabel = (minor: number, currency: { code: string; minorUnits: number }) => `${plainAmount(minor, currency.minorUnits)} ${currency.code}`;

/** A placeholder chart: the title, simple bars, a note that it is the fake's; every label escaped. */
export function fakeChartSvg(request: ChartRequest, report: Report, currency: { code: string; minorUnits: number }): string {
  const { width, height } = request;
  if (!Number.isInteger(width) || width < 240 || width > 2048) fail("invalid_chart", `A chart is 240 to 2048 pixels wide (not ${width}).`);
  if (!Number.isInteger(height) || height < 160 || height > 2048) fail("invalid_chart", `A chart is 160 to 2048 pixels high (not ${height}).`);
  const t = THEMES[request.theme];
  const parts: string[] = [];
  const text = (x: number, y: number, content: string, size: number, fill: string, anchor = "start", weight = 400) =>
    parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="sans-serif" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${xmlEscape(content)}</text>`,
    );
  const rect = (x: number, y: number, w: number, h: number, fill: string) =>
    parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" rx="2" fill="${xmlEscape(fill)}"/>`);

  const titles: Record<ChartKind, string> = {
    spendingByCategory: `Spending by category · ${report.label}`,
    monthlyTotals: "Monthly totals",
    budgetVsActual: `Budget vs actual · ${report.budget.month}`,
    burnUp: `Burn-up · ${report.burnUp.month}`,
  };
  text(12, 22, titles[request.chart], 14, t.text, "start", 600);
  if (width >= 480) text(width - 12, 22, "placeholder (dev fake)", 11, t.muted, "end");
  const top = 40;
  const bottom = height - 24;
  const left = 12;
  const right = width - 12;

  /** Horizontal bars: a label over each. */
  const hbars = (rows: readonly { label: string; value: number; color: string; max?: number | null }[]) => {
    const shown = rows.slice(0, Math.max(1, Math.floor((bottom - top) / 30)));
    const max = Math.max(1, ...shown.map((r) => Math.max(r.value, r.max ?? 0)));
    shown.forEach((r, i) => {
      const y = top + i * 30;
      text(left, y + 10, r.label, 11, t.text);
      if (r.max != null) rect(left, y + 14, ((right - left) * r.max) / max, 10, t.grid);
      rect(left, y + 14, ((right - left) * r.value) / max, 10, r.max != null && r.value > r.max ? t.danger : r.color);
    });
  };
  /** Vertical bars with a label under some. */
  const vbars = (rows: readonly { label: string; value: number }[], line: number | null) => {
    const max = Math.max(1, line ?? 0, ...rows.map((r) => r.value));
    const step = (right - left) / Math.max(1, rows.length);
    const every = Math.max(1, Math.ceil(rows.length / Math.floor((right - left) / 60)));
    rows.forEach((r, i) => {
      const h = ((bottom - top - 14) * r.value) / max;
      rect(left + i * step + step * 0.15, bottom - 14 - h, step * 0.7, h, t.accent);
      if (i % every === 0) text(left + i * step + step / 2, bottom, r.label, 10, t.muted, "middle");
    });
    if (line !== null) {
      const y = bottom - 14 - ((bottom - top - 14) * line) / max;
      parts.push(`<line x1="${left}" x2="${right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${t.danger}" stroke-dasharray="6 4" stroke-width="1.5"/>`);
    }
  };

  const nothing = () => text(width / 2, (top + bottom) / 2, `Nothing spent in ${report.label}`, 13, t.muted, "middle");
  switch (request.chart) {
    case "spendingByCategory":
      if (report.byCategory.length === 0) nothing();
      else hbars(report.byCategory.map((c) => ({ label: `${c.name} · ${amountLabel(c.amount, currency)}`, value: c.amount, color: c.color })));
      break;
    case "monthlyTotals":
      vbars(
        report.monthly.months.map((m) => ({ label: m.month, value: m.amount })),
        null,
      );
      break;
    case "budgetVsActual":
      if (report.budget.rows.length === 0) nothing();
      else hbars(report.budget.rows.map((r) => ({ label: r.name, value: r.spent, color: r.color, max: r.limit })));
      break;
    case "burnUp":
      if (report.burnUp.days.length === 0) text(width / 2, (top + bottom) / 2, `${report.burnUp.month} has not started`, 13, t.muted, "middle");
      else vbars(report.burnUp.days.map((d) => ({ label: d.date.slice(8), value: d.cumulative })), report.burnUp.limit);
      break;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="${t.bg}"/>${parts.join("")}</svg>`
  );
}

/** The placeholder as bytes, as `chart_image` answers (whatever format was asked: the view reads the bytes). */
export function fakeChartBytes(request: ChartRequest, report: Report, currency: { code: string; minorUnits: number }): ArrayBuffer {
  return new TextEncoder().encode(fakeChartSvg(request, report, currency)).buffer as ArrayBuffer;
}
