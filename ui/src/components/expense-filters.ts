// Why: the expense list's filter bar (search, period, categories, amount range, clear); it only draws the state it is given and reports changes.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { ref, type Ref } from "lit-html/directives/ref.js";
import type { CategoryView } from "../api";
import { categoryFilterLabel, isFilterActive, type FilterState } from "../lib/expense-list";
import { isPeriodPreset, type PeriodPreset } from "../lib/periods";
import { categoryChecklist } from "./category-checklist";
import type { DropdownPanel } from "./dropdown-panel";

export interface FilterBarProps {
  state: FilterState;
  categories: readonly CategoryView[];
  /** The backend's `invalid_filter` message, shown under the bar. */
  error: string | null;
  /** Placeholder for the amount fields ("0.00"). */
  amountPlaceholder: string;
  searchRef: Ref<HTMLInputElement>;
  /** The category dropdown's open state, toggle and wrapper (its first focus: `FILTER_CATEGORY_FIRST`). */
  panel: DropdownPanel;
  onChange: (next: Partial<FilterState>, debounce: boolean) => void;
  onClear: () => void;
}

/** The category boxes' class, and what the dropdown focuses when it opens: the first of them. */
const CATEGORY_BOX = "filter-category";
export const FILTER_CATEGORY_FIRST = `input.${CATEGORY_BOX}`;

const PRESET_LABELS: Record<PeriodPreset, string> = {
  all: "All time",
  "this-month": "This month",
  "last-month": "Last month",
  "this-year": "This year",
  custom: "Custom range…",
};

const inputValue = (e: Event) => (e.target as HTMLInputElement).value;

/** Typing (debounced); `change` too, because a cleared field (WebDriver's clear, say) may fire only that. */
const typed = (p: FilterBarProps, key: "text" | "min" | "max") => (e: Event) => {
  const value = inputValue(e);
  if (value !== p.state[key]) p.onChange({ [key]: value }, true);
};

function categoryDropdown(p: FilterBarProps): TemplateResult {
  const selected = new Set(p.state.categories);
  const names = p.categories.filter((c) => selected.has(c.id)).map((c) => c.name);
  const open = p.panel.isOpen();
  return html`<div class="filter-dropdown" ${ref(p.panel.ref)} @focusout=${p.panel.onFocusOut}>
    <button
      id="filter-categories"
      type="button"
      class="form-select filter-categories-btn ${selected.size > 0 ? "is-filtering" : ""}"
      aria-expanded=${open ? "true" : "false"}
      aria-controls="filter-categories-panel"
      aria-label="Categories: ${categoryFilterLabel(names)}"
      @click=${p.panel.toggle}
    >
      <span class="text-truncate">${categoryFilterLabel(names)}</span>
    </button>
    ${open
      ? categoryChecklist({
          id: "filter-categories-panel",
          label: "Show these categories",
          categories: p.categories,
          selected,
          idPrefix: "filter-category-",
          inputClass: CATEGORY_BOX,
          onToggle: (id, checked) => p.onChange({ categories: checked ? [...p.state.categories, id] : p.state.categories.filter((x) => x !== id) }, false),
          allId: "filter-categories-all",
          allLabel: "Show all categories",
          onAll: () => p.onChange({ categories: [] }, false),
        })
      : nothing}
  </div>`;
}

export function filterBar(p: FilterBarProps): TemplateResult {
  const s = p.state;
  const custom = s.preset === "custom";
  return html`<div class="card filter-card">
    <div class="filter-bar" role="search" aria-label="Filter expenses">
      <div class="filter-search">
        <label for="search-input" class="visually-hidden">Search descriptions and notes</label>
        <i class="bi bi-search filter-search-icon" aria-hidden="true"></i>
        <input
          ${ref(p.searchRef)}
          id="search-input"
          type="search"
          class="form-control"
          placeholder="Search…  (press /)"
          autocomplete="off"
          spellcheck="false"
          aria-keyshortcuts="/"
          .value=${s.text}
          @input=${typed(p, "text")}
          @change=${typed(p, "text")}
        />
      </div>
      <div class="filter-field">
        <label for="filter-preset" class="visually-hidden">Period</label>
        <select
          id="filter-preset"
          class="form-select"
          @change=${(e: Event) => {
            const v = inputValue(e);
            if (isPeriodPreset(v)) p.onChange({ preset: v }, false);
          }}
        >
          ${(Object.keys(PRESET_LABELS) as PeriodPreset[]).map(
            (k) => html`<option value=${k} ?selected=${s.preset === k}>${PRESET_LABELS[k]}</option>`,
          )}
        </select>
      </div>
      ${custom
        ? html`<div class="filter-field filter-range">
            <label for="filter-from" class="visually-hidden">From</label>
            <input
              id="filter-from"
              type="date"
              class="form-control"
              title="From"
              .value=${s.from}
              max=${ifDefined(s.to || undefined)}
              @change=${(e: Event) => p.onChange({ from: inputValue(e) }, false)}
            />
            <span class="filter-dash" aria-hidden="true">–</span>
            <label for="filter-to" class="visually-hidden">To</label>
            <input
              id="filter-to"
              type="date"
              class="form-control"
              title="To"
              .value=${s.to}
              min=${ifDefined(s.from || undefined)}
              @change=${(e: Event) => p.onChange({ to: inputValue(e) }, false)}
            />
          </div>`
        : nothing}
      <div class="filter-field">${categoryDropdown(p)}</div>
      <div class="filter-field filter-range filter-amounts">
        <label for="filter-min" class="visually-hidden">Smallest amount</label>
        <input
          id="filter-min"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          class="form-control amount-input"
          placeholder="Min"
          title="Smallest amount, e.g. ${p.amountPlaceholder}"
          .value=${s.min}
          @input=${typed(p, "min")}
          @change=${typed(p, "min")}
        />
        <span class="filter-dash" aria-hidden="true">–</span>
        <label for="filter-max" class="visually-hidden">Largest amount</label>
        <input
          id="filter-max"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          class="form-control amount-input"
          placeholder="Max"
          title="Largest amount, e.g. ${p.amountPlaceholder}"
          .value=${s.max}
          @input=${typed(p, "max")}
          @change=${typed(p, "max")}
        />
      </div>
      <button id="filter-clear" type="button" class="btn btn-link filter-clear" ?disabled=${!isFilterActive(s)} @click=${p.onClear}>
        <i class="bi bi-x-lg" aria-hidden="true"></i>Clear
      </button>
    </div>
    ${p.error === null
      ? nothing
      : html`<div id="filter-error" class="filter-error" role="alert">
          <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i><span>${p.error}</span>
        </div>`}
  </div>`;
}
