// Why: Home's cards (the budget card it is handed, this month, top categories, recent expenses), drawn from one `home_overview` answer; amounts only ever through formatMoney.
import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { CategoryView, CurrencyInfo, ExpenseView, HomeOverview } from "../api";
import { countLabel } from "../lib/format";
import { formatMoney, percentChange, sharePercent } from "../lib/money";
import { formatDay, monthLabel, previousMonth } from "../lib/periods";
import { categoryBadge, categoryDot } from "./category-badge";
import { cssVars } from "./css-vars";

export interface DashboardProps {
  overview: HomeOverview;
  currency: CurrencyInfo;
  category: (id: number) => CategoryView | undefined;
  onEdit: (expense: ExpenseView, opener: Element) => void;
  onShowAll: () => void;
  /** The budget card (components/home-budget.ts), first and full width. */
  budget?: TemplateResult;
}

/** How many categories the top list shows. */
const TOP = 5;

function monthChange(o: HomeOverview): TemplateResult {
  const last = monthLabel(previousMonth(o.month));
  const pct = percentChange(o.thisMonth.total, o.lastMonth.total);
  if (pct === null) return html`<p id="home-month-change" class="dash-change is-flat">No spending last month</p>`;
  if (pct === 0) return html`<p id="home-month-change" class="dash-change is-flat">Same as ${last}</p>`;
  const up = pct > 0;
  const value = new Intl.NumberFormat(undefined).format(Math.abs(pct));
  return html`<p id="home-month-change" class="dash-change ${up ? "is-up" : "is-down"}">
<span class="dash-arrow" aria-hidden="true">${up ? "▲" : "▼"}</span> ${value}% vs ${last}<span class="visually-hidden"> (${up ? "more" : "less"} spent)</span>
  </p>`;
}

function monthCard(p: DashboardProps): TemplateResult {
  const o = p.overview;
  const last = previousMonth(o.month);
  const largest = Math.max(o.thisMonth.total, o.lastMonth.total);
  const compare = (label: string, total: number, current: boolean) =>
    html`<li class="compare-row">
      <span class="compare-label">${label}</span>
      <span class="compare-bar" aria-hidden="true">
        <span class="compare-fill ${current ? "is-current" : ""}" ${cssVars({ "--share": `${sharePercent(total, largest)}%` })}></span>
      </span>
      <span class="compare-amount amount">${formatMoney(total, p.currency)}</span>
    </li>`;
  const n = new Intl.NumberFormat();
  return html`<section class="card dash-card dash-month" aria-labelledby="home-month-label">
    <div class="card-body">
      <h2 id="home-month-label" class="dash-label"><i class="bi bi-calendar3" aria-hidden="true"></i>Spent in ${monthLabel(o.month, undefined, true)}</h2>
      <div id="home-month-total" class="dash-total amount">${formatMoney(o.thisMonth.total, p.currency)}</div>
      ${monthChange(o)}
      <ul class="compare-list" aria-label="This month and last month">
        ${compare(monthLabel(o.month), o.thisMonth.total, true)} ${compare(monthLabel(last), o.lastMonth.total, false)}
      </ul>
      <dl class="dash-facts">
        <div><dt>Expenses this month</dt><dd class="amount">${n.format(o.thisMonth.count)}</dd></div>
        <div><dt>In ${monthLabel(last)}</dt><dd class="amount">${n.format(o.lastMonth.count)}</dd></div>
      </dl>
    </div>
  </section>`;
}

function topCategories(p: DashboardProps): TemplateResult {
  const o = p.overview;
  const top = o.byCategory.slice(0, TOP);
  const rest = o.byCategory.length - top.length;
  return html`<section class="card dash-card dash-top" aria-labelledby="home-top-title">
    <div class="card-body">
      <h2 id="home-top-title" class="dash-heading"><i class="bi bi-pie-chart" aria-hidden="true"></i>Top categories this month</h2>
      ${top.length === 0
        ? html`<p class="dash-none">Nothing spent yet in ${monthLabel(o.month)}.</p>`
        : nothing}
      <ol id="home-top-categories" class="top-list">
        ${top.map((t) => {
          const c = p.category(t.categoryId);
          const share = sharePercent(t.total, o.thisMonth.total);
          return html`<li class="top-category" data-category-name=${c?.name ?? ""}>
            <div class="top-line">
              ${categoryDot(c?.color ?? "#64748b")}
              <span class="top-name">${c?.name ?? "Unknown"}</span>
              <span class="top-count">${countLabel(t.count, "expense", "expenses")}</span>
              <span class="top-amount amount">${formatMoney(t.total, p.currency)}</span>
            </div>
            <div class="top-bar" aria-hidden="true">
              <span class="top-fill" ${cssVars({ "--share": `${share}%`, "--cat-bg": c?.color ?? "#64748b" })}></span>
            </div>
          </li>`;
        })}
      </ol>
      ${rest > 0 ? html`<p class="dash-more">and ${countLabel(rest, "more category", "more categories")}</p>` : nothing}
    </div>
  </section>`;
}

function recent(p: DashboardProps): TemplateResult {
  const rows = p.overview.recent;
  return html`<section class="card dash-card dash-recent" aria-labelledby="home-recent-title">
    <div class="card-body">
      <div class="dash-heading-row">
        <h2 id="home-recent-title" class="dash-heading"><i class="bi bi-clock-history" aria-hidden="true"></i>Recent expenses</h2>
        <a
          id="home-see-all"
          class="dash-link"
          href="#expenses"
          @click=${(e: Event) => {
            e.preventDefault();
            p.onShowAll();
          }}
          >See all <i class="bi bi-arrow-right" aria-hidden="true"></i
        ></a>
      </div>
      <ul id="home-recent" class="recent-list">
        ${repeat(
          rows,
          (x) => x.id,
          (x) => html`<li class="recent-expense" data-expense-id=${x.id}>
            <button
              type="button"
              class="recent-open"
              title="Edit this expense"
              @click=${(e: Event) => p.onEdit(x, e.currentTarget as Element)}
            >
              <time class="recent-date" datetime=${x.date}>${formatDay(x.date, undefined, "medium")}</time>
              <span class="recent-text">
                <span class="recent-description">${x.description}</span>
                ${categoryBadge(p.category(x.categoryId), "recent-badge")}
              </span>
              <span class="recent-amount amount">${formatMoney(x.amount, p.currency)}</span>
            </button>
          </li>`,
        )}
      </ul>
    </div>
  </section>`;
}

export function dashboard(p: DashboardProps): TemplateResult {
  return html`<div class="dash-grid">${p.budget ?? nothing} ${monthCard(p)} ${topCategories(p)} ${recent(p)}</div>`;
}

/** Grey blocks in the cards' places while the first answer is on its way. */
export function dashboardSkeleton(): TemplateResult {
  const card = (cls: string, lines: number) =>
    html`<div class="card dash-card ${cls}" aria-hidden="true">
      <div class="card-body placeholder-glow">
        <span class="placeholder col-5 mb-3"></span>
        ${Array.from({ length: lines }, () => html`<span class="placeholder col-12 mb-2"></span>`)}
      </div>
    </div>`;
  return html`<div class="dash-grid">${card("dash-month", 3)} ${card("dash-top", 5)} ${card("dash-recent", 6)}</div>`;
}
