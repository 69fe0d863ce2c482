// Why: one budget line (overall or a category's) wherever it appears: name, a progress bar whose colour, icon and words all say the state, the figures, and the month's notes (forecast, rollover, this month only).
import { html, nothing, type TemplateResult } from "lit-html";
import type { BudgetLine, CurrencyInfo, MonthPhase } from "../api";
import {
  BUDGET_STATE_ICON,
  BUDGET_STATE_LABEL,
  BUDGET_STATE_TONE,
  barPercent,
  budgetState,
  carriedLabel,
  daysLeftLabel,
  forecastSentence,
  percentText,
  remainingLabel,
  type BudgetState,
} from "../lib/budgets";
import { formatMoney } from "../lib/money";
import { categoryBadge } from "./category-badge";
import { cssVars } from "./css-vars";

export interface BudgetLineProps {
  line: BudgetLine;
  /** `YYYY-MM` of the month shown. */
  month: string;
  phase: MonthPhase;
  daysLeft: number;
  currency: CurrencyInfo;
  thresholds: readonly number[];
  /** The edit button's action; no button without it. */
  onEdit?: (line: BudgetLine, opener: Element) => void;
}

/** "Overall" or the category's name, for sentences and labels. */
export function budgetName(line: Pick<BudgetLine, "name" | "categoryId">): string {
  return line.categoryId === null ? "Overall" : (line.name ?? "Unknown category");
}

/** The budget's name as shown: a wallet for the overall budget, the category's badge otherwise. */
export function budgetNameView(line: BudgetLine): TemplateResult {
  if (line.categoryId === null) {
    return html`<span class="budget-overall-name"><i class="bi bi-wallet2" aria-hidden="true"></i>Overall budget</span>`;
  }
  const category = line.name === null ? undefined : { name: line.name, color: line.color ?? "#64748b" };
  return categoryBadge(category, "budget-badge");
}

/** The state as words with an icon, in the state's colour (never the colour alone). */
export function budgetStatus(state: BudgetState): TemplateResult {
  const tone = BUDGET_STATE_TONE[state];
  return html`<span class="budget-status text-${tone}-emphasis bg-${tone}-subtle border border-${tone}-subtle" data-state=${state}
    ><i class="bi ${BUDGET_STATE_ICON[state]}" aria-hidden="true"></i>${BUDGET_STATE_LABEL[state]}</span
  >`;
}

/** Bootstrap's progress bar: width min(percent, 100) %, coloured by state, described in words for screen readers. */
export function budgetBar(line: BudgetLine, state: BudgetState, muted = false): TemplateResult {
  const width = barPercent(line);
  const spentText = line.percent === null ? "nothing was left to spend" : `${percentText(line.percent)} spent`;
  const tone = muted ? "secondary" : BUDGET_STATE_TONE[state];
  return html`<div
    class="progress budget-bar"
    role="progressbar"
    aria-label="${budgetName(line)} budget used"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${width}
    aria-valuetext="${spentText} — ${BUDGET_STATE_LABEL[state]}"
  >
    <div class="progress-bar bg-${tone} ${muted ? "is-muted" : ""}" ${cssVars({ "--budget-fill": `${width}%` })}></div>
  </div>`;
}

function notes(p: BudgetLineProps): TemplateResult | typeof nothing {
  const { line } = p;
  const forecast = p.phase === "current" ? forecastSentence(line, p.currency) : null;
  const carried = line.rollover ? carriedLabel(line.carried, p.month, p.currency) : null;
  const items: TemplateResult[] = [];
  if (forecast !== null) {
    items.push(html`<li class="budget-forecast"><i class="bi bi-graph-up-arrow" aria-hidden="true"></i>${forecast}</li>`);
  }
  if (carried !== null) {
    items.push(html`<li class="budget-carried amount"><i class="bi bi-arrow-return-right" aria-hidden="true"></i>${carried}</li>`);
  } else if (line.rollover) {
    items.push(html`<li class="budget-rollover"><i class="bi bi-arrow-repeat" aria-hidden="true"></i>Rolls over to next month</li>`);
  }
  if (line.thisMonthOnly) {
    items.push(html`<li class="budget-once"><span class="badge budget-once-badge">This month only</span></li>`);
  }
  return items.length === 0 ? nothing : html`<ul class="budget-notes">${items}</ul>`;
}

function figures(p: BudgetLineProps): TemplateResult {
  const { line, currency } = p;
  const limit = line.limit ?? 0;
  if (p.phase === "future") {
    return html`<div class="budget-figures">
      <span class="budget-spent"><span class="amount budget-limit">${formatMoney(limit, currency)}</span> planned</span>
      ${line.spent > 0 ? html`<span class="budget-remaining amount">${formatMoney(line.spent, currency)} already spent</span>` : nothing}
    </div>`;
  }
  return html`<div class="budget-figures">
    <span class="budget-spent"
      ><span class="visually-hidden">Spent: </span><strong class="amount">${formatMoney(line.spent, currency)}</strong> of
      <span class="amount budget-limit">${formatMoney(limit, currency)}</span></span
    >
    <span class="budget-rest">
      <span class="budget-remaining amount ${line.remaining !== null && line.remaining < 0 ? "is-over" : ""}"
        >${remainingLabel(line.remaining ?? 0, currency)}</span
      >
      ${p.phase === "current" ? html`<span class="budget-days">${daysLeftLabel(p.daysLeft)}</span>` : nothing}
    </span>
  </div>`;
}

/** The line's parts; the owner wraps them (`<li class="budget-line">`, or the overall card). Only for a line with a budget. */
export function budgetLineParts(p: BudgetLineProps): TemplateResult {
  const { line } = p;
  const state = budgetState(line, p.thresholds);
  const future = p.phase === "future";
  const name = budgetName(line);
  return html`<div class="budget-name">${budgetNameView(line)}</div>
    <div class="budget-state">
      ${future ? html`<span class="budget-status budget-status-planned"><i class="bi bi-calendar-event" aria-hidden="true"></i>Planned</span>` : budgetStatus(state)}
      ${line.percent !== null && !future ? html`<span class="budget-percent amount">${percentText(line.percent)}</span>` : nothing}
    </div>
    <div class="budget-progress">${budgetBar(line, state, future)}</div>
    ${figures(p)} ${notes(p)}
    ${p.onEdit === undefined
      ? nothing
      : html`<div class="budget-actions">
          <button
            type="button"
            class="btn btn-row-action budget-edit"
            title="Change this budget"
            aria-label="Change the ${name} budget"
            data-category-id=${line.categoryId ?? "overall"}
            @click=${(e: Event) => p.onEdit?.(line, e.currentTarget as Element)}
          >
            <i class="bi bi-pencil" aria-hidden="true"></i>
          </button>
        </div>`}`;
}
