// Why: the open panel of a category dropdown (the expense filters', the report's): a box per category with its colour and name, bound as text, and a footer button that ticks none; it only draws what it is given and reports changes.
import { html, type TemplateResult } from "lit-html";
import type { CategoryView } from "../api";
import { categoryDot } from "./category-badge";

export interface CategoryChecklistProps {
  /** The panel's id (its toggle's `aria-controls`). */
  id: string;
  /** Added to the panel's classes. */
  extraClass?: string;
  /** The panel's accessible name. */
  label: string;
  categories: readonly CategoryView[];
  selected: ReadonlySet<number>;
  /** Each box's id is this followed by the category's id. */
  idPrefix: string;
  /** The boxes' own class (what the dropdown focuses first when it opens). */
  inputClass: string;
  onToggle: (id: number, checked: boolean) => void;
  /** The footer button, disabled while no box is ticked. */
  allId: string;
  allLabel: string;
  onAll: () => void;
}

export function categoryChecklist(p: CategoryChecklistProps): TemplateResult {
  return html`<div id=${p.id} class="dropdown-menu show filter-panel ${p.extraClass ?? ""}" role="group" aria-label=${p.label}>
    <div class="filter-panel-list">
      ${p.categories.map(
        (c) => html`<div class="form-check filter-check">
          <input
            id="${p.idPrefix}${c.id}"
            class="form-check-input ${p.inputClass}"
            type="checkbox"
            data-category-id=${c.id}
            .checked=${p.selected.has(c.id)}
            @change=${(e: Event) => p.onToggle(c.id, (e.target as HTMLInputElement).checked)}
          />
          <label class="form-check-label" for="${p.idPrefix}${c.id}">${categoryDot(c.color)}<span>${c.name}</span></label>
        </div>`,
      )}
    </div>
    <div class="filter-panel-footer">
      <button id=${p.allId} type="button" class="btn btn-sm btn-link" ?disabled=${p.selected.size === 0} @click=${p.onAll}>${p.allLabel}</button>
    </div>
  </div>`;
}
