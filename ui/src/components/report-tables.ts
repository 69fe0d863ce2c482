// Why: the table behind each report chart (and its empty state), drawn from the report alone so it can be tested; names are user text and reach the page only as text, amounts line up, and "over budget" is said in words and an icon, not colour alone.
import { html, nothing, type TemplateResult } from "lit-html";
import type { BudgetActual, ChartKind, CurrencyInfo, Report } from "../api";
import { emptyTableText, isTableEmpty, shareText, shortMonth, chartTitle } from "../lib/reports";
import { formatMoney } from "../lib/money";
import { formatDay, monthLabel } from "../lib/periods";
import { categoryDot } from "./category-badge";
import { emptyState } from "./empty-state";

export interface ReportTableProps {
  kind: ChartKind;
  report: Report;
  currency: CurrencyInfo;
  /** Only some categories count (the empty sentences say "in these categories"). */
  filtered: boolean;
  locale?: string;
}

const EMPTY_LOOK: Readonly<Record<ChartKind, { icon: string; title: string }>> = {
  spendingByCategory: { icon: "bi-pie-chart", title: "Nothing spent" },
  monthlyTotals: { icon: "bi-graph-up-arrow", title: "Nothing spent" },
  budgetVsActual: { icon: "bi-piggy-bank", title: "No budgets or spending" },
  burnUp: { icon: "bi-calendar-event", title: "Not started yet" },
};

/** A name with its colour as a dot (the name says it; the dot only helps match the chart). */
const categoryCell = (name: string, color: string) =>
  html`<th scope="row" class="report-category-cell"><span class="report-category">${categoryDot(color)}<span class="report-category-name" title=${name}>${name}</span></span></th>`;

/** A money cell: right-aligned, tabular digits. */
const moneyCell = (minor: number, currency: CurrencyInfo, locale?: string) => html`<td class="report-num amount">${formatMoney(minor, currency, locale)}</td>`;

/** "—" for a figure that does not exist, with words for screen readers. */
const none = (words: string) => html`<span aria-hidden="true">—</span><span class="visually-hidden">${words}</span>`;

function scrollBox(kind: ChartKind, report: Report, table: TemplateResult, locale?: string): TemplateResult {
  return html`<div class="table-responsive report-table-scroll" tabindex="0" role="region" aria-label="${chartTitle(kind, report, locale)}: table">
    ${table}
  </div>`;
}

function spendingTable(p: ReportTableProps): TemplateResult {
  const r = p.report;
  const count = new Intl.NumberFormat(p.locale);
  return html`<table class="table report-table" data-chart="spendingByCategory">
    <caption class="visually-hidden">Spending by category, ${r.label}</caption>
    <thead>
      <tr>
        <th scope="col">Category</th>
        <th scope="col" class="report-num">Amount</th>
        <th scope="col" class="report-num">Share</th>
        <th scope="col" class="report-num">Expenses</th>
      </tr>
    </thead>
    <tbody>
      ${r.byCategory.map(
        (c) => html`<tr data-category-id=${c.categoryId}>
          ${categoryCell(c.name, c.color)} ${moneyCell(c.amount, p.currency, p.locale)}
          <td class="report-num amount">${shareText(c.shareBp, p.locale)}</td>
          <td class="report-num amount">${count.format(c.count)}</td>
        </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">Total</th>
        ${moneyCell(r.total, p.currency, p.locale)}
        <td></td>
        <td class="report-num amount">${count.format(r.count)}</td>
      </tr>
    </tfoot>
  </table>`;
}

function monthlyTable(p: ReportTableProps): TemplateResult {
  const m = p.report.monthly;
  const first = m.months[0]?.month;
  const last = m.months[m.months.length - 1]?.month;
  const span = first === undefined || last === undefined ? "" : `, ${monthLabel(first, p.locale, true)} to ${monthLabel(last, p.locale, true)}`;
  return html`<table class="table report-table" data-chart="monthlyTotals">
    <caption class="visually-hidden">Monthly totals${span}</caption>
    <thead>
      <tr>
        <th scope="col">Month</th>
        <th scope="col" class="report-num">Amount</th>
        <th scope="col" class="report-num">Share</th>
      </tr>
    </thead>
    <tbody>
      ${m.months.map(
        (row) => html`<tr data-month=${row.month}>
          <th scope="row" class="report-month">${shortMonth(row.month, p.locale)}</th>
          ${moneyCell(row.amount, p.currency, p.locale)}
          <td class="report-num amount">${shareText(row.shareBp, p.locale)}</td>
        </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr class="report-average">
        <th scope="row">Average</th>
        ${moneyCell(m.average, p.currency, p.locale)}
        <td></td>
      </tr>
      <tr class="report-total">
        <th scope="row">Total</th>
        ${moneyCell(m.total, p.currency, p.locale)}
        <td></td>
      </tr>
    </tfoot>
  </table>`;
}

function remainingCell(row: BudgetActual, p: ReportTableProps): TemplateResult {
  if (row.remaining === null) return html`<td class="report-num">${none("no budget")}</td>`;
  if (row.remaining < 0) {
    return html`<td class="report-num amount">
      <span class="report-over text-danger"
        ><span class="report-over-words"><i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i> Over by</span>
        <span class="amount">${formatMoney(-row.remaining, p.currency, p.locale)}</span></span
      >
    </td>`;
  }
  return moneyCell(row.remaining, p.currency, p.locale);
}

function budgetTable(p: ReportTableProps): TemplateResult {
  const b = p.report.budget;
  return html`<table class="table report-table" data-chart="budgetVsActual">
    <caption class="visually-hidden">Budget vs actual, ${monthLabel(b.month, p.locale, true)}</caption>
    <thead>
      <tr>
        <th scope="col">Category</th>
        <th scope="col" class="report-num">Budget</th>
        <th scope="col" class="report-num">Spent</th>
        <th scope="col" class="report-num">Remaining</th>
        <th scope="col" class="report-num">Used</th>
      </tr>
    </thead>
    <tbody>
      ${b.rows.map(
        (row) => html`<tr data-category-id=${row.categoryId} class=${row.remaining !== null && row.remaining < 0 ? "is-over" : ""}>
          ${categoryCell(row.name, row.color)}
          ${row.limit === null ? html`<td class="report-num">${none("no budget")}</td>` : moneyCell(row.limit, p.currency, p.locale)}
          ${moneyCell(row.spent, p.currency, p.locale)} ${remainingCell(row, p)}
          <td class="report-num amount">${row.percent === null ? none("no budget") : `${new Intl.NumberFormat(p.locale).format(row.percent)} %`}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The burn-up's budget line, projection and crossing day, above its table. */
export function burnUpSummary(p: ReportTableProps): TemplateResult {
  const b = p.report.burnUp;
  const spent = b.days[b.days.length - 1]?.cumulative ?? 0;
  const over = b.limit !== null && spent > b.limit;
  return html`<dl class="report-burn-summary">
    <div>
      <dt>Budget</dt>
      <dd class="amount">${b.limit === null ? "No budget" : formatMoney(b.limit, p.currency, p.locale)}</dd>
    </div>
    <div>
      <dt>Spent so far</dt>
      <dd class="amount">
        ${formatMoney(spent, p.currency, p.locale)}${over
          ? html` <span class="report-over text-danger"
              ><i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i>Over by ${formatMoney(spent - (b.limit ?? 0), p.currency, p.locale)}</span
            >`
          : nothing}
      </dd>
    </div>
    <div>
      <dt>Projected</dt>
      <dd class="amount">${b.projected === null ? none("no projection: not the current month") : formatMoney(b.projected, p.currency, p.locale)}</dd>
    </div>
    <div>
      <dt>Over on</dt>
      <dd>
        ${b.overOn === null
          ? b.limit === null || b.projected === null
            ? none("not applicable")
            : "Not at this pace"
          : html`<span class="report-over text-danger"
              ><i class="bi bi-calendar-x" aria-hidden="true"></i>${formatDay(b.overOn, p.locale)}</span
            >`}
      </dd>
    </div>
  </dl>`;
}

function burnUpTable(p: ReportTableProps): TemplateResult {
  const b = p.report.burnUp;
  return html`<table class="table report-table" data-chart="burnUp">
    <caption class="visually-hidden">Burn-up, ${monthLabel(b.month, p.locale, true)}</caption>
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col" class="report-num">Spent</th>
        <th scope="col" class="report-num">Cumulative</th>
      </tr>
    </thead>
    <tbody>
      ${b.days.map(
        (d) => html`<tr data-date=${d.date} class=${b.limit !== null && d.cumulative > b.limit ? "is-over" : ""}>
          <th scope="row" class="report-date">${formatDay(d.date, p.locale)}</th>
          ${moneyCell(d.spent, p.currency, p.locale)} ${moneyCell(d.cumulative, p.currency, p.locale)}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The table view of one card: its table (the burn-up's summary above it), or the empty state. */
export function reportTable(p: ReportTableProps): TemplateResult {
  const summary = p.kind === "burnUp" && p.report.burnUp.days.length > 0 ? burnUpSummary(p) : nothing;
  if (isTableEmpty(p.kind, p.report)) {
    const look = p.kind === "burnUp" && p.report.burnUp.days.length > 0 ? EMPTY_LOOK.monthlyTotals : EMPTY_LOOK[p.kind];
    return html`${summary}
    ${emptyState({ id: `report-empty-${p.kind}`, icon: look.icon, title: look.title, text: emptyTableText(p.kind, p.report, p.filtered, p.locale) })}`;
  }
  switch (p.kind) {
    case "spendingByCategory":
      return scrollBox(p.kind, p.report, spendingTable(p), p.locale);
    case "monthlyTotals":
      return scrollBox(p.kind, p.report, monthlyTable(p), p.locale);
    case "budgetVsActual":
      return scrollBox(p.kind, p.report, budgetTable(p), p.locale);
    case "burnUp":
      return html`${summary}${scrollBox(p.kind, p.report, burnUpTable(p), p.locale)}`;
  }
}
