// Why: the Budgets screen: one month's overall and category budgets with their state and forecast, setting and removing them, copying last month's, and the alert settings.
import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import {
  alertSettings as fetchAlertSettings,
  budgetMonth,
  copyBudgets,
  type AlertSettings,
  type BudgetLine,
  type BudgetMonth,
  type SessionInfo,
} from "../api";
import { budgetLineParts, budgetNameView } from "../components/budget-line";
import { emptyState } from "../components/empty-state";
import { buttonSpinner } from "../components/spinner";
import { budgetState, daysLeftLabel, DEFAULT_THRESHOLDS, hasAnyBudget, percentText } from "../lib/budgets";
import { formatMoney } from "../lib/money";
import { currentMonth, monthLabel, nextMonth, previousMonth } from "../lib/periods";
import { createAlertSettingsEditor } from "./alert-settings";
import { createBudgetEditor } from "./budget-editor";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";

export function budgetsScreen(host: Host, session: SessionInfo, _intent: NavIntent = {}): AppScreen {
  let month = currentMonth();
  let data: BudgetMonth | null = null;
  let settings: AlertSettings | null = null;
  let loadError: string | null = null;
  /** A failed copy (shown above the lines, the lines stay). */
  let actionError: string | null = null;
  let copying = false;
  let request = 0;

  const thresholds = () => settings?.thresholds ?? DEFAULT_THRESHOLDS;
  /** The loaded month is the one asked for (not the one before a click on ‹ or ›). */
  const shown = (): BudgetMonth | null => (data !== null && data.month === month ? data : null);

  // ----- loading ----------------------------------------------------------------------------------------------------

  const load = async (): Promise<void> => {
    const mine = ++request;
    const wanted = month;
    host.refresh();
    try {
      const [fresh, alertSettings] = await Promise.all([budgetMonth(wanted), settings === null ? fetchAlertSettings() : Promise.resolve(settings)]);
      if (mine !== request) return;
      data = fresh;
      settings = alertSettings;
      loadError = null;
    } catch (error) {
      if (mine !== request) return;
      const failure = frame.fail(error);
      if (failure === null) return;
      loadError = failure.message;
    }
    host.refresh();
    frame.keepFocus("#budgets-title");
  };

  const goTo = (next: string, from: string) => {
    month = next;
    actionError = null;
    void load();
    // The button that was pressed stays (keyboard users keep paging); "This month" goes once there.
    document.getElementById(from)?.focus();
    frame.keepFocus("#budget-prev");
  };

  const copy = async () => {
    const m = shown();
    if (copying || m === null || !m.previousHasBudgets) return;
    copying = true;
    actionError = null;
    host.refresh();
    try {
      const fresh = await copyBudgets(m.month);
      copying = false;
      if (fresh.month === month) data = fresh;
      frame.toast.show(`Copied ${monthLabel(previousMonth(fresh.month))}'s budgets to ${monthLabel(fresh.month, undefined, true)} and the months after`);
    } catch (error) {
      copying = false;
      const failure = frame.fail(error);
      if (failure === null) return;
      actionError = failure.message;
    }
    host.refresh();
    frame.keepFocus("#budget-copy", "#budgets-title");
  };

  // ----- dialogs ----------------------------------------------------------------------------------------------------

  const fallbackFocus = () => document.getElementById("budgets-title")?.focus();

  const editor = createBudgetEditor({
    currency: session.currency,
    refresh: () => host.refresh(),
    fail: (error) => frame.fail(error),
    saved: (fresh, message, line) => {
      if (fresh.month === month) data = fresh;
      frame.toast.show(message);
      host.refresh();
      // The button that opened the dialog may have moved (a category between "No budget" and the list).
      const key = line.categoryId ?? "overall";
      frame.keepFocus(`.budget-edit[data-category-id="${key}"]`, `.budget-set[data-category-id="${key}"]`, "#budget-overall-set", "#budgets-title");
    },
    stale: () => void load(),
    fallbackFocus,
  });

  const settingsEditor = createAlertSettingsEditor({
    refresh: () => host.refresh(),
    fail: (error) => frame.fail(error),
    saved: (stored) => {
      settings = stored;
      frame.toast.show(`Alerts at ${stored.thresholds.map((t) => percentText(t)).join(" and ")} of a budget`);
      host.refresh();
    },
    fallbackFocus,
  });

  const openSettings = async (opener: Element) => {
    if (settings === null) {
      const fetched = await frame.attempt(fetchAlertSettings, (message) => {
        actionError = message;
      });
      if (!fetched.ok) return;
      settings = fetched.value;
    }
    settingsEditor.open(settings, opener);
  };

  const edit = (line: BudgetLine, opener: Element) => editor.open(line, month, opener);

  // ----- frame ------------------------------------------------------------------------------------------------------

  const frame = createFrame(host, session, "budgets", {
    saved: () => void load(),
    budgetAlerts: () => void load(),
    imported: () => void load(),
    dialogOpen: () => editor.isOpen() || settingsEditor.isOpen(),
  });

  // ----- drawing ----------------------------------------------------------------------------------------------------

  const lineProps = (m: BudgetMonth, line: BudgetLine) => ({
    line,
    month: m.month,
    phase: m.phase,
    daysLeft: m.daysLeft,
    currency: frame.currency,
    thresholds: thresholds(),
    onEdit: edit,
  });

  const overallSet = (m: BudgetMonth, label: string, primary: boolean) =>
    html`<button
      id="budget-overall-set"
      type="button"
      class="btn ${primary ? "btn-primary btn-add" : "btn-outline-primary"}"
      @click=${(e: Event) => edit(m.overall, e.currentTarget as Element)}
    >
      <i class="bi bi-plus-lg" aria-hidden="true"></i>${label}
    </button>`;

  const overallCard = (m: BudgetMonth): TemplateResult => {
    const line = m.overall;
    const state = budgetState(line, thresholds());
    const label = monthLabel(m.month, undefined, true);
    let content: TemplateResult;
    if (!hasAnyBudget(m)) {
      const list = thresholds().map((t) => percentText(t)).join(" and ");
      content = emptyState({
        id: "budget-empty",
        icon: "bi-piggy-bank",
        title: `No budgets for ${label}`,
        text: `A budget is what you mean to spend in a month — in all, per category, or both. Coffer shows how each one is going, forecasts the month's end at your pace so far, and tells you when spending reaches ${list} of it.`,
        actions: overallSet(m, "Set an overall budget", true),
        footnote: html`Or give a single category a budget below.`,
      });
    } else if (line.amount === null) {
      content = html`<div class="budget-overall-empty">
        <div class="budget-name">${budgetNameView(line)}</div>
        <p class="budget-overall-none">No overall budget for ${label}: only the category budgets below apply.</p>
        ${overallSet(m, "Set an overall budget", false)}
      </div>`;
    } else {
      content = budgetLineParts(lineProps(m, line));
    }
    const layout = line.amount === null ? "is-empty" : "budget-grid";
    return html`<section
      id="budget-overall"
      class="card budget-card budget-line budget-overall ${layout}"
      data-category-id="overall"
      data-state=${state}
      aria-label="Overall budget"
    >
      ${content}
    </section>`;
  };

  const categoryLines = (m: BudgetMonth): TemplateResult | typeof nothing => {
    const budgeted = m.categories.filter((c) => c.amount !== null);
    if (budgeted.length === 0) return nothing;
    return html`<section class="card budget-card budget-list-card" aria-labelledby="budget-categories-title">
      <h2 id="budget-categories-title" class="budget-section-title">Category budgets</h2>
      <ul id="budget-lines" class="budget-list">
        ${repeat(
          budgeted,
          (c) => c.categoryId,
          (c) => html`<li class="budget-line budget-grid" data-category-id=${c.categoryId ?? ""} data-state=${budgetState(c, thresholds())}>
            ${budgetLineParts(lineProps(m, c))}
          </li>`,
        )}
      </ul>
    </section>`;
  };

  const unbudgeted = (m: BudgetMonth): TemplateResult | typeof nothing => {
    const rest = m.categories.filter((c) => c.amount === null);
    if (rest.length === 0) return nothing;
    return html`<section id="budget-unbudgeted" class="card budget-card budget-unbudgeted" aria-labelledby="budget-unbudgeted-title">
      <h2 id="budget-unbudgeted-title" class="budget-section-title">No budget</h2>
      <ul class="budget-unbudgeted-list">
        ${repeat(
          rest,
          (c) => c.categoryId,
          (c) => html`<li class="budget-unbudgeted-item" data-category-id=${c.categoryId ?? ""}>
            <span class="budget-unbudgeted-text">
              <span class="budget-name">${budgetNameView(c)}</span>
              <span class="budget-unbudgeted-spent">
                ${c.spent > 0 ? html`<span class="amount">${formatMoney(c.spent, frame.currency)}</span> spent` : "Nothing spent"}
              </span>
            </span>
            <button
              type="button"
              class="btn btn-sm btn-outline-primary budget-set"
              data-category-id=${c.categoryId ?? ""}
              @click=${(e: Event) => edit(c, e.currentTarget as Element)}
            >
              Set budget<span class="visually-hidden"> for ${c.name ?? "this category"}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  };

  const phaseNote = (m: BudgetMonth | null): TemplateResult | typeof nothing => {
    if (m === null) return nothing;
    const label = monthLabel(m.month);
    switch (m.phase) {
      case "current":
        return html`<p id="budget-phase" class="budget-phase" data-phase="current">
          <i class="bi bi-hourglass-split" aria-hidden="true"></i>${daysLeftLabel(m.daysLeft)} in ${label}
        </p>`;
      case "past":
        return html`<p id="budget-phase" class="budget-phase" data-phase="past">
          <i class="bi bi-lock" aria-hidden="true"></i>${label} is closed: these are its final figures.
        </p>`;
      case "future":
        return html`<p id="budget-phase" class="budget-phase" data-phase="future">
          <i class="bi bi-calendar-event" aria-hidden="true"></i>${label} has not started: these are the budgets planned for it.
        </p>`;
    }
  };

  const monthBar = (): TemplateResult => {
    const m = shown();
    const here = currentMonth();
    const prev = previousMonth(month);
    const next = nextMonth(month);
    return html`<nav class="budget-monthbar" aria-label="Month">
      <div class="budget-month-nav">
        <button
          id="budget-prev"
          type="button"
          class="btn btn-icon"
          title="Previous month"
          aria-label="Previous month, ${monthLabel(prev, undefined, true)}"
          @click=${() => goTo(prev, "budget-prev")}
        >
          <i class="bi bi-chevron-left" aria-hidden="true"></i>
        </button>
        <h2 id="budget-month-label" class="budget-month-label" aria-live="polite">${monthLabel(month, undefined, true)}</h2>
        <button
          id="budget-next"
          type="button"
          class="btn btn-icon"
          title="Next month"
          aria-label="Next month, ${monthLabel(next, undefined, true)}"
          @click=${() => goTo(next, "budget-next")}
        >
          <i class="bi bi-chevron-right" aria-hidden="true"></i>
        </button>
        ${month === here
          ? nothing
          : html`<button id="budget-this-month" type="button" class="btn btn-sm btn-link" @click=${() => goTo(here, "budget-this-month")}>
              Back to this month
            </button>`}
      </div>
      ${phaseNote(m)}
    </nav>`;
  };

  const skeleton = (): TemplateResult =>
    html`<div class="card budget-card budget-skeleton placeholder-glow" aria-hidden="true">
        <span class="placeholder col-4 mb-3"></span><span class="placeholder col-12 mb-2"></span><span class="placeholder col-7"></span>
      </div>
      <div class="card budget-card budget-skeleton placeholder-glow" aria-hidden="true">
        ${[1, 2, 3].map(() => html`<span class="placeholder col-12 mb-3"></span>`)}
      </div>`;

  const body = (): TemplateResult => {
    const m = shown();
    if (m === null) return loadError === null ? skeleton() : html``;
    return html`${overallCard(m)} ${categoryLines(m)} ${unbudgeted(m)}`;
  };

  const header = (): TemplateResult => {
    const m = shown();
    const canCopy = m !== null && m.previousHasBudgets && !copying;
    const prev = monthLabel(previousMonth(month));
    return html`<header class="page-header">
      <div class="page-heading">
        <h1 id="budgets-title" class="page-title" tabindex="-1">Budgets</h1>
        <p class="page-lead">Decide what to spend each month, in all and per category, and see how it is going.</p>
      </div>
      <div class="budget-header-actions">
        <button
          id="alert-settings-btn"
          type="button"
          class="btn btn-outline-secondary"
          @click=${(e: Event) => void openSettings(e.currentTarget as Element)}
        >
          <i class="bi bi-bell" aria-hidden="true"></i>Alert settings
        </button>
        <button
          id="budget-copy"
          type="button"
          class="btn btn-outline-primary"
          ?disabled=${!canCopy}
          title=${m !== null && !m.previousHasBudgets ? `${prev} has no budgets to copy` : `Use ${prev}'s budgets from ${monthLabel(month)} on`}
          @click=${() => void copy()}
        >
          ${copying ? buttonSpinner() : html`<i class="bi bi-copy" aria-hidden="true"></i>`}Copy last month's budgets
        </button>
      </div>
    </header>`;
  };

  return frame.screen(
    () => html`<section id="budgets" aria-labelledby="budgets-title" aria-busy=${shown() === null && loadError === null ? "true" : "false"}>
        ${header()} ${monthBar()}
        ${loadError === null
          ? nothing
          : html`<div id="budgets-error" class="alert alert-danger d-flex gap-2 align-items-center" role="alert">
              <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span class="me-auto">${loadError}</span>
              <button type="button" class="btn btn-sm btn-outline-danger" @click=${() => void load()}>Try again</button>
            </div>`}
        ${actionError === null
          ? nothing
          : html`<div id="budget-error" class="alert alert-danger d-flex gap-2" role="alert">
              <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span>${actionError}</span>
            </div>`}
        <div class="budget-body">${body()}</div>
      </section>
      ${editor.template()} ${settingsEditor.template()}`,
    () => void load(),
  );
}
