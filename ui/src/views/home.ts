// Why: the first screen after unlock: this month at a glance from one `home_overview` answer, or, for a new profile, what to do first.
import { html, nothing, type TemplateResult } from "lit-html";
import { homeOverview, type AppError, type HomeOverview, type SessionInfo } from "../api";
import { dashboard, dashboardSkeleton } from "../components/dashboard";
import { emptyState } from "../components/empty-state";
import { monthLabel, todayIso } from "../lib/periods";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";

export function homeScreen(host: Host, session: SessionInfo, _intent: NavIntent = {}): AppScreen {
  let overview: HomeOverview | null = null;
  let loadError: AppError | null = null;

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

  const frame = createFrame(host, session, "home", { saved: () => void load() });

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
    if (overview.expenseCount === 0) return firstSteps();
    return dashboard({
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
    () => void load(),
  );
}
