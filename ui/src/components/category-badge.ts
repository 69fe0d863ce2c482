// Why: one look for a category wherever it appears (table, home, filters, settings): its colour, with text that stays readable on it.
import { html, type TemplateResult } from "lit-html";
import type { CategoryView } from "../api";
import { badgeTextColor } from "../lib/color";
import { cssVars } from "./css-vars";

/** The category as a filled badge; a neutral "Unknown" badge if the category is gone. */
export function categoryBadge(category: Pick<CategoryView, "name" | "color"> | undefined, extraClass = ""): TemplateResult {
  if (category === undefined) return html`<span class="badge category-badge category-unknown ${extraClass}">Unknown</span>`;
  return html`<span
    class="badge category-badge ${extraClass}"
    title=${category.name}
    ${cssVars({ "--cat-bg": category.color, "--cat-fg": badgeTextColor(category.color) })}
    >${category.name}</span
  >`;
}

/** Just the colour, as a small round dot beside a name that is written out anyway. */
export function categoryDot(color: string): TemplateResult {
  return html`<span class="category-dot" aria-hidden="true" ${cssVars({ "--cat-bg": color })}></span>`;
}
