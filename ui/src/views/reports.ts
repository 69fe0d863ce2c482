// Why: the Reports screen: a period and categories, the report's four charts drawn by Rust as images sized to their cards and in the page's theme, each with its table, saved as PNG or SVG and exported as CSV or Excel.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { ref } from "lit-html/directives/ref.js";
import {
  chartImage,
  exportReportTable,
  pickExportFile,
  pickImageFile,
  report as fetchReport,
  saveChart,
  type ChartFormat,
  type ChartKind,
  type ChartRequest,
  type ExportFormat,
  type Report,
  type ReportRequest,
  type SessionInfo,
} from "../api";
import { categoryChecklist } from "../components/category-checklist";
import { dropdownPanel } from "../components/dropdown-panel";
import { createMenu, type Menu } from "../components/menu";
import { reportTable } from "../components/report-tables";
import { buttonSpinner } from "../components/spinner";
import { formatMoney } from "../lib/money";
import {
  CHART_HEIGHT,
  CHART_KINDS,
  DEFAULT_REPORT_CHOICES,
  REPORT_PRESETS,
  TREND_CHOICES,
  categoryButtonLabel,
  chartAlt,
  chartFileName,
  chartImageType,
  chartName,
  chartTitle,
  chartWidth,
  customRangeProblem,
  exportedTableMessage,
  isReportPreset,
  reportCountLabel,
  reportRequest,
  savedChartMessage,
  type ReportChoices,
} from "../lib/reports";
import { appliedTheme } from "../lib/theme";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";

/** Chart or table, per card. */
type CardView = "chart" | "table";

/** The last choices, in memory only (never storage), for the profile that made them; forgotten when it locks. */
let remembered: { profileId: string; choices: ReportChoices; views: Record<ChartKind, CardView> } | null = null;

/** Called when the profile locks: the next unlock starts from "This month", all categories. */
export function forgetReportChoices(): void {
  remembered = null;
}

/** The category boxes' class; the dropdown focuses the first when it opens. */
const CATEGORY_BOX = "report-category-option";
/** Ticking several categories in a row asks once. */
const CATEGORY_DEBOUNCE_MS = 300;
/** Resizing the window redraws once it settles. */
const RESIZE_DEBOUNCE_MS = 250;
/** Before the first measurement (a card not laid out yet). */
const FALLBACK_WIDTH = 560;

interface ChartState {
  /** The object URL of the image shown, what it was drawn for, and its text alternative. */
  url: string | null;
  key: string | null;
  request: ChartRequest | null;
  alt: string;
  /** The URL the `<img>` has finished loading (it is `data-loaded` when that is `url` and `key` is still wanted). */
  loadedUrl: string | null;
  /** The key being drawn, if any. */
  pending: string | null;
  /** Bumped per request: an older answer is dropped. */
  seq: number;
  error: string | null;
}

const newChart = (): ChartState => ({ url: null, key: null, request: null, alt: "", loadedUrl: null, pending: null, seq: 0, error: null });

const inputValue = (e: Event) => (e.target as HTMLInputElement).value;

export function reportsScreen(host: Host, session: SessionInfo, _intent: NavIntent = {}): AppScreen {
  const mine = remembered?.profileId === session.profile.id ? remembered : null;
  let choices: ReportChoices = mine?.choices ?? DEFAULT_REPORT_CHOICES;
  const views: Record<ChartKind, CardView> = mine?.views ?? { spendingByCategory: "chart", monthlyTotals: "chart", budgetVsActual: "chart", burnUp: "chart" };
  const remember = () => {
    remembered = { profileId: session.profile.id, choices, views: { ...views } };
  };

  /** The loaded report and the request it answers. */
  let data: Report | null = null;
  let dataKey: string | null = null;
  let dataRequest: ReportRequest | null = null;
  let loading = false;
  /** A change waits for its debounce. */
  let waiting = false;
  let loadError: string | null = null;
  /** The custom range's problem: ours before asking, or Rust's `invalid_period`. */
  let rangeError: string | null = null;
  /** A failed save or export (shown above the cards, which stay). */
  let actionError: string | null = null;
  /** The card whose save or export is running. */
  let busy: ChartKind | null = null;
  let generation = 0;
  let loadTimer: ReturnType<typeof setTimeout> | undefined;
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  let left = false;
  const categoryPanel = dropdownPanel({ buttonId: "report-categories", firstFocus: `input.${CATEGORY_BOX}`, refresh: () => host.refresh() });
  const charts: Record<ChartKind, ChartState> = {
    spendingByCategory: newChart(),
    monthlyTotals: newChart(),
    budgetVsActual: newChart(),
    burnUp: newChart(),
  };
  const widths: Record<ChartKind, number | null> = { spendingByCategory: null, monthlyTotals: null, budgetVsActual: null, burnUp: null };
  const menus = Object.fromEntries(CHART_KINDS.map((k) => [k, createMenu(() => host.refresh())])) as Record<ChartKind, Menu>;
  let resizeObserver: ResizeObserver | null = null;
  let themeObserver: MutationObserver | null = null;

  const requestKey = (r: ReportRequest | null) => (r === null ? null : JSON.stringify(r));
  const theme = () => appliedTheme(document.documentElement.dataset["bsTheme"]);
  const categoryList = () => frame.categories()?.categories ?? [];

  // ----- the report ---------------------------------------------------------------------------------------------------

  /** What the current choices ask for, and whether the loaded report answers it. */
  const wanted = () => reportRequest(choices);
  const current = (): Report | null => (data !== null && dataKey === requestKey(wanted()) ? data : null);

  const load = async (): Promise<void> => {
    clearTimeout(loadTimer);
    waiting = false;
    const request = wanted();
    const mine = ++generation;
    if (request === null) {
      rangeError = customRangeProblem(choices.from, choices.to);
      loading = false;
      host.refresh();
      return;
    }
    rangeError = null;
    loading = true;
    host.refresh();
    let fresh: Report;
    try {
      fresh = await fetchReport(request);
    } catch (error) {
      if (mine !== generation) return;
      loading = false;
      const failure = frame.fail(error);
      if (failure === null) return;
      if (failure.code === "invalid_period" && choices.preset === "custom") rangeError = failure.message;
      else loadError = failure.message;
      host.refresh();
      return;
    }
    if (mine !== generation) return;
    data = fresh;
    dataRequest = request;
    dataKey = requestKey(request);
    loading = false;
    loadError = null;
    host.refresh();
    drawCharts();
  };

  /** A change of the choices: remembered, then asked for (after a pause when `debounce`). */
  const change = (next: Partial<ReportChoices>, debounce = false) => {
    choices = { ...choices, ...next };
    remember();
    actionError = null;
    clearTimeout(loadTimer);
    if (debounce) {
      waiting = true;
      host.refresh();
      loadTimer = setTimeout(() => void load(), CATEGORY_DEBOUNCE_MS);
    } else {
      void load();
    }
  };

  const choosePreset = (value: string) => {
    if (!isReportPreset(value) || value === choices.preset) return;
    // A custom range starts from the period shown, so the person only moves an end.
    const shown = current() ?? data;
    const seed = value === "custom" && choices.from === "" && choices.to === "" && shown !== null ? { from: shown.from, to: shown.to } : {};
    change({ preset: value, ...seed });
  };

  // ----- the charts ---------------------------------------------------------------------------------------------------

  /** The width of a card's content box, in whole CSS pixels within what Rust draws. */
  const measure = (kind: ChartKind): number => {
    const body = document.querySelector<HTMLElement>(`.report-card[data-chart="${kind}"] .report-card-body`);
    if (body !== null && body.clientWidth > 0) {
      const style = getComputedStyle(body);
      widths[kind] = chartWidth(body.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
    }
    return widths[kind] ?? FALLBACK_WIDTH;
  };

  /** The request for what a card shows now (null while the report for the choices is not loaded). */
  const chartRequest = (kind: ChartKind, width: number): ChartRequest | null => {
    const request = wanted();
    if (request === null) return null;
    return { report: request, chart: kind, theme: theme(), width, height: CHART_HEIGHT, format: "png" };
  };

  /** What makes two drawings the same: the figures that chart uses (only the monthly one reads the trend), size and theme. */
  const chartKey = (r: ChartRequest): string =>
    JSON.stringify([r.chart, r.chart === "monthlyTotals" ? r.report : { ...r.report, trendMonths: 0 }, r.theme, r.width, r.height]);

  const wantedKey = (kind: ChartKind): string | null => {
    const r = chartRequest(kind, widths[kind] ?? FALLBACK_WIDTH);
    return r === null ? null : chartKey(r);
  };

  const drawChart = async (kind: ChartKind, request: ChartRequest, key: string, report: Report): Promise<void> => {
    const c = charts[kind];
    const seq = ++c.seq;
    c.pending = key;
    c.error = null;
    host.refresh();
    let bytes: ArrayBuffer;
    try {
      bytes = await chartImage(request);
    } catch (error) {
      if (seq !== c.seq || left) return;
      c.pending = null;
      const failure = frame.fail(error);
      if (failure === null) return;
      c.error = failure.message;
      host.refresh();
      return;
    }
    if (seq !== c.seq || left) return;
    c.pending = null;
    if (key !== wantedKey(kind)) {
      // The choices moved on meanwhile; their own drawing follows.
      host.refresh();
      return;
    }
    const type = chartImageType(bytes);
    if (type === null) {
      c.error = "The chart came back in a form Coffer cannot show (neither PNG nor SVG).";
      host.refresh();
      return;
    }
    const old = c.url;
    c.url = URL.createObjectURL(new Blob([bytes], { type }));
    c.key = key;
    c.request = request;
    c.alt = chartAlt(kind, report, frame.currency);
    host.refresh();
    if (old !== null) URL.revokeObjectURL(old);
  };

  /** Draws every chart whose size, theme or figures changed (the report for the choices must be loaded). */
  const drawCharts = () => {
    const report = current();
    if (report === null || left) return;
    for (const kind of CHART_KINDS) {
      const request = chartRequest(kind, measure(kind));
      if (request === null) continue;
      const key = chartKey(request);
      const c = charts[kind];
      if ((c.key === key && c.url !== null && c.error === null) || c.pending === key) continue;
      void drawChart(kind, request, key, report);
    }
  };

  const retryChart = (kind: ChartKind) => {
    charts[kind].key = null;
    charts[kind].error = null;
    drawCharts();
  };

  const imageLoaded = (kind: ChartKind, e: Event) => {
    const c = charts[kind];
    const src = (e.currentTarget as HTMLImageElement).getAttribute("src");
    if (src !== null && src === c.url && c.loadedUrl !== src) {
      c.loadedUrl = src;
      host.refresh();
    }
  };

  const imageFailed = (kind: ChartKind, e: Event) => {
    const c = charts[kind];
    if ((e.currentTarget as HTMLImageElement).getAttribute("src") !== c.url) return;
    c.error = "The chart image could not be shown.";
    host.refresh();
  };

  // ----- saving and exporting -----------------------------------------------------------------------------------------

  /** The save dialog, then `run` with the path; the toast says what was written, a failure shows above the cards. */
  const saveWith = async (kind: ChartKind, pick: () => Promise<string | null>, run: (path: string) => Promise<string>) => {
    menus[kind].close(true);
    if (busy !== null) return;
    actionError = null;
    const picked = await frame.attempt(pick, (message) => {
      actionError = message;
    });
    if (!picked.ok || picked.value === null) return;
    const path = picked.value;
    busy = kind;
    host.refresh();
    try {
      frame.toast.show(await run(path));
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      actionError = failure.message;
    } finally {
      busy = null;
    }
    host.refresh();
  };

  /** The chart exactly as shown (its size, theme and figures), in `format`. */
  const saveImage = (kind: ChartKind, format: ChartFormat) => {
    const report = current();
    if (report === null) return;
    const shown = charts[kind].request ?? chartRequest(kind, measure(kind));
    if (shown === null) return;
    const chart: ChartRequest = { ...shown, format };
    void saveWith(
      kind,
      () => pickImageFile(format, chartFileName(kind, report, format)),
      async (path) => {
        await saveChart({ chart, path });
        return savedChartMessage(path);
      },
    );
  };

  const exportTable = (kind: ChartKind, format: ExportFormat) => {
    const report = current();
    const request = dataRequest;
    if (report === null || request === null) return;
    void saveWith(
      kind,
      () => pickExportFile(format, chartFileName(kind, report, format)),
      async (path) => exportedTableMessage(await exportReportTable({ report: request, chart: kind, format, path }), path),
    );
  };

  // ----- the category dropdown ----------------------------------------------------------------------------------------

  const toggleCategory = (id: number, checked: boolean) => {
    const next = checked ? [...choices.categoryIds.filter((x) => x !== id), id] : choices.categoryIds.filter((x) => x !== id);
    change({ categoryIds: next }, true);
  };

  /** Drops remembered categories that no longer exist, asking again if that changed the request. */
  const loadCategories = async () => {
    try {
      const list = await frame.loadCategories();
      const known = new Set(list.categories.map((c) => c.id));
      const kept = choices.categoryIds.filter((id) => known.has(id));
      if (kept.length !== choices.categoryIds.length) change({ categoryIds: kept });
      else host.refresh();
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      loadError = failure.message;
      host.refresh();
    }
  };

  // ----- frame --------------------------------------------------------------------------------------------------------

  const frame = createFrame(host, session, "reports", {
    saved: () => void load(),
    imported: () => {
      void loadCategories();
      void load();
    },
    budgetAlerts: () => void load(),
    escape: () => {
      for (const kind of CHART_KINDS) {
        if (menus[kind].isOpen()) {
          menus[kind].close(true);
          return true;
        }
      }
      if (!categoryPanel.isOpen()) return false;
      categoryPanel.close(true);
      return true;
    },
  });

  // ----- drawing ------------------------------------------------------------------------------------------------------

  const categoryDropdown = (): TemplateResult => {
    const list = categoryList();
    const selected = new Set(choices.categoryIds);
    const label = categoryButtonLabel(choices.categoryIds, list);
    const open = categoryPanel.isOpen();
    return html`<div class="report-dropdown" ${ref(categoryPanel.ref)} @focusout=${categoryPanel.onFocusOut} @keydown=${categoryPanel.onKeydown}>
      <button
        id="report-categories"
        type="button"
        class="form-select report-categories-btn ${selected.size > 0 ? "is-filtering" : ""}"
        aria-expanded=${open ? "true" : "false"}
        aria-controls="report-categories-panel"
        aria-labelledby="report-categories-label report-categories-text"
        ?disabled=${frame.categories() === null}
        @click=${categoryPanel.toggle}
      >
        <span id="report-categories-text" class="text-truncate">${label}</span>
      </button>
      ${open
        ? categoryChecklist({
            id: "report-categories-panel",
            extraClass: "report-categories-panel",
            label: "Count these categories",
            categories: list,
            selected,
            idPrefix: "report-category-",
            inputClass: CATEGORY_BOX,
            onToggle: toggleCategory,
            allId: "report-categories-all",
            allLabel: "All categories",
            onAll: () => {
              change({ categoryIds: [] });
              // This button is disabled now: the focus stays in the panel.
              categoryPanel.focusFirst();
            },
          })
        : nothing}
    </div>`;
  };

  /** One end of the custom range, bounded by the other; a problem with the range marks both ends and is their description. */
  const rangeEnd = (end: "from" | "to", label: string): TemplateResult => {
    const invalid = rangeError !== null;
    return html`<div>
      <label for="report-${end}" class="report-field-label">${label}</label>
      <input
        id="report-${end}"
        type="date"
        class="form-control ${invalid ? "is-invalid" : ""}"
        .value=${choices[end]}
        min=${ifDefined(end === "to" ? choices.from || undefined : undefined)}
        max=${ifDefined(end === "from" ? choices.to || undefined : undefined)}
        aria-invalid=${invalid ? "true" : "false"}
        aria-describedby=${ifDefined(invalid ? "report-range-error" : undefined)}
        @change=${(e: Event) => change(end === "from" ? { from: inputValue(e) } : { to: inputValue(e) })}
      />
    </div>`;
  };

  const toolbar = (): TemplateResult => {
    const custom = choices.preset === "custom";
    return html`<div class="card report-toolbar" role="search" aria-label="What the report covers">
      <div class="report-toolbar-row">
        <div class="report-field">
          <label for="report-period" class="report-field-label">Period</label>
          <select id="report-period" class="form-select" @change=${(e: Event) => choosePreset(inputValue(e))}>
            ${REPORT_PRESETS.map((p) => html`<option value=${p.value} ?selected=${choices.preset === p.value}>${p.label}</option>`)}
          </select>
        </div>
        ${custom
          ? html`<div class="report-field report-range">
              ${rangeEnd("from", "From")}
              <span class="report-dash" aria-hidden="true">–</span>
              ${rangeEnd("to", "To")}
            </div>`
          : nothing}
        <div class="report-field">
          <span id="report-categories-label" class="report-field-label">Categories</span>
          ${categoryDropdown()}
        </div>
      </div>
      ${custom && rangeError !== null
        ? html`<div id="report-range-error" class="report-range-error" role="alert">
            <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i><span>${rangeError}</span>
          </div>`
        : nothing}
    </div>`;
  };

  const summary = (): TemplateResult => {
    const report = current() ?? data;
    if (report === null) {
      return html`<div class="report-summary placeholder-glow" aria-hidden="true">
        <span class="placeholder col-4 report-summary-placeholder"></span>
      </div>`;
    }
    return html`<div class="report-summary ${current() === null ? "is-stale" : ""}" aria-live="polite">
      <h2 id="report-label" class="report-label">${report.label}</h2>
      <p class="report-figures">
        <strong id="report-total" class="amount">${formatMoney(report.total, frame.currency)}</strong> spent
        <span class="report-figures-sep" aria-hidden="true">·</span>
        <span id="report-count" class="amount" data-count=${report.count}>${reportCountLabel(report.count)}</span>
        ${choices.categoryIds.length > 0
          ? html`<span class="report-figures-sep" aria-hidden="true">·</span><span class="report-figures-filter"
                >${categoryButtonLabel(choices.categoryIds, categoryList())}</span
              >`
          : nothing}
      </p>
    </div>`;
  };

  const trendToggle = (): TemplateResult =>
    html`<div id="report-trend" class="btn-group btn-group-sm report-trend" role="radiogroup" aria-label="Months shown">
      ${TREND_CHOICES.map(
        (n) => html`<input
            type="radio"
            class="btn-check"
            name="report-trend"
            id="report-trend-${n}"
            value=${n}
            .checked=${choices.trendMonths === n}
            @change=${() => change({ trendMonths: n })}
          /><label class="btn btn-outline-secondary" for="report-trend-${n}">${n} months</label>`,
      )}
    </div>`;

  const viewToggle = (kind: ChartKind): TemplateResult => {
    const button = (view: CardView, icon: string, label: string) =>
      html`<button
        type="button"
        class="btn btn-outline-secondary ${views[kind] === view ? "active" : ""}"
        data-view=${view}
        aria-pressed=${views[kind] === view ? "true" : "false"}
        @click=${() => {
          if (views[kind] === view) return;
          views[kind] = view;
          remember();
          host.refresh();
        }}
        title=${label}
      >
        <i class="bi ${icon}" aria-hidden="true"></i><span class="report-view-text">${label}</span>
      </button>`;
    return html`<div class="btn-group btn-group-sm report-view-toggle" role="group" aria-label="Show ${chartName(kind)} as">
      ${button("chart", "bi-bar-chart", "Chart")} ${button("table", "bi-table", "Table")}
    </div>`;
  };

  const actionsMenu = (kind: ChartKind): TemplateResult => {
    const ready = current() !== null;
    const item = (action: string, icon: string, label: string, note: string, run: () => void) =>
      html`<button type="button" class="dropdown-item menu-item" data-action=${action} ?disabled=${!ready} @click=${run}>
        <i class="bi ${icon}" aria-hidden="true"></i>
        <span class="menu-item-text">${label}<span class="menu-item-note">${note}</span></span>
      </button>`;
    return menus[kind].template({
      id: `report-actions-${kind}-menu`,
      buttonId: `report-actions-${kind}`,
      buttonClass: "btn btn-sm btn-outline-secondary report-actions-toggle",
      label:
        busy === kind
          ? html`${buttonSpinner()}<span class="visually-hidden">Saving…</span>`
          : html`<i class="bi bi-download" aria-hidden="true"></i><span class="visually-hidden">Save or export</span>`,
      title: `Save or export ${chartName(kind).toLowerCase()}`,
      ariaLabel: busy === kind ? "Saving…" : `Save or export: ${chartName(kind)}`,
      panelLabel: `Save or export ${chartName(kind).toLowerCase()}`,
      alignEnd: true,
      content: () => html`<p class="dropdown-header" aria-hidden="true">The chart as shown</p>
        ${item("save-png", "bi-file-earmark-image", "Save as PNG", "an image for documents and slides", () => saveImage(kind, "png"))}
        ${item("save-svg", "bi-filetype-svg", "Save as SVG", "sharp at any size", () => saveImage(kind, "svg"))}
        <div class="dropdown-divider" role="presentation"></div>
        <p class="dropdown-header" aria-hidden="true">The figures behind it</p>
        ${item("export-csv", "bi-filetype-csv", "Export table as CSV", "any spreadsheet or app", () => exportTable(kind, "csv"))}
        ${item("export-xlsx", "bi-file-earmark-excel", "Export table as Excel", "an XLSX workbook", () => exportTable(kind, "xlsx"))}`,
    });
  };

  const chartView = (kind: ChartKind): TemplateResult => {
    const c = charts[kind];
    const fresh = c.url !== null && c.key === wantedKey(kind);
    const loaded = fresh && c.loadedUrl === c.url;
    /** Nothing will be drawn until the person fixes the range or the report loads again. */
    const blocked = wanted() === null || loadError !== null;
    const drawing = c.error === null && (c.pending !== null || (!blocked && (c.url === null || (!fresh && (loading || waiting || current() === null)))));
    return html`<div class="report-chart-box ${c.url !== null && !fresh ? "is-stale" : ""}" aria-busy=${drawing ? "true" : "false"}>
      ${c.url === null
        ? nothing
        : html`<img
            class="report-chart"
            src=${c.url}
            alt=${c.alt}
            width=${ifDefined(c.request?.width)}
            height=${ifDefined(c.request?.height)}
            data-loaded=${loaded ? "true" : "false"}
            @load=${(e: Event) => imageLoaded(kind, e)}
            @error=${(e: Event) => imageFailed(kind, e)}
          />`}
      ${c.url === null && wanted() === null
        ? html`<p class="report-chart-note">Choose a valid range above to see this chart.</p>`
        : nothing}
      ${drawing
        ? html`<div class="report-chart-spinner" role="status">
            <span class="spinner-border" aria-hidden="true"></span><span class="visually-hidden">Drawing the chart…</span>
          </div>`
        : nothing}
      ${c.error === null
        ? nothing
        : html`<div class="alert alert-danger report-chart-error" role="alert">
            <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i>
            <span class="me-auto">Coffer could not draw this chart: ${c.error}</span>
            <button type="button" class="btn btn-sm btn-outline-danger" @click=${() => retryChart(kind)}>Try again</button>
          </div>`}
    </div>`;
  };

  const tableView = (kind: ChartKind): TemplateResult => {
    const report = current() ?? data;
    if (report === null) {
      return html`<div class="report-chart-box" aria-busy="true">
        <div class="report-chart-spinner" role="status">
          <span class="spinner-border" aria-hidden="true"></span><span class="visually-hidden">Loading the figures…</span>
        </div>
      </div>`;
    }
    return html`<div class="report-table-view ${current() === null ? "is-stale" : ""}">
      ${reportTable({ kind, report, currency: frame.currency, filtered: choices.categoryIds.length > 0 })}
    </div>`;
  };

  /** " · November 2026" after the name, kept on one line (the title wraps before it, not inside it). */
  const titleMonth = (kind: ChartKind, report: Report | null) => {
    const rest = chartTitle(kind, report).slice(chartName(kind).length);
    return rest === "" ? nothing : html`<span class="report-card-month">${rest}</span>`;
  };

  const card = (kind: ChartKind): TemplateResult => {
    const report = current() ?? data;
    return html`<section class="card report-card" data-chart=${kind} data-view=${views[kind]} aria-labelledby="report-title-${kind}">
      <header class="report-card-header">
        <div class="report-card-heading">
          <h2 id="report-title-${kind}" class="report-card-title"><span class="report-card-name">${chartName(kind)}</span>${titleMonth(kind, report)}</h2>
          ${kind === "monthlyTotals" ? trendToggle() : nothing}
        </div>
        <div class="report-card-tools">${viewToggle(kind)} ${actionsMenu(kind)}</div>
      </header>
      <div class="card-body report-card-body">${views[kind] === "chart" ? chartView(kind) : tableView(kind)}</div>
    </section>`;
  };

  const status = (): "loading" | "error" | "ready" => {
    if (loadError !== null || (choices.preset === "custom" && rangeError !== null)) return "error";
    if (loading || waiting || current() === null) return "loading";
    return CHART_KINDS.some((k) => charts[k].pending !== null) ? "loading" : "ready";
  };

  // ----- lifetime -----------------------------------------------------------------------------------------------------

  const mounted = () => {
    void load();
    void loadCategories();
    if (typeof ResizeObserver === "function") {
      resizeObserver = new ResizeObserver(() => {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(drawCharts, RESIZE_DEBOUNCE_MS);
      });
      for (const body of document.querySelectorAll(".report-card-body")) resizeObserver.observe(body);
    }
    // main.ts switches `<html data-bs-theme>`; the charts follow the page.
    themeObserver = new MutationObserver(() => drawCharts());
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
  };

  const unmounted = () => {
    left = true;
    generation++;
    clearTimeout(loadTimer);
    clearTimeout(resizeTimer);
    resizeObserver?.disconnect();
    themeObserver?.disconnect();
    categoryPanel.dispose();
    for (const kind of CHART_KINDS) {
      menus[kind].close(false);
      const url = charts[kind].url;
      if (url !== null) URL.revokeObjectURL(url);
      charts[kind] = newChart();
    }
  };

  return frame.screen(
    () => {
      const state = status();
      return html`<section id="reports" aria-labelledby="reports-title" data-status=${state} aria-busy=${state === "loading" ? "true" : "false"}>
        <header class="page-header">
          <div class="page-heading">
            <h1 id="reports-title" class="page-title" tabindex="-1">Reports</h1>
            <p class="page-lead">Where the money went, month by month and against your budgets.</p>
          </div>
        </header>
        ${toolbar()}
        ${loadError === null
          ? nothing
          : html`<div id="reports-error" class="alert alert-danger d-flex gap-2 align-items-center" role="alert">
              <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span class="me-auto">${loadError}</span>
              <button
                type="button"
                class="btn btn-sm btn-outline-danger"
                @click=${() => {
                  loadError = null;
                  void load();
                  if (frame.categories() === null) void loadCategories();
                }}
              >
                Try again
              </button>
            </div>`}
        ${actionError === null
          ? nothing
          : html`<div id="report-action-error" class="alert alert-danger d-flex gap-2" role="alert">
              <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span>${actionError}</span>
            </div>`}
        ${summary()}
        <div class="report-grid">${CHART_KINDS.map(card)}</div>
      </section>`;
    },
    mounted,
    unmounted,
  );
}
