// Why: the expense list's table and pager: aligned columns, sortable Date/Amount headers, per-row edit/delete, rows keyed by id so focus survives a refresh.
import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { CategoryView, CurrencyInfo, ExpenseView, SortBy } from "../api";
import { formatMoney } from "../lib/money";
import { formatDay } from "../lib/periods";
import { categoryBadge } from "./category-badge";

export interface SortState {
  by: SortBy;
  descending: boolean;
}

export interface ExpenseTableProps {
  rows: readonly ExpenseView[];
  currency: CurrencyInfo;
  category: (id: number) => CategoryView | undefined;
  sort: SortState;
  busy: boolean;
  onSort: (by: SortBy) => void;
  onEdit: (expense: ExpenseView, opener: Element) => void;
  onDelete: (expense: ExpenseView, button: Element) => void;
}

/** The muted second line: payment method, then notes (all on one line; CSS cuts it with an ellipsis). */
function metaLine(x: ExpenseView): string {
  return [x.paymentMethod, x.notes?.replace(/\s+/gu, " ")].filter((t): t is string => t != null && t !== "").join(" · ");
}

function sortHeader(p: ExpenseTableProps, by: SortBy, label: string, extraClass: string): TemplateResult {
  const active = p.sort.by === by;
  const direction = active ? (p.sort.descending ? "descending" : "ascending") : "none";
  const icon = !active ? "bi-arrow-down-up" : p.sort.descending ? "bi-sort-down" : "bi-sort-up";
  // The id sits on the header cell (which carries aria-sort); the button inside makes it reachable by keyboard.
  return html`<th id="sort-${by}" scope="col" class="sortable ${extraClass} ${active ? "is-sorted" : ""}" aria-sort=${direction} @click=${() => p.onSort(by)}>
    <button type="button" class="sort-btn" title="Sort by ${label.toLowerCase()}">
      <span>${label}</span><i class="bi ${icon}" aria-hidden="true"></i>
    </button>
  </th>`;
}

function row(p: ExpenseTableProps, x: ExpenseView): TemplateResult {
  const meta = metaLine(x);
  return html`<tr class="expense-row" data-expense-id=${x.id}>
    <td class="expense-date"><time datetime=${x.date}>${formatDay(x.date)}</time></td>
    <td class="expense-description">
      <div class="expense-title" title=${x.description}>${x.description}</div>
      ${meta === "" ? nothing : html`<div class="expense-meta" title=${meta}>${meta}</div>`}
      <div class="expense-inline-category">${categoryBadge(p.category(x.categoryId))}</div>
    </td>
    <td class="expense-category">${categoryBadge(p.category(x.categoryId))}</td>
    <td class="expense-amount amount">${formatMoney(x.amount, p.currency)}</td>
    <td class="expense-actions">
      <button
        type="button"
        class="btn btn-row-action expense-edit"
        aria-label="Edit “${x.description}”"
        title="Edit"
        @click=${(e: Event) => p.onEdit(x, e.currentTarget as Element)}
      >
        <i class="bi bi-pencil" aria-hidden="true"></i>
      </button>
      <button
        type="button"
        class="btn btn-row-action expense-delete"
        aria-label="Delete “${x.description}”"
        title="Delete"
        @click=${(e: Event) => p.onDelete(x, e.currentTarget as Element)}
      >
        <i class="bi bi-trash3" aria-hidden="true"></i>
      </button>
    </td>
  </tr>`;
}

export function expenseTable(p: ExpenseTableProps): TemplateResult {
  return html`<table id="expenses-table" class="table table-hover expenses-table mb-0 ${p.busy ? "is-busy" : ""}" aria-busy=${p.busy ? "true" : "false"}>
    <caption class="visually-hidden">Expenses</caption>
    <colgroup>
      <col class="col-date" />
      <col class="col-description" />
      <col class="col-category" />
      <col class="col-amount" />
      <col class="col-actions" />
    </colgroup>
    <thead>
      <tr>
        ${sortHeader(p, "date", "Date", "")}
        <th scope="col">Description</th>
        <th scope="col" class="category-header">Category</th>
        ${sortHeader(p, "amount", "Amount", "text-end")}
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      ${repeat(
        p.rows,
        (x) => x.id,
        (x) => row(p, x),
      )}
    </tbody>
  </table>`;
}

/** Placeholder rows for the very first load. */
export function tableSkeleton(rows = 8): TemplateResult {
  return html`<div class="table-skeleton placeholder-glow" aria-hidden="true">
    ${Array.from({ length: rows }, () => html`<div class="skeleton-row"><span class="placeholder col-2"></span><span class="placeholder col-5"></span><span class="placeholder col-2"></span><span class="placeholder col-2"></span></div>`)}
  </div>`;
}

export interface PagerProps {
  info: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

export function pager(p: PagerProps): TemplateResult {
  return html`<nav class="pager" aria-label="Pages">
    <span id="page-info" class="pager-info" aria-live="polite">${p.info}</span>
    <div class="btn-group">
      <button id="page-prev" type="button" class="btn btn-outline-secondary btn-sm" ?disabled=${!p.hasPrevious} @click=${p.onPrevious}>
        <i class="bi bi-chevron-left" aria-hidden="true"></i><span class="pager-text">Previous</span>
      </button>
      <button id="page-next" type="button" class="btn btn-outline-secondary btn-sm" ?disabled=${!p.hasNext} @click=${p.onNext}>
        <span class="pager-text">Next</span><i class="bi bi-chevron-right" aria-hidden="true"></i>
      </button>
    </div>
  </nav>`;
}
