// Why: the expense list: filters, sorting, keyset paging (a stack of cursors to go back), totals of the filtered set, delete with Undo, and the way in and out: Import…, Recent imports (Undo), Export of the filtered list or of everything.
import { html, nothing, type TemplateResult } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import {
  deleteExpense,
  expensePage,
  expenseTotals,
  exportExpenses,
  importBatches,
  pickExportFile,
  undoDelete,
  type ExportFormat,
  type ImportBatchView,
  type ExpensePage,
  type ExpenseView,
  type PageCursor,
  type SessionInfo,
  type SortBy,
  type Totals,
} from "../api";
import { emptyState } from "../components/empty-state";
import { dropdownPanel } from "../components/dropdown-panel";
import { FILTER_CATEGORY_FIRST, filterBar } from "../components/expense-filters";
import { expenseTable, pager, tableSkeleton, type SortState } from "../components/expense-table";
import { createMenu } from "../components/menu";
import { exportMenuContent, importsMenuContent, type ExportScope } from "../components/transfer-menus";
import { isFilterActive, NO_FILTER, PAGE_SIZE, pageRangeLabel, toExpenseFilter, type FilterState } from "../lib/expense-list";
import { amountPlaceholder, formatMoney } from "../lib/money";
import { presetRange, todayIso } from "../lib/periods";
import { exportedMessage, exportFileName } from "../lib/transfer";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";

/** How long typing in search or the amount fields waits before asking again. */
const DEBOUNCE_MS = 250;

export function expensesScreen(host: Host, session: SessionInfo, intent: NavIntent = {}): AppScreen {
  let filter: FilterState = NO_FILTER;
  let sort: SortState = { by: "date", descending: true };
  /** The `after` cursor of every page visited; the last one is the current page's. */
  let cursors: (PageCursor | null)[] = [null];
  let page: ExpensePage | null = null;
  let totals: Totals | null = null;
  let loading = false;
  let filterError: string | null = null;
  let loadError: string | null = null;
  /** Rows deleted a moment ago, hidden until the refreshed page arrives. */
  let hidden = new Set<number>();
  let request = 0;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const searchRef = createRef<HTMLInputElement>();
  const categoryPanel = dropdownPanel({ buttonId: "filter-categories", firstFocus: FILTER_CATEGORY_FIRST, refresh: () => host.refresh() });
  /** An export is being written. */
  let exporting = false;
  /** A failed export or undo of an import (shown above the list, which stays). */
  let transferError: string | null = null;
  /** The Recent imports menu's list (null while loading). */
  let batches: ImportBatchView[] | null = null;
  let batchesError: string | null = null;
  let undoingBatch: number | null = null;

  // ----- loading ----------------------------------------------------------------------------------------------------

  const load = async (withTotals: boolean): Promise<void> => {
    const mine = ++request;
    loading = true;
    host.refresh();
    const wire = toExpenseFilter(filter, new Date());
    try {
      const [fresh, sums] = await Promise.all([
        expensePage({ filter: wire, sort: sort.by, descending: sort.descending, after: cursors[cursors.length - 1] ?? null, limit: PAGE_SIZE }),
        withTotals || totals === null ? expenseTotals(wire) : Promise.resolve(totals),
      ]);
      if (mine !== request) return;
      if (fresh.expenses.length === 0 && cursors.length > 1) {
        // The page emptied (its last row was deleted): show the one before.
        cursors = cursors.slice(0, -1);
        totals = sums;
        return load(false);
      }
      page = fresh;
      totals = sums;
      // Still listed means its delete is still on its way: keep it hidden until then.
      hidden = new Set([...hidden].filter((id) => fresh.expenses.some((x) => x.id === id)));
      filterError = null;
      loadError = null;
    } catch (error) {
      if (mine !== request) return;
      const failure = frame.fail(error);
      if (failure === null) return;
      if (failure.code === "invalid_filter") filterError = failure.message;
      else loadError = failure.message;
    }
    loading = false;
    host.refresh();
    frame.keepFocus("#add-expense-btn");
  };

  /** Filter or sort changed: back to page 1, totals again. */
  const restart = () => {
    if (debounce !== undefined) clearTimeout(debounce);
    debounce = undefined;
    cursors = [null];
    void load(true);
  };

  const loadCategories = async () => {
    try {
      await frame.loadCategories();
      host.refresh();
    } catch (error) {
      const failure = frame.fail(error);
      if (failure !== null) {
        loadError = failure.message;
        host.refresh();
      }
    }
  };

  // ----- filter bar -------------------------------------------------------------------------------------------------

  const onChange = (next: Partial<FilterState>, soon: boolean) => {
    if (next.preset === "custom" && filter.from === "" && filter.to === "") {
      // Start the custom range from what was shown, so switching to it changes nothing at first.
      const shown = presetRange(filter.preset, new Date()) ?? presetRange("this-month", new Date());
      next = { ...next, from: shown?.from ?? "", to: shown?.to ?? "" };
    }
    filter = { ...filter, ...next };
    if (soon) {
      host.refresh();
      if (debounce !== undefined) clearTimeout(debounce);
      debounce = setTimeout(restart, DEBOUNCE_MS);
    } else {
      restart();
    }
  };

  const clearFilters = () => {
    filter = NO_FILTER;
    categoryPanel.close(false);
    restart();
    searchRef.value?.focus();
  };

  const focusSearch = () => {
    searchRef.value?.focus();
    searchRef.value?.select();
  };

  // ----- rows -------------------------------------------------------------------------------------------------------

  const setSort = (by: SortBy) => {
    sort = sort.by === by ? { by, descending: !sort.descending } : { by, descending: true };
    restart();
  };

  const undo = async (x: ExpenseView) => {
    try {
      await undoDelete(x.id);
      frame.toast.show(`Restored “${x.description}”`);
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      frame.toast.show(failure.message);
    }
    void load(true);
  };

  const remove = async (x: ExpenseView, button: Element) => {
    // Keep the keyboard where it was: the next row's delete button, else the previous row's, else the heading.
    const tr = button.closest("tr");
    const neighbour = (tr?.nextElementSibling ?? tr?.previousElementSibling)?.querySelector<HTMLElement>(".expense-delete");
    hidden = new Set([...hidden, x.id]);
    host.refresh();
    if (neighbour?.isConnected) neighbour.focus();
    else document.getElementById("expenses-title")?.focus();
    try {
      await deleteExpense(x.id);
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      hidden.delete(x.id);
      if (failure.code !== "unknown_expense") loadError = failure.message;
      void load(true);
      return;
    }
    frame.toast.show(`Deleted “${x.description}”`, { label: "Undo", run: () => void undo(x) });
    void load(true);
  };

  // ----- import and export -----------------------------------------------------------------------------------------

  const loadBatches = async () => {
    batchesError = null;
    try {
      batches = await importBatches();
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      batchesError = failure.message;
    }
    host.refresh();
  };

  const exportMenu = createMenu(() => host.refresh());
  const importsMenu = createMenu(
    () => host.refresh(),
    () => void loadBatches(),
  );

  /** The save dialog (with a name after the filter's dates), then the export; the toast says how many went where. */
  const runExport = async (scope: ExportScope, format: ExportFormat) => {
    exportMenu.close(true);
    if (exporting) return;
    const wire = scope === "filtered" ? toExpenseFilter(filter, new Date()) : null;
    transferError = null;
    const picked = await frame.attempt(
      () => pickExportFile(format, exportFileName(format, wire, todayIso())),
      (message) => {
        transferError = message;
      },
    );
    if (!picked.ok || picked.value === null) return;
    const path = picked.value;
    exporting = true;
    host.refresh();
    try {
      const written = await exportExpenses({ path, format, filter: wire });
      frame.toast.show(exportedMessage(written, path));
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      transferError = failure.message;
    }
    exporting = false;
    host.refresh();
  };

  const undoFromMenu = async (batch: ImportBatchView) => {
    if (undoingBatch !== null) return;
    undoingBatch = batch.id;
    host.refresh();
    await frame.undoImport(batch);
    undoingBatch = null;
    await loadBatches();
    // Its row is gone: the next import's Undo, else the menu's button.
    frame.keepFocus("#imports-menu .import-undo", "#imports-btn");
  };

  // ----- frame ------------------------------------------------------------------------------------------------------

  const frame = createFrame(host, session, "expenses", {
    saved: (_expense, created) => {
      if (created) cursors = [null];
      void load(true);
    },
    imported: () => {
      cursors = [null];
      void load(true);
      if (importsMenu.isOpen()) void loadBatches();
    },
    escape: () => {
      if (exportMenu.isOpen()) {
        exportMenu.close(true);
        return true;
      }
      if (importsMenu.isOpen()) {
        importsMenu.close(true);
        return true;
      }
      if (!categoryPanel.isOpen()) return false;
      categoryPanel.close(true);
      return true;
    },
    search: focusSearch,
  });

  // ----- drawing ----------------------------------------------------------------------------------------------------

  const rows = () => (page?.expenses ?? []).filter((x) => !hidden.has(x.id));

  const listBody = (): TemplateResult => {
    if (page === null) return loadError === null ? tableSkeleton() : html``;
    const visible = rows();
    if (visible.length === 0 && !loading) {
      return isFilterActive(filter)
        ? emptyState({
            id: "expenses-no-match",
            icon: "bi-funnel",
            title: "Nothing matches these filters",
            text: "Try another period, more categories, a wider amount range or different words.",
            actions: html`<button id="expenses-clear-filters" type="button" class="btn btn-outline-primary" @click=${clearFilters}>
              Clear filters
            </button>`,
          })
        : emptyState({
            id: "expenses-empty",
            icon: "bi-receipt",
            title: "No expenses yet",
            text: "Everything you record shows up here, newest first. Add the first one — it takes a few seconds.",
            actions: addButton("expenses-add-first", "Add expense"),
            footnote: html`Tip: press <kbd>N</kbd> on any screen to add an expense.`,
          });
    }
    return html`<div class="table-scroll">
        ${expenseTable({
          rows: visible,
          currency: frame.currency,
          category: frame.category,
          sort,
          busy: loading,
          onSort: setSort,
          onEdit: (x, opener) => frame.openEditor(x, opener),
          onDelete: (x, button) => void remove(x, button),
        })}
      </div>
      ${pager({
        info: pageRangeLabel(cursors.length - 1, visible.length, totals?.count ?? 0),
        hasPrevious: cursors.length > 1,
        hasNext: page.next !== null,
        onPrevious: () => {
          cursors = cursors.slice(0, -1);
          void load(false);
        },
        onNext: () => {
          if (page?.next == null) return;
          cursors = [...cursors, page.next];
          void load(false);
        },
      })}`;
  };

  const addButton = (id: string, label: string): TemplateResult =>
    html`<button id=${id} type="button" class="btn btn-primary btn-add" aria-keyshortcuts="N" @click=${(e: Event) => frame.openEditor(null, e.currentTarget as Element)}>
      <i class="bi bi-plus-lg" aria-hidden="true"></i>${label}
    </button>`;

  const transferActions = (): TemplateResult =>
    html`<div class="transfer-actions">
      <div class="transfer-import" role="group" aria-label="Import">
        <button
          id="import-btn"
          type="button"
          class="btn btn-outline-secondary transfer-import-main"
          title="Import a bank export (CSV, TSV, XLSX, XLS or ODS) — or drop it on the window"
          @click=${(e: Event) => void frame.pickImport(e.currentTarget as Element)}
        >
          <i class="bi bi-box-arrow-in-down" aria-hidden="true"></i><span class="transfer-text">Import…</span>
        </button>
        ${importsMenu.template({
          id: "imports-menu",
          buttonId: "imports-btn",
          buttonClass: "btn btn-outline-secondary dropdown-toggle-split transfer-import-split",
          label: html`<span class="visually-hidden">Recent imports</span>`,
          title: "Recent imports (undo one)",
          panelLabel: "Recent imports",
          alignEnd: true,
          extraClass: "transfer-imports",
          content: () =>
            importsMenuContent({
              batches,
              error: batchesError,
              undoing: undoingBatch,
              currency: frame.currency,
              onUndo: (b) => void undoFromMenu(b),
            }),
        })}
      </div>
      ${exportMenu.template({
        id: "export-menu",
        buttonId: "export-btn",
        buttonClass: "btn btn-outline-secondary",
        label: exporting
          ? html`<span class="spinner-border spinner-border-sm" aria-hidden="true"></span><span class="transfer-text">Exporting…</span>`
          : html`<i class="bi bi-box-arrow-up" aria-hidden="true"></i><span class="transfer-text">Export</span>`,
        ariaLabel: exporting ? "Exporting…" : "Export",
        panelLabel: "Export expenses",
        alignEnd: true,
        content: () =>
          exportMenuContent({ filteredCount: totals?.count ?? null, filterActive: isFilterActive(filter), onExport: (scope, format) => void runExport(scope, format) }),
      })}
    </div>`;

  const summary = (): TemplateResult => {
    if (totals === null) return html`<p class="list-summary placeholder-glow"><span class="placeholder col-4"></span></p>`;
    const n = new Intl.NumberFormat().format(totals.count);
    return html`<p class="list-summary" aria-live="polite">
      <span><strong id="filtered-count" class="amount">${n}</strong> ${totals.count === 1 ? "expense" : "expenses"}</span>
      <span class="list-summary-sep" aria-hidden="true">·</span>
      <span>Total <strong id="filtered-total" class="amount">${formatMoney(totals.total, frame.currency)}</strong></span>
    </p>`;
  };

  return frame.screen(
    () => html`<section id="expenses" aria-labelledby="expenses-title">
      <header class="page-header">
        <div class="page-heading">
          <h1 id="expenses-title" class="page-title" tabindex="-1">Expenses</h1>
          ${summary()}
        </div>
        <div class="page-actions">${transferActions()} ${addButton("add-expense-btn", "Add expense")}</div>
      </header>
      ${filterBar({
        state: filter,
        categories: frame.categories()?.categories ?? [],
        error: filterError,
        amountPlaceholder: amountPlaceholder(frame.currency.minorUnits),
        searchRef,
        panel: categoryPanel,
        onChange,
        onClear: clearFilters,
      })}
      ${loadError === null
        ? nothing
        : html`<div id="expenses-error" class="alert alert-danger d-flex gap-2 align-items-center" role="alert">
            <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span class="me-auto">${loadError}</span>
            <button type="button" class="btn btn-sm btn-outline-danger" @click=${() => void load(true)}>Try again</button>
          </div>`}
      ${transferError === null
        ? nothing
        : html`<div id="transfer-error" class="alert alert-danger d-flex gap-2 align-items-center" role="alert">
            <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span class="me-auto">${transferError}</span>
            <button
              type="button"
              class="btn-close"
              aria-label="Dismiss"
              @click=${() => {
                transferError = null;
                host.refresh();
                document.getElementById("export-btn")?.focus();
              }}
            ></button>
          </div>`}
      <div class="card list-card">${listBody()}</div>
    </section>`,
    () => {
      void loadCategories();
      void load(true);
      if (intent.focusSearch) focusSearch();
    },
    // Leaving with the category panel open must not leave its outside-click listener behind.
    () => categoryPanel.dispose(),
  );
}
