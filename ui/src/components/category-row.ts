// Why: one row of the Categories screen in its three states (shown, inline edit, delete confirmation with "move expenses to").
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { ref, type Ref } from "lit-html/directives/ref.js";
import type { CategoryView, CurrencyInfo } from "../api";
import type { CategoryField } from "../lib/field-errors";
import { countLabel } from "../lib/format";
import { formatMoney } from "../lib/money";
import { categoryBadge } from "./category-badge";

export type RowMode = "view" | "edit" | "delete";

export interface CategoryRowProps {
  category: CategoryView;
  others: readonly CategoryView[];
  currency: CurrencyInfo;
  mode: RowMode;
  busy: boolean;
  /** Messages beside the inline edit's fields. */
  errors: Partial<Record<CategoryField, string>>;
  nameRef: Ref<HTMLInputElement>;
  colorRef: Ref<HTMLInputElement>;
  moveToRef: Ref<HTMLSelectElement>;
  onEdit: () => void;
  onDelete: () => void;
  onSave: (e: Event) => void;
  onCancel: () => void;
  onConfirmDelete: () => void;
}

function usage(c: CategoryView, currency: CurrencyInfo): TemplateResult {
  return html`<span class="category-count">${countLabel(c.expenseCount, "expense", "expenses")}</span>
    <span class="category-total amount">${formatMoney(c.total, currency)}</span>`;
}

function editForm(p: CategoryRowProps): TemplateResult {
  const c = p.category;
  const nameError = p.errors.name;
  const colorError = p.errors.color;
  const errorId = `category-edit-error-${c.id}`;
  return html`<form class="category-edit-form" novalidate @submit=${p.onSave}>
    <fieldset class="category-edit-fields" ?disabled=${p.busy}>
      <label class="visually-hidden" for="category-color-${c.id}">Colour of ${c.name}</label>
      <input
        ${ref(p.colorRef)}
        id="category-color-${c.id}"
        type="color"
        class="form-control form-control-color category-color-input ${colorError ? "is-invalid" : ""}"
        .value=${c.color}
        aria-describedby=${ifDefined(colorError ? errorId : undefined)}
      />
      <label class="visually-hidden" for="category-name-${c.id}">Name</label>
      <input
        ${ref(p.nameRef)}
        id="category-name-${c.id}"
        type="text"
        autocomplete="off"
        class="form-control category-name-input ${nameError ? "is-invalid" : ""}"
        .value=${c.name}
        aria-invalid=${nameError ? "true" : "false"}
        aria-describedby=${ifDefined(nameError ? errorId : undefined)}
      />
      <button type="submit" class="btn btn-primary btn-sm category-save">Save</button>
      <button type="button" class="btn btn-outline-secondary btn-sm category-cancel" @click=${p.onCancel}>Cancel</button>
    </fieldset>
    ${nameError || colorError
      ? html`<div id=${errorId} class="invalid-feedback d-block category-edit-error">${nameError ?? colorError}</div>`
      : nothing}
  </form>`;
}

function deletePanel(p: CategoryRowProps): TemplateResult {
  const c = p.category;
  const count = c.expenseCount;
  const cancel = html`<button id="cancel-delete-category" type="button" class="btn btn-outline-secondary btn-sm" ?disabled=${p.busy} @click=${p.onCancel}>
    Cancel
  </button>`;
  if (count === 0) {
    return html`<div class="category-delete-panel" role="group" aria-label="Delete ${c.name}">
      <p class="category-delete-text">Delete “${c.name}”? It has no expenses.</p>
      <div class="category-delete-actions">
        <button id="confirm-delete-category" type="button" class="btn btn-danger btn-sm" ?disabled=${p.busy} @click=${p.onConfirmDelete}>
          Delete category
        </button>
        ${cancel}
      </div>
    </div>`;
  }
  const n = countLabel(count, "expense", "expenses");
  return html`<div class="category-delete-panel" role="group" aria-label="Delete ${c.name}">
    <p class="category-delete-text">
      “${c.name}” has <strong>${n}</strong>. Choose where they go; nothing is lost.
    </p>
    <div class="category-delete-actions">
      <label for="move-to-select" class="form-label mb-0">Move them to</label>
      <select ${ref(p.moveToRef)} id="move-to-select" class="form-select form-select-sm" ?disabled=${p.busy}>
        ${p.others.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
      </select>
      <button id="confirm-delete-category" type="button" class="btn btn-danger btn-sm" ?disabled=${p.busy || p.others.length === 0} @click=${p.onConfirmDelete}>
        Move ${n} and delete
      </button>
      ${cancel}
    </div>
  </div>`;
}

/** Esc cancels an inline edit or delete even from its text field or select (the page-wide Esc skips fields). */
function escapeCancels(p: CategoryRowProps) {
  return (e: KeyboardEvent) => {
    if (e.key !== "Escape" || e.isComposing || p.mode === "view") return;
    e.preventDefault();
    e.stopPropagation();
    p.onCancel();
  };
}

export function categoryRow(p: CategoryRowProps): TemplateResult {
  const c = p.category;
  return html`<li class="category-row mode-${p.mode}" data-category-id=${c.id} data-category-name=${c.name} @keydown=${escapeCancels(p)}>
    ${p.mode === "edit"
      ? editForm(p)
      : html`<div class="category-line">
          <span class="category-name">${categoryBadge(c)}</span>
          ${usage(c, p.currency)}
          <span class="category-actions">
            <button
              type="button"
              class="btn btn-row-action category-edit"
              aria-label="Rename or recolour “${c.name}”"
              title="Edit"
              ?disabled=${p.busy}
              @click=${p.onEdit}
            >
              <i class="bi bi-pencil" aria-hidden="true"></i>
            </button>
            <button
              type="button"
              class="btn btn-row-action category-delete"
              aria-label="Delete “${c.name}”"
              aria-expanded=${p.mode === "delete" ? "true" : "false"}
              title="Delete"
              ?disabled=${p.busy}
              @click=${p.onDelete}
            >
              <i class="bi bi-trash3" aria-hidden="true"></i>
            </button>
          </span>
        </div>`}
    ${p.mode === "delete" ? deletePanel(p) : nothing}
  </li>`;
}
