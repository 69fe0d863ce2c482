// Why: Home's budget card: the month's overall budget at a glance (bar, figures, state in words), else how the category budgets stand, else an invitation to set one.
import { html, type TemplateResult } from "lit-html";
import type { BudgetMonth, CurrencyInfo } from "../api";
import { budgetState, categoryBudgetCounts, categoryCountsSentence, hasAnyBudget, remainingLabel } from "../lib/budgets";
import { formatMoney } from "../lib/money";
import { monthLabel } from "../lib/periods";
import { budgetBar, budgetStatus } from "./budget-line";

export interface HomeBudgetProps {
  /** Null while loading (or when it could not be loaded: `failed`). */
  month: BudgetMonth | null;
  failed: boolean;
  thresholds: readonly number[];
  currency: CurrencyInfo;
  onOpen: () => void;
}

export function homeBudget(p: HomeBudgetProps): TemplateResult {
  const link = (text: string, extra = "") =>
    html`<a
      id="home-budget-link"
      class="dash-link ${extra}"
      href="#budgets"
      @click=${(e: Event) => {
        e.preventDefault();
        p.onOpen();
      }}
      >${text} <i class="bi bi-arrow-right" aria-hidden="true"></i
    ></a>`;
  const card = (state: string, content: TemplateResult) =>
    html`<section id="home-budget" class="card dash-card dash-budget" data-state=${state} aria-labelledby="home-budget-title">
      <div class="card-body">${content}</div>
    </section>`;

  if (p.month === null) {
    if (p.failed) return html``;
    return html`<div class="card dash-card dash-budget" aria-hidden="true">
      <div class="card-body placeholder-glow"><span class="placeholder col-4 mb-2"></span><span class="placeholder col-12"></span></div>
    </div>`;
  }
  const m = p.month;
  const label = monthLabel(m.month);
  const heading = html`<h2 id="home-budget-title" class="dash-heading"><i class="bi bi-piggy-bank" aria-hidden="true"></i>Budget for ${label}</h2>`;

  if (!hasAnyBudget(m)) {
    return card(
      "none",
      html`<div class="home-budget-none">
        <h2 id="home-budget-title" class="dash-heading mb-0"><i class="bi bi-piggy-bank" aria-hidden="true"></i>No budget yet</h2>
        <span class="home-budget-text">Decide what to spend in ${label}, and Coffer tells you how it is going.</span>
        ${link("Set a monthly budget")}
      </div>`,
    );
  }

  const overall = m.overall;
  if (overall.amount === null || overall.limit === null) {
    const counts = categoryBudgetCounts(m, p.thresholds);
    const state = counts.over > 0 ? "over" : counts.near > 0 ? "near" : "on-track";
    return card(
      state,
      html`<div class="dash-heading-row">${heading}${link("See budgets")}</div>
        <p id="home-budget-summary" class="home-budget-summary">${budgetStatus(state)}<span>${categoryCountsSentence(counts)}</span></p>`,
    );
  }

  const state = budgetState(overall, p.thresholds);
  return card(
    state,
    html`<div class="dash-heading-row">${heading}${link("See budgets")}</div>
      <div class="home-budget-line">
        ${budgetStatus(state)}
        <span id="home-budget-figures" class="home-budget-figures"
          ><strong class="amount">${formatMoney(overall.spent, p.currency)}</strong> of
          <span class="amount">${formatMoney(overall.limit, p.currency)}</span></span
        >
        <span class="home-budget-remaining amount">${remainingLabel(overall.remaining ?? 0, p.currency)}</span>
      </div>
      ${budgetBar(overall, state)}`,
  );
}
