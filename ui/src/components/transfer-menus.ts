// Why: the Expenses screen's Export menu (the filtered list or everything, as CSV or XLSX) and its Recent imports list with an Undo per import; they only draw what they are given.
import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { CurrencyInfo, ExportFormat, ImportBatchView } from "../api";
import { countLabel } from "../lib/format";
import { batchDetails } from "../lib/transfer";

/** Which expenses an export writes. */
export type ExportScope = "filtered" | "all";

export interface ExportMenuProps {
  /** How many the current filter matches (null until known). */
  filteredCount: number | null;
  /** Whether the filter narrows the list at all. */
  filterActive: boolean;
  onExport(scope: ExportScope, format: ExportFormat): void;
}

const FORMATS: readonly { format: ExportFormat; icon: string; label: string; note: string }[] = [
  { format: "csv", icon: "bi-filetype-csv", label: "CSV", note: "any spreadsheet or app" },
  { format: "xlsx", icon: "bi-file-earmark-excel", label: "Excel workbook (XLSX)", note: "dates, amounts and a total" },
];

function exportItems(p: ExportMenuProps, scope: ExportScope, context: string): TemplateResult {
  return html`${FORMATS.map(
    (f) => html`<button id="export-${scope}-${f.format}" type="button" class="dropdown-item menu-item" @click=${() => p.onExport(scope, f.format)}>
      <i class="bi ${f.icon}" aria-hidden="true"></i>
      <span class="menu-item-text"
        ><span class="visually-hidden">${context}, as </span>${f.label}<span class="menu-item-note">${f.note}</span></span
      >
    </button>`,
  )}`;
}

export function exportMenuContent(p: ExportMenuProps): TemplateResult {
  const n = p.filteredCount === null ? "" : ` (${countLabel(p.filteredCount, "expense", "expenses")})`;
  const filtered = p.filterActive ? `The filtered list${n}` : `The list as shown${n}`;
  return html`<p class="dropdown-header" aria-hidden="true">${filtered}</p>
    ${exportItems(p, "filtered", filtered)}
    <div class="dropdown-divider" role="presentation"></div>
    <p class="dropdown-header" aria-hidden="true">Every expense</p>
    ${exportItems(p, "all", "Every expense")}`;
}

export interface ImportsMenuProps {
  /** Null while loading. */
  batches: readonly ImportBatchView[] | null;
  error: string | null;
  /** The import being undone (its button shows a spinner; the buttons stay enabled so the focus stays put). */
  undoing: number | null;
  currency: CurrencyInfo;
  onUndo(batch: ImportBatchView): void;
}

export function importsMenuContent(p: ImportsMenuProps): TemplateResult {
  let body: TemplateResult;
  if (p.error !== null) {
    body = html`<p class="menu-message text-danger-emphasis" role="alert">${p.error}</p>`;
  } else if (p.batches === null) {
    body = html`<p class="menu-message" role="status"><span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>Loading…</p>`;
  } else if (p.batches.length === 0) {
    body = html`<p id="imports-empty" class="menu-message">No imports to undo. Import a bank export with Import… or by dropping it on the window.</p>`;
  } else {
    body = html`<ul class="import-batch-list">
      ${repeat(
        p.batches,
        (b) => b.id,
        (b) => html`<li class="import-batch" data-batch-id=${b.id}>
          <div class="import-batch-text">
            <span class="import-batch-name" title=${b.fileName}>${b.fileName}</span>
            <span class="import-batch-details">${batchDetails(b, p.currency)}</span>
          </div>
          <button
            type="button"
            class="btn btn-sm btn-outline-danger import-undo"
            data-batch-id=${b.id}
            aria-busy=${p.undoing === b.id ? "true" : "false"}
            aria-label="Undo the import of ${b.fileName}: remove its ${countLabel(b.count, "expense", "expenses")}"
            @click=${() => p.onUndo(b)}
          >
            ${p.undoing === b.id ? html`<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>` : nothing}Undo
          </button>
        </li>`,
      )}
    </ul>`;
  }
  return html`<p class="dropdown-header" aria-hidden="true">Recent imports</p>
    ${body}`;
}
