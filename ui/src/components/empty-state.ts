// Why: one look for "nothing here" (a new profile, no expenses yet, no matches): an icon, a sentence of what to do, and the button that does it.
import { html, nothing, type TemplateResult } from "lit-html";

export interface EmptyState {
  id: string;
  /** Bootstrap Icons class. */
  icon: string;
  title: string;
  text: TemplateResult | string;
  /** The main way out (a button or two). */
  actions?: TemplateResult;
  /** Smaller print under the actions (tips). */
  footnote?: TemplateResult;
  /** `hero` for the first-run card on Home, `inline` inside a table card. */
  size?: "hero" | "inline";
}

export function emptyState(e: EmptyState): TemplateResult {
  return html`<div id=${e.id} class="empty-state empty-state-${e.size ?? "inline"}">
    <div class="empty-art" aria-hidden="true"><i class="bi ${e.icon}"></i></div>
    <h2 class="empty-title">${e.title}</h2>
    <p class="empty-text">${e.text}</p>
    ${e.actions ? html`<div class="empty-actions">${e.actions}</div>` : nothing}
    ${e.footnote ? html`<p class="empty-footnote">${e.footnote}</p>` : nothing}
  </div>`;
}
