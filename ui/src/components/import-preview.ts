// Why: what the import dialog shows of a preview — the summary, how the file is read (sheet, encoding, columns, dates, sign), problems, the rows with their duplicates, skipped rows and where categories go — and of a slow run (progress bar, Cancel, the cancelled note), drawn only from the state it is given; every cell of the file is bound as text.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { live } from "lit-html/directives/live.js";
import { repeat } from "lit-html/directives/repeat.js";
import type {
  CategoryView,
  ColumnChoice,
  CurrencyInfo,
  DateFormatChoice,
  ImportPreview,
  ImportPreviewRequest,
  PreviewRow,
  SignChoice,
  TextEncodingChoice,
} from "../api";
import { countLabel } from "../lib/format";
import { formatMoney } from "../lib/money";
import { formatDay } from "../lib/periods";
import {
  ALL_DATE_FORMATS,
  ALL_ENCODINGS,
  AMBIGUOUS_DATES_TEXT,
  COLUMN_IDS,
  COLUMN_LABELS,
  COLUMN_ROLES,
  columnsProblem,
  DATE_FORMAT_LABELS,
  ENCODING_LABELS,
  headerLabel,
  IMPORT_CANCELLED_NOTE,
  importSummary,
  leaveOutLabel,
  problemLine,
  SIGN_LABELS,
  skippedLine,
  type ColumnRole,
  type ProgressView,
} from "../lib/transfer";
import { categoryBadge } from "./category-badge";
import { cssVars } from "./css-vars";

export interface ImportViewProps {
  preview: ImportPreview;
  currency: CurrencyInfo;
  /** The profile's categories. */
  categories: readonly CategoryView[];
  /** The choices asked for, shown while their preview is on its way (null: what the preview says). */
  choices: Pick<ImportPreviewRequest, "sheet" | "encoding" | "dateFormat" | "sign">;
  /** The columns as chosen (possibly not previewed yet: incomplete, or on their way). */
  columns: ColumnChoice;
  /** What is wrong with them: incomplete, or Rust's `invalid_columns`. */
  columnsError: string | null;
  /** Rust's `ambiguous_dates` message, if it sent one. */
  dateError: string | null;
  /** Lines of the likely duplicates ticked to import anyway. */
  ticked: ReadonlySet<number>;
  /** Where each unknown category goes (null: create it). */
  categoryMap: ReadonlyMap<string, number | null>;
  defaultCategoryId: number | null;
  leaveOutProblems: boolean;
  /** A new preview is on its way: what is shown is the previous one. */
  loading: boolean;
  /** A preview or the import is running: every control is disabled. */
  busy: boolean;
  onSheet(sheet: string): void;
  onEncoding(encoding: TextEncodingChoice): void;
  onColumn(role: ColumnRole, index: number | null): void;
  onDateFormat(format: DateFormatChoice): void;
  onSign(sign: SignChoice): void;
  onTick(line: number, ticked: boolean): void;
  onCategoryMap(name: string, categoryId: number | null): void;
  onDefaultCategory(categoryId: number): void;
  onLeaveOut(leaveOut: boolean): void;
}

const selectValue = (e: Event) => (e.target as HTMLSelectElement).value;

/** The dialog's title: "Import “file.csv”". */
export function importTitle(fileName: string): TemplateResult {
  return html`<h2 id="import-modal-title" class="modal-title import-title">
    <i class="bi bi-file-earmark-spreadsheet" aria-hidden="true"></i><span class="import-title-text">Import “${fileName}”</span>
  </h2>`;
}

/** Whether the person still has to choose the date format (the shown preview has none). */
export function datesUnresolved(preview: Pick<ImportPreview, "dateFormat">): boolean {
  return preview.dateFormat === null;
}

// ----- summary ----------------------------------------------------------------------------------------------------------

function summary(p: ImportViewProps): TemplateResult {
  const text = datesUnresolved(p.preview)
    ? "Choose how the dates are written to see what will be imported"
    : importSummary(p.preview, p.ticked, p.currency);
  return html`<div class="import-summary-bar ${p.loading ? "is-loading" : ""}">
    <i class="bi ${p.loading ? "bi-hourglass-split" : "bi-receipt"} import-summary-icon" aria-hidden="true"></i>
    <p id="import-summary" class="import-summary" aria-live="polite">${text}</p>
    ${p.preview.remembered
      ? html`<p id="import-remembered" class="import-remembered small mb-0">Columns and formats as you chose them for the last file like this one.</p>`
      : nothing}
    ${p.loading ? html`<span class="spinner-border spinner-border-sm import-summary-spinner" role="status"><span class="visually-hidden">Reading the file…</span></span>` : nothing}
  </div>`;
}

// ----- how the file is read ---------------------------------------------------------------------------------------------

function field(id: string, label: string, control: TemplateResult, help: TemplateResult | typeof nothing = nothing, extraClass = ""): TemplateResult {
  return html`<div class="import-field ${extraClass}">
    <label for=${id} class="form-label">${label}</label>
    ${control} ${help}
  </div>`;
}

function sheetField(p: ImportViewProps): TemplateResult | typeof nothing {
  const { sheets } = p.preview;
  const sheet = p.choices.sheet ?? p.preview.sheet;
  if (sheets.length < 2) return nothing;
  return field(
    "import-sheet",
    "Sheet",
    html`<select id="import-sheet" class="form-select" @change=${(e: Event) => p.onSheet(selectValue(e))}>
      ${sheets.map((s) => html`<option value=${s} .selected=${live(s === sheet)}>${s}</option>`)}
    </select>`,
  );
}

function encodingField(p: ImportViewProps): TemplateResult | typeof nothing {
  if (p.preview.encoding === null) return nothing;
  const current = p.choices.encoding ?? p.preview.encoding;
  return field(
    "import-encoding",
    "Text encoding",
    html`<select
      id="import-encoding"
      class="form-select"
      aria-describedby="import-encoding-help"
      @change=${(e: Event) => p.onEncoding(selectValue(e) as TextEncodingChoice)}
    >
      ${ALL_ENCODINGS.map((e) => html`<option value=${e} .selected=${live(e === current)}>${ENCODING_LABELS[e]}</option>`)}
    </select>`,
    html`<div id="import-encoding-help" class="form-text">Change it if letters like ä or é look wrong.</div>`,
  );
}

function dateFormatField(p: ImportViewProps): TemplateResult {
  const { dateFormats } = p.preview;
  const dateFormat = p.choices.dateFormat ?? p.preview.dateFormat;
  const unresolved = dateFormat === null;
  const options = dateFormats.length > 0 ? dateFormats : ALL_DATE_FORMATS;
  const message = p.dateError ?? (unresolved && dateFormats.length > 1 ? AMBIGUOUS_DATES_TEXT : unresolved ? "Choose how the dates are written." : null);
  return field(
    "import-date-format",
    "Dates are written",
    html`<select
      id="import-date-format"
      class="form-select ${message === null ? "" : "is-invalid import-needs-choice"}"
      aria-invalid=${message === null ? "false" : "true"}
      aria-describedby=${ifDefined(message === null ? undefined : "import-date-format-error")}
      @change=${(e: Event) => {
        const v = selectValue(e);
        if (v !== "") p.onDateFormat(v as DateFormatChoice);
      }}
    >
      ${unresolved ? html`<option value="" disabled .selected=${true}>Choose…</option>` : nothing}
      ${options.map((f) => html`<option value=${f} .selected=${live(f === dateFormat)}>${DATE_FORMAT_LABELS[f]}</option>`)}
    </select>`,
    message === null
      ? nothing
      : html`<div id="import-date-format-error" class="import-field-message" role="alert">
          <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i><span>${message}</span>
        </div>`,
    message === null ? "" : "needs-choice",
  );
}

function signField(p: ImportViewProps): TemplateResult | typeof nothing {
  if (p.columns.amount === null) return nothing;
  const sign = p.choices.sign ?? p.preview.sign;
  return field(
    "import-sign",
    "Amounts",
    html`<select id="import-sign" class="form-select" @change=${(e: Event) => p.onSign(selectValue(e) as SignChoice)}>
      ${(Object.keys(SIGN_LABELS) as SignChoice[]).map((s) => html`<option value=${s} .selected=${live(s === sign)}>${SIGN_LABELS[s]}</option>`)}
    </select>`,
    nothing,
    "import-field-wide",
  );
}

/** The money columns, marked when the amount or debit/credit choice is incomplete. */
const MONEY_ROLES: readonly ColumnRole[] = ["amount", "debit", "credit"];

function columnField(p: ImportViewProps, role: ColumnRole): TemplateResult {
  const id = COLUMN_IDS[role];
  const current = p.columns[role];
  const headers = p.preview.headers;
  const invalid = MONEY_ROLES.includes(role) && columnsProblem(p.columns) !== null;
  return html`<div class="import-column">
    <label for=${id} class="form-label">${COLUMN_LABELS[role]}</label>
    <select
      id=${id}
      class="form-select form-select-sm ${invalid ? "is-invalid" : ""}"
      data-role=${role}
      aria-invalid=${invalid ? "true" : "false"}
      aria-describedby=${ifDefined(p.columnsError === null ? undefined : "import-columns-error")}
      @change=${(e: Event) => {
        const v = selectValue(e);
        p.onColumn(role, v === "" ? null : Number(v));
      }}
    >
      ${role === "date" ? nothing : html`<option value="" .selected=${live(current === null)}>—</option>`}
      ${headers.map((_, i) => html`<option value=${i} .selected=${live(current === i)}>${headerLabel(headers, i)}</option>`)}
    </select>
  </div>`;
}

function reading(p: ImportViewProps): TemplateResult {
  return html`<section class="import-section" aria-labelledby="import-reading-title">
    <h3 id="import-reading-title" class="import-section-title">How to read the file</h3>
    <div class="import-fields">${sheetField(p)} ${encodingField(p)} ${dateFormatField(p)} ${signField(p)}</div>
    <fieldset class="import-columns" aria-describedby="import-columns-help">
      <legend class="import-subtitle">Columns</legend>
      <p id="import-columns-help" class="form-text import-columns-help">
        Either one signed amount column, or a money out and a money in column.
      </p>
      <div class="import-column-grid">${COLUMN_ROLES.map((r) => columnField(p, r))}</div>
      ${p.columnsError === null
        ? nothing
        : html`<div id="import-columns-error" class="import-field-message" role="alert">
            <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i><span>${p.columnsError}</span>
          </div>`}
    </fieldset>
  </section>`;
}

// ----- problems ---------------------------------------------------------------------------------------------------------

function problems(p: ImportViewProps): TemplateResult | typeof nothing {
  const { problems: list, problemCount } = p.preview;
  if (problemCount === 0) return nothing;
  const more = problemCount - list.length;
  return html`<section class="import-problems-box" aria-labelledby="import-problems-title">
    <h3 id="import-problems-title" class="import-problems-title">
      <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i>
      ${problemCount === 1 ? "1 row cannot be read" : `${countLabel(problemCount, "row", "rows")} cannot be read`}
    </h3>
    <ul id="import-problems" class="import-problem-list">
      ${list.map((x) => html`<li class="import-problem" data-line=${x.line}>${problemLine(x)}</li>`)}
      ${more > 0 ? html`<li class="import-more">and ${countLabel(more, "more", "more")} not listed</li>` : nothing}
    </ul>
    <div class="form-check import-leave-out">
      <input
        id="import-leave-out-problems"
        class="form-check-input"
        type="checkbox"
        .checked=${live(p.leaveOutProblems)}
        @change=${(e: Event) => p.onLeaveOut((e.target as HTMLInputElement).checked)}
      />
      <label class="form-check-label" for="import-leave-out-problems">${leaveOutLabel(problemCount)}</label>
    </div>
  </section>`;
}

// ----- rows -------------------------------------------------------------------------------------------------------------

/** What category a row will get: an existing one (by name), the mapped one, a new one, or the default. */
function rowCategory(p: ImportViewProps, r: PreviewRow): TemplateResult {
  const byId = (id: number | null) => (id === null ? undefined : p.categories.find((c) => c.id === id));
  if (r.category === null) {
    const d = byId(p.defaultCategoryId);
    return d === undefined ? html`<span class="import-muted">—</span>` : categoryBadge(d, "is-default");
  }
  const name = r.category;
  const existing = p.categories.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (existing !== undefined) return categoryBadge(existing);
  const mapped = byId(p.categoryMap.get(name) ?? null);
  if (mapped !== undefined) return html`${categoryBadge(mapped)}<span class="import-from">from “${name}”</span>`;
  return html`<span class="badge import-new-category" title="A new category">New: ${name}</span>`;
}

function row(p: ImportViewProps, r: PreviewRow): TemplateResult {
  const ticked = p.ticked.has(r.line);
  const meta = [r.paymentMethod, r.notes].filter((t): t is string => t !== null && t !== "").join(" · ");
  return html`<tr
    class="import-row ${r.duplicate ? "is-duplicate" : ""} ${r.duplicate && !ticked ? "is-left-out" : ""}"
    data-line=${r.line}
    data-duplicate=${r.duplicate ? "true" : "false"}
  >
    <td class="import-include-cell">
      ${r.duplicate
        ? html`<input
            id="import-include-${r.line}"
            class="form-check-input import-include"
            type="checkbox"
            data-line=${r.line}
            .checked=${live(ticked)}
            aria-label="Import row ${r.line} anyway (likely duplicate)"
            @change=${(e: Event) => p.onTick(r.line, (e.target as HTMLInputElement).checked)}
          />`
        : nothing}
    </td>
    <td class="import-line amount">${r.line}</td>
    <td class="import-date"><time datetime=${r.date}>${formatDay(r.date)}</time></td>
    <td class="import-description">
      <div class="import-row-title" title=${r.description}>${r.description}</div>
      ${meta === "" ? nothing : html`<div class="import-row-meta" title=${meta}>${meta}</div>`}
      ${r.duplicate ? html`<span class="badge import-duplicate-badge">Likely duplicate</span>` : nothing}
    </td>
    <td class="import-category">${rowCategory(p, r)}</td>
    <td class="import-amount amount">${formatMoney(r.amount, p.currency)}</td>
  </tr>`;
}

function rowsSection(p: ImportViewProps): TemplateResult {
  const { rows, rowCount } = p.preview;
  let content: TemplateResult;
  if (datesUnresolved(p.preview) && rows.length === 0) {
    content = html`<p id="import-rows-empty" class="import-empty">Choose how the dates are written (above) to see the expenses.</p>`;
  } else if (rows.length === 0) {
    content = html`<p id="import-rows-empty" class="import-empty">No expenses in this file with these choices.</p>`;
  } else {
    content = html`<div class="import-table-scroll" tabindex="0" role="region" aria-labelledby="import-rows-title">
      <table id="import-rows" class="table import-table mb-0 ${p.loading ? "is-busy" : ""}">
        <thead>
          <tr>
            <th scope="col" class="import-include-cell"><span class="visually-hidden">Import anyway</span></th>
            <th scope="col" class="import-line">Row</th>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col">Category</th>
            <th scope="col" class="text-end">Amount</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            rows,
            (r) => r.line,
            (r) => row(p, r),
          )}
        </tbody>
      </table>
    </div>`;
  }
  const partial = rows.length < rowCount;
  return html`<section class="import-section" aria-labelledby="import-rows-title">
    <div class="import-section-head">
      <h3 id="import-rows-title" class="import-section-title">Expenses in the file</h3>
      ${partial
        ? html`<span id="import-rows-partial" class="import-section-note"
            >Showing the first ${new Intl.NumberFormat().format(rows.length)} of ${new Intl.NumberFormat().format(rowCount)}</span
          >`
        : nothing}
    </div>
    ${p.preview.duplicateCount > 0
      ? html`<p class="import-hint">
          Rows marked <strong>Likely duplicate</strong> have the date, amount and description of an expense already in Coffer or of an
          earlier row: they are left out unless you tick them.
        </p>`
      : nothing}
    ${content}
  </section>`;
}

function skipped(p: ImportViewProps): TemplateResult | typeof nothing {
  const { skipped: list, skippedCount } = p.preview;
  if (skippedCount === 0) return nothing;
  const more = skippedCount - list.length;
  return html`<details id="import-skipped" class="import-details">
    <summary>${countLabel(skippedCount, "row", "rows")} skipped on purpose</summary>
    <ul class="import-skipped-list">
      ${list.map((s) => html`<li class="import-skipped-row" data-line=${s.line}>${skippedLine(s)}</li>`)}
      ${more > 0 ? html`<li class="import-more">and ${countLabel(more, "more", "more")} not listed</li>` : nothing}
    </ul>
  </details>`;
}

// ----- categories -------------------------------------------------------------------------------------------------------

function categoriesSection(p: ImportViewProps): TemplateResult {
  const unknown = p.preview.unknownCategories;
  return html`<section class="import-section" aria-labelledby="import-categories-title">
    <h3 id="import-categories-title" class="import-section-title">Categories</h3>
    <div class="import-fields">
      ${field(
        "import-default-category",
        "Category for rows without one",
        html`<select
          id="import-default-category"
          class="form-select"
          @change=${(e: Event) => {
            const v = selectValue(e);
            if (v !== "") p.onDefaultCategory(Number(v));
          }}
        >
          ${p.defaultCategoryId === null ? html`<option value="" disabled .selected=${true}>Choose…</option>` : nothing}
          ${p.categories.map((c) => html`<option value=${c.id} .selected=${live(c.id === p.defaultCategoryId)}>${c.name}</option>`)}
        </select>`,
      )}
    </div>
    ${unknown.length === 0
      ? nothing
      : html`<div id="import-categories" class="import-category-map-box">
          <p class="import-hint">The file names categories this profile does not have. Choose where their rows go:</p>
          <ul class="import-category-list">
            ${unknown.map((u, i) => {
              const chosen = p.categoryMap.get(u.name) ?? null;
              return html`<li class="import-category-item">
                <label for="import-category-map-${i}" class="import-category-name">
                  <span class="import-category-file-name">“${u.name}”</span>
                  <span class="import-muted">${countLabel(u.rows, "row", "rows")}</span>
                </label>
                <i class="bi bi-arrow-right import-category-arrow" aria-hidden="true"></i>
                <select
                  id="import-category-map-${i}"
                  class="form-select import-category-map"
                  data-name=${u.name}
                  @change=${(e: Event) => {
                    const v = selectValue(e);
                    p.onCategoryMap(u.name, v === "" ? null : Number(v));
                  }}
                >
                  <option value="" .selected=${live(chosen === null)}>Create “${u.name}”</option>
                  ${p.categories.map((c) => html`<option value=${c.id} .selected=${live(c.id === chosen)}>${c.name}</option>`)}
                </select>
              </li>`;
            })}
          </ul>
        </div>`}
  </section>`;
}

/** Everything between the dialog's title and its buttons. */
export function importContent(p: ImportViewProps): TemplateResult {
  return html`<fieldset class="import-content" ?disabled=${p.busy}>
    ${summary(p)} ${reading(p)} ${problems(p)} ${rowsSection(p)} ${skipped(p)} ${categoriesSection(p)}
  </fieldset>`;
}

/** Before the first preview arrives. */
export function importSkeleton(): TemplateResult {
  return html`<div class="import-skeleton placeholder-glow" aria-hidden="true">
    <span class="placeholder col-6 mb-4"></span>
    <div class="import-skeleton-grid">${[1, 2, 3, 4].map(() => html`<span class="placeholder col-12"></span>`)}</div>
    ${[1, 2, 3, 4, 5, 6].map(() => html`<span class="placeholder col-12 mb-2"></span>`)}
  </div>`;
}

// ----- a slow preview or import -----------------------------------------------------------------------------------------

export interface ImportProgressProps {
  view: ProgressView;
  /** Cancel was pressed: the run stops at its next report. */
  cancelling: boolean;
  onCancel(): void;
}

/**
 * The footer's progress block: the words, Cancel, and Bootstrap's progress bar — filled to the percentage when it is
 * known (its width a CSS variable: no style attribute under our CSP), striped and moving with no value when it is not.
 */
export function importProgress(p: ImportProgressProps): TemplateResult {
  const { text, percent } = p.view;
  const bar =
    percent === null
      ? html`<div class="progress import-progress-bar" role="progressbar" aria-label="Import progress" aria-valuetext=${text}>
          <div class="progress-bar progress-bar-striped progress-bar-animated"></div>
        </div>`
      : html`<div
          class="progress import-progress-bar"
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
          aria-valuetext=${text}
        >
          <div class="progress-bar" ${cssVars({ "--import-fill": `${percent}%` })}></div>
        </div>`;
  // While cancelling the button keeps the focus (aria-disabled, not disabled), so Tab stays in the dialog.
  return html`<div id="import-progress" class="import-progress">
    <p id="import-progress-text" class="import-progress-text">${text}</p>
    <button
      id="import-cancel-run"
      type="button"
      class="btn btn-sm btn-outline-secondary ${p.cancelling ? "disabled" : ""}"
      aria-disabled=${p.cancelling ? "true" : "false"}
      @click=${() => {
        if (!p.cancelling) p.onCancel();
      }}
    >
      ${p.cancelling ? "Cancelling…" : "Cancel"}
    </button>
    ${bar}
  </div>`;
}

/** After the person cancelled the import: neutral, not an error (nothing went wrong, nothing was written). */
export function importCancelledNote(): TemplateResult {
  return html`<div id="import-cancelled" class="alert alert-secondary import-cancelled" role="status">
    <i class="bi bi-slash-circle" aria-hidden="true"></i><span>${IMPORT_CANCELLED_NOTE}</span>
  </div>`;
}
