// Why: the first screen after unlock: this month at a glance from one `home_overview` answer (and its budget from `budget_month`), or, for a new profile, what to do first.
import { html, nothing, type TemplateResult } from "lit-html";
import {
  alertSettings,
  budgetMonth,
  homeOverview,
  type AppError,
  type BudgetMonth,
  type HomeOverview,
  type SessionInfo,
} from "../api";
import { dashboard, dashboardSkeleton } from "../components/dashboard";
import { emptyState } from "../components/empty-state";
import { homeBudget } from "../components/home-budget";
import { DEFAULT_THRESHOLDS } from "../lib/budgets";
import { monthLabel, todayIso } from "../lib/periods";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";

export function homeScreen(host: Host, session: SessionInfo, _intent: NavIntent = {}): AppScreen {
  let overview: HomeOverview | null = null;
  let loadError: AppError | null = null;
  let budget: BudgetMonth | null = null;
  let thresholds: readonly number[] = DEFAULT_THRESHOLDS;
  /** The budget card is extra: when it cannot load, Home shows the rest without it. */
  let budgetFailed = false;

  const load = async () => {
    try {
      const [fresh] = await Promise.all([homeOverview(todayIso()), frame.loadCategories()]);
      overview = fresh;
      loadError = null;
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      loadError = failure;
    }
    host.refresh();
    frame.keepFocus("#home-add-btn", "#home-add-first", "#home-title");
  };

  /** The month of the same `today` as the overview: the person's local date. */
  const loadBudget = async () => {
    try {
      const [fresh, settings] = await Promise.all([budgetMonth(todayIso().slice(0, 7)), alertSettings()]);
      budget = fresh;
      thresholds = settings.thresholds;
      budgetFailed = false;
    } catch (error) {
      if (frame.fail(error) === null) return;
      budgetFailed = true;
    }
    host.refresh();
  };

  const frame = createFrame(host, session, "home", {
    saved: () => {
      void load();
      void loadBudget();
    },
    budgetAlerts: () => void loadBudget(),
    imported: () => {
      void load();
      void loadBudget();
    },
  });

  const budgetCard = () =>
    homeBudget({ month: budget, failed: budgetFailed, thresholds, currency: frame.currency, onOpen: () => host.navigate("budgets") });

  const addButton = (id: string, label: string, large = false): TemplateResult =>
    html`<button
      id=${id}
      type="button"
      class="btn btn-primary ${large ? "btn-lg" : ""} btn-add"
      aria-keyshortcuts="N"
      @click=${(e: Event) => frame.openEditor(null, e.currentTarget as Element)}
    >
      <i class="bi bi-plus-lg" aria-hidden="true"></i>${label}
    </button>`;

  const firstSteps = (): TemplateResult =>
    emptyState({
      id: "home-empty",
      size: "hero",
      icon: "bi-receipt",
      title: "Record your first expense",
      text: html`Add what you spent — the amount, a few words about it and a category — and this page will show your
        month at a glance: the total, how it compares with last month and where the money went.`,
      actions: addButton("home-add-first", "Add your first expense", true),
      footnote: html`Tip: press <kbd>N</kbd> on any screen to add an expense. The categories are a starting point; change them
        under
        <a
          href="#categories"
          @click=${(e: Event) => {
            e.preventDefault();
            host.navigate("categories");
          }}
          >Categories</a
        >.`,
    });

  const body = (): TemplateResult => {
    if (overview === null) return loadError === null ? dashboardSkeleton() : html``;
    if (overview.expenseCount === 0) return html`${firstSteps()}<div class="home-budget-after">${budgetCard()}</div>`;
    return dashboard({
      budget: budgetCard(),
      overview,
      currency: frame.currency,
      category: frame.category,
      onEdit: (expense, opener) => frame.openEditor(expense, opener),
      onShowAll: () => host.navigate("expenses"),
    });
  };

  return frame.screen(
    () => {
      const name = overview?.profileName ?? session.profile.name;
      const hasExpenses = overview !== null && overview.expenseCount > 0;
      return html`<section id="home" aria-labelledby="home-title" aria-busy=${overview === null && loadError === null ? "true" : "false"}>
        <header class="page-header">
          <div class="page-heading">
            <h1 id="home-title" class="page-title" tabindex="-1">Welcome, ${name}</h1>
            <p class="page-lead">
              ${hasExpenses && overview !== null ? html`${monthLabel(overview.month, undefined, true)} at a glance.` : "Your profile is unlocked and ready."}
            </p>
          </div>
          ${hasExpenses ? addButton("home-add-btn", "Add expense") : nothing}
        </header>
        ${loadError === null
          ? nothing
          : html`<div id="home-error" class="alert alert-danger d-flex gap-2 align-items-center" role="alert">
              <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span class="me-auto">${loadError.message}</span>
              <button type="button" class="btn btn-sm btn-outline-danger" @click=${() => void load()}>Try again</button>
            </div>`}
        ${body()}
        <p class="page-footnote">
          <i class="bi bi-shield-lock" aria-hidden="true"></i>
          Encrypted on this computer. Lock it when you step away: <kbd>${host.lockShortcut()}</kbd>
        </p>
      </section>`;
    },
    () => {
      void load();
      void loadBudget();
    },
  );
}
