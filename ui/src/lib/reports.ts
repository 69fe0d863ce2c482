// Why: the Reports screen's words and rules that need no DOM (periods, the custom range check, chart titles, file names, shares, the charts' text alternatives, what the image bytes are), kept pure for tests.
import type { BudgetActual } from "../api/bindings/BudgetActual";
import type { CategoryView } from "../api/bindings/CategoryView";
import type { ChartFormat } from "../api/bindings/ChartFormat";
import type { ChartKind } from "../api/bindings/ChartKind";
import type { CurrencyInfo } from "../api/bindings/CurrencyInfo";
import type { ExportFormat } from "../api/bindings/ExportFormat";
import type { Report } from "../api/bindings/Report";
import type { ReportPeriod } from "../api/bindings/ReportPeriod";
import type { ReportRequest } from "../api/bindings/ReportRequest";
import { categoryFilterLabel } from "./expense-list";
import { countLabel } from "./format";
import { formatMoney, plainAmount } from "./money";
import { formatDay, isIsoDate, monthLabel } from "./periods";
import { fileNameOf } from "./transfer";

// ----- the period ----------------------------------------------------------------------------------------------------

export type ReportPreset = ReportPeriod["kind"];

/** The period select's options, in order (`#report-period`). */
export const REPORT_PRESETS: readonly { value: ReportPreset; label: string }[] = [
  { value: "thisMonth", label: "This month" },
  { value: "lastMonth", label: "Last month" },
  { value: "last3Months", label: "Last 3 months" },
  { value: "last12Months", label: "Last 12 months" },
  { value: "thisYear", label: "This year" },
  { value: "custom", label: "Custom range…" },
];

export function isReportPreset(value: string): value is ReportPreset {
  return REPORT_PRESETS.some((p) => p.value === value);
}

/** The monthly chart's two lengths (`#report-trend`). */
export const TREND_CHOICES: readonly number[] = [12, 24];

/** What the person chose on the screen; remembered in memory only, for the session. */
export interface ReportChoices {
  preset: ReportPreset;
  /** The custom range's ends as typed (`YYYY-MM-DD` or ""), kept while another preset is chosen. */
  from: string;
  to: string;
  categoryIds: readonly number[];
  trendMonths: number;
}

export const DEFAULT_REPORT_CHOICES: ReportChoices = { preset: "thisMonth", from: "", to: "", categoryIds: [], trendMonths: 12 };

/**
 * Why a custom range cannot be asked for yet, in words for the person, or null when it can: both ends are real dates and
 * the start is not after the end (Rust checks the same and refuses with `invalid_period`).
 */
export function customRangeProblem(from: string, to: string): string | null {
  const start = from.trim();
  const end = to.trim();
  if (start === "" && end === "") return "Choose the first and the last day of the range.";
  if (start === "") return "Choose the first day of the range.";
  if (end === "") return "Choose the last day of the range.";
  if (!isIsoDate(start)) return `“${Array.from(start).slice(0, 20).join("")}” is not a date; write it like 2026-11-01.`;
  if (!isIsoDate(end)) return `“${Array.from(end).slice(0, 20).join("")}” is not a date; write it like 2026-11-30.`;
  if (start > end) return `The range starts (${formatDay(start)}) after it ends (${formatDay(end)}): swap the dates.`;
  return null;
}

/** The request the choices stand for; null for a custom range that `customRangeProblem` refuses. */
export function reportRequest(c: ReportChoices): ReportRequest | null {
  let period: ReportPeriod;
  if (c.preset === "custom") {
    if (customRangeProblem(c.from, c.to) !== null) return null;
    period = { kind: "custom", from: c.from.trim(), to: c.to.trim() };
  } else {
    period = { kind: c.preset };
  }
  return { period, categoryIds: [...c.categoryIds].sort((a, b) => a - b), trendMonths: c.trendMonths };
}

/** The category filter's button: "All categories", the single name, or "3 categories" (ids no longer known are left out). */
export function categoryButtonLabel(selectedIds: readonly number[], categories: readonly Pick<CategoryView, "id" | "name">[]): string {
  const chosen = new Set(selectedIds);
  return categoryFilterLabel(categories.filter((c) => chosen.has(c.id)).map((c) => c.name));
}

// ----- the charts ----------------------------------------------------------------------------------------------------

/** The four cards, in the order they are shown. */
export const CHART_KINDS: readonly ChartKind[] = ["spendingByCategory", "monthlyTotals", "budgetVsActual", "burnUp"];

/** What file names call each chart. */
export const CHART_SLUGS: Readonly<Record<ChartKind, string>> = {
  spendingByCategory: "spending-by-category",
  monthlyTotals: "monthly-totals",
  budgetVsActual: "budget-vs-actual",
  burnUp: "burn-up",
};

const CHART_NAMES: Readonly<Record<ChartKind, string>> = {
  spendingByCategory: "Spending by category",
  monthlyTotals: "Monthly totals",
  budgetVsActual: "Budget vs actual",
  burnUp: "Burn-up",
};

/** A chart's plain name ("Budget vs actual"). */
export function chartName(kind: ChartKind): string {
  return CHART_NAMES[kind];
}

/** A card's title: the two month charts name their month ("Burn-up · November 2026"); null report: the name alone. */
export function chartTitle(kind: ChartKind, report: Pick<Report, "budget" | "burnUp"> | null, locale?: string): string {
  if (report === null) return CHART_NAMES[kind];
  if (kind === "budgetVsActual") return `${CHART_NAMES[kind]} · ${monthLabel(report.budget.month, locale, true)}`;
  if (kind === "burnUp") return `${CHART_NAMES[kind]} · ${monthLabel(report.burnUp.month, locale, true)}`;
  return CHART_NAMES[kind];
}

/** The part of a file name that says which figures: the period, the monthly chart's months, or the month. */
export function chartStem(kind: ChartKind, report: Pick<Report, "fileStem" | "monthly" | "budget" | "burnUp">): string {
  switch (kind) {
    case "spendingByCategory":
      return report.fileStem;
    case "monthlyTotals": {
      const months = report.monthly.months;
      const first = months[0]?.month;
      const last = months[months.length - 1]?.month;
      if (first === undefined || last === undefined) return report.fileStem;
      return first === last ? first : `${first}-to-${last}`;
    }
    case "budgetVsActual":
      return report.budget.month;
    case "burnUp":
      return report.burnUp.month;
  }
}

/** What the save dialog proposes: `coffer-spending-by-category-2026-11.png`, `coffer-burn-up-2026-11.csv`. */
export function chartFileName(
  kind: ChartKind,
  report: Pick<Report, "fileStem" | "monthly" | "budget" | "burnUp">,
  extension: ChartFormat | ExportFormat,
): string {
  return `coffer-${CHART_SLUGS[kind]}-${chartStem(kind, report)}.${extension}`;
}

/** The chart's width asked of Rust: the card's CSS width, whole pixels, within what it draws (240–2048). */
export const CHART_MIN_WIDTH = 240;
export const CHART_MAX_WIDTH = 2048;
/** Every chart's height in CSS pixels. */
export const CHART_HEIGHT = 320;

export function chartWidth(cssWidth: number): number {
  if (!Number.isFinite(cssWidth)) return CHART_MIN_WIDTH;
  return Math.min(CHART_MAX_WIDTH, Math.max(CHART_MIN_WIDTH, Math.round(cssWidth)));
}

/** What a chart's bytes are, from their start: a PNG's signature, or SVG text (after a BOM, blanks, `<?xml …?>` or comments); null for neither. */
export function chartImageType(bytes: ArrayBuffer | Uint8Array): "image/png" | "image/svg+xml" | null {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= png.length && png.every((v, i) => b[i] === v)) return "image/png";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, 512)).replace(/^\uFEFF/u, "").trimStart();
  if (/^<svg[\s>]/u.test(head)) return "image/svg+xml";
  if (/^<\?xml[\s?]/u.test(head) || /^<!--/u.test(head) || /^<!DOCTYPE svg/iu.test(head)) {
    return /<svg[\s>]/u.test(head) ? "image/svg+xml" : null;
  }
  return null;
}

// ----- figures as words ----------------------------------------------------------------------------------------------

/** A share in hundredths of a percent as the tables write it: 1234 → "12.34 %". */
export function shareText(shareBp: number, locale?: string): string {
  const bp = Math.max(0, Math.round(shareBp));
  const fmt = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // The exact decimal string (as money is formatted), so no float decides a digit.
  return `${(fmt.format as unknown as (value: string) => string)(plainAmount(bp, 2))} %`;
}

/** A share for a sentence: whole percent ("45 %"), "under 1 %" for a sliver. */
export function roundShareText(shareBp: number, locale?: string): string {
  if (shareBp > 0 && shareBp < 50) return "under 1 %";
  return `${new Intl.NumberFormat(locale).format(Math.round(shareBp / 100))} %`;
}

/** "Nov 2026" for `YYYY-MM`: the monthly table's rows. */
export function shortMonth(month: string, locale?: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)));
}

/** Rows an alternative text names before it says "and 3 more". */
const ALT_ROWS = 6;

function listed<T>(rows: readonly T[], say: (row: T) => string): string {
  const named = rows.slice(0, ALT_ROWS).map(say);
  const rest = rows.length - named.length;
  return rest > 0 ? `${named.join(", ")} and ${rest} more` : named.join(", ");
}

function budgetRowWords(r: BudgetActual, currency: CurrencyInfo, locale?: string): string {
  const spent = formatMoney(r.spent, currency, locale);
  if (r.limit === null) return `${r.name} ${spent} spent, no budget`;
  const of = `${r.name} ${spent} of ${formatMoney(r.limit, currency, locale)}`;
  if (r.remaining !== null && r.remaining < 0) return `${of}, over by ${formatMoney(-r.remaining, currency, locale)}`;
  return r.percent === null ? of : `${of} (${new Intl.NumberFormat(locale).format(r.percent)} %)`;
}

/**
 * The chart image's text alternative: what it shows, in a sentence or two of plain text
 * ("Spending by category, November 2026: Groceries 45 % (€450.00), Rent 30 % (€300.00) …").
 */
export function chartAlt(kind: ChartKind, report: Report, currency: CurrencyInfo, locale?: string): string {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  switch (kind) {
    case "spendingByCategory": {
      const head = `Spending by category, ${report.label}`;
      if (report.byCategory.length === 0) return `${head}: nothing spent.`;
      const parts = listed(report.byCategory, (c) => `${c.name} ${roundShareText(c.shareBp, locale)} (${money(c.amount)})`);
      return `${head}: ${parts}. Total ${money(report.total)}.`;
    }
    case "monthlyTotals": {
      const months = report.monthly.months;
      const first = months[0];
      const last = months[months.length - 1];
      if (first === undefined || last === undefined) return "Monthly totals: no months.";
      const head = `Monthly totals, ${monthLabel(first.month, locale, true)} to ${monthLabel(last.month, locale, true)}`;
      if (report.monthly.total === 0) return `${head}: nothing spent.`;
      const highest = months.reduce((a, b) => (b.amount > a.amount ? b : a));
      const lowest = months.reduce((a, b) => (b.amount < a.amount ? b : a));
      return (
        `${head}: total ${money(report.monthly.total)}, on average ${money(report.monthly.average)} a month; ` +
        `highest ${monthLabel(highest.month, locale, true)} (${money(highest.amount)}), lowest ${monthLabel(lowest.month, locale, true)} (${money(lowest.amount)}).`
      );
    }
    case "budgetVsActual": {
      const head = `Budget vs actual, ${monthLabel(report.budget.month, locale, true)}`;
      if (report.budget.rows.length === 0) return `${head}: no budgets and nothing spent.`;
      return `${head}: ${listed(report.budget.rows, (r) => budgetRowWords(r, currency, locale))}.`;
    }
    case "burnUp": {
      const b = report.burnUp;
      const head = `Burn-up, ${monthLabel(b.month, locale, true)}`;
      const last = b.days[b.days.length - 1];
      if (last === undefined) return `${head}: the month has not started.`;
      const budget = b.limit === null ? "no budget" : `a budget of ${money(b.limit)}`;
      let text = `${head}: ${money(last.cumulative)} spent by ${formatDay(last.date, locale)}, ${budget}`;
      if (b.projected !== null) text += `; at this pace ${money(b.projected)} by the month's end`;
      if (b.overOn !== null) text += `, over budget on ${formatDay(b.overOn, locale)}`;
      return `${text}.`;
    }
  }
}

/** The figures line under the period: "€1,234.00 · 42 expenses". */
export function reportCountLabel(count: number, locale?: string): string {
  return countLabel(count, "expense", "expenses", locale);
}

/** The table view's empty state (a chart image draws its own); `filtered`: some categories only. */
export function emptyTableText(kind: ChartKind, report: Report, filtered: boolean, locale?: string): string {
  const where = filtered ? " in these categories" : "";
  const after = "Pick another period or add expenses.";
  switch (kind) {
    case "spendingByCategory":
      return `Nothing was spent in ${report.label}${where}. ${after}`;
    case "monthlyTotals": {
      const months = report.monthly.months;
      const first = months[0]?.month;
      const last = months[months.length - 1]?.month;
      const span = first === undefined || last === undefined ? `in ${report.label}` : `from ${monthLabel(first, locale, true)} to ${monthLabel(last, locale, true)}`;
      return `Nothing was spent ${span}${where}. ${after}`;
    }
    case "budgetVsActual":
      return `${monthLabel(report.budget.month, locale, true)} has no budgets and no spending${where}. Set budgets on the Budgets screen, or pick another period.`;
    case "burnUp":
      return report.burnUp.days.length === 0
        ? `${monthLabel(report.burnUp.month, locale, true)} has not started yet. Pick another period.`
        : `Nothing was spent in ${monthLabel(report.burnUp.month, locale, true)}${where}. ${after}`;
  }
}

/** Whether a chart's table has nothing to list (its view shows the empty state instead). */
export function isTableEmpty(kind: ChartKind, report: Report): boolean {
  switch (kind) {
    case "spendingByCategory":
      return report.count === 0 || report.byCategory.length === 0;
    case "monthlyTotals":
      return report.monthly.months.length === 0 || report.monthly.months.every((m) => m.amount === 0);
    case "budgetVsActual":
      return report.budget.rows.length === 0;
    case "burnUp":
      return report.burnUp.days.length === 0 || (report.burnUp.limit === null && report.burnUp.days.every((d) => d.spent === 0));
  }
}

// ----- after saving --------------------------------------------------------------------------------------------------

/** The toast after saving a chart: "Saved coffer-burn-up-2026-11.png" (the file's name, not its folder). */
export function savedChartMessage(path: string): string {
  return `Saved ${fileNameOf(path)}`;
}

/** The toast after exporting a table: "Exported 8 rows to coffer-monthly-totals-2025-12-to-2026-11.csv". */
export function exportedTableMessage(rows: number, path: string, locale?: string): string {
  return `Exported ${countLabel(rows, "row", "rows", locale)} to ${fileNameOf(path)}`;
}
