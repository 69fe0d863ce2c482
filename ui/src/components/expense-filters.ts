// Why: the expense list's filter bar (search, period, categories, amount range, clear); it only draws the state it is given and reports changes.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { ref, type Ref } from "lit-html/directives/ref.js";
import type { CategoryView } from "../api";
import { categoryFilterLabel, isFilterActive, type FilterState } from "../lib/expense-list";
import { isPeriodPreset, type PeriodPreset } from "../lib/periods";
import { categoryDot } from "./category-badge";

export interface FilterBarProps {
  state: FilterState;
  categories: readonly CategoryView[];
  panelOpen: boolean;
  /** The backend's `invalid_filter` message, shown under the bar. */
  error: string | null;
  /** Placeholder for the amount fields ("0.00"). */
  amountPlaceholder: string;
  searchRef: Ref<HTMLInputElement>;
  /** The category dropdown (button + panel), for outside-click detection. */
  dropdownRef: Ref<HTMLDivElement>;
  onChange: (next: Partial<FilterState>, debounce: boolean) => void;
  onTogglePanel: () => void;
  onPanelFocusOut: (e: FocusEvent) => void;
  onClear: () => void;
}

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
  const toggle = (id: number) => (e: Event) => {
    const checked = (e.target as HTMLInputElement).checked;
    const next = checked ? [...p.state.categories, id] : p.state.categories.filter((x) => x !== id);
    p.onChange({ categories: next }, false);
  };
  return html`<div class="filter-dropdown" ${ref(p.dropdownRef)} @focusout=${p.onPanelFocusOut}>
    <button
      id="filter-categories"
      type="button"
      class="form-select filter-categories-btn ${selected.size > 0 ? "is-filtering" : ""}"
      aria-expanded=${p.panelOpen ? "true" : "false"}
      aria-controls="filter-categories-panel"
      aria-label="Categories: ${categoryFilterLabel(names)}"
      @click=${p.onTogglePanel}
    >
      <span class="text-truncate">${categoryFilterLabel(names)}</span>
    </button>
    ${p.panelOpen
      ? html`<div id="filter-categories-panel" class="dropdown-menu show filter-panel" role="group" aria-label="Show these categories">
          <div class="filter-panel-list">
            ${p.categories.map(
              (c) => html`<div class="form-check filter-check">
                <input
                  id="filter-category-${c.id}"
                  class="form-check-input filter-category"
                  type="checkbox"
                  data-category-id=${c.id}
                  .checked=${selected.has(c.id)}
                  @change=${toggle(c.id)}
                />
                <label class="form-check-label" for="filter-category-${c.id}">${categoryDot(c.color)}<span>${c.name}</span></label>
              </div>`,
            )}
          </div>
          <div class="filter-panel-footer">
            <button
              id="filter-categories-all"
              type="button"
              class="btn btn-sm btn-link"
              ?disabled=${selected.size === 0}
              @click=${() => p.onChange({ categories: [] }, false)}
            >
              Show all categories
            </button>
          </div>
        </div>`
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
