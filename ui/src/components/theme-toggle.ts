// Why: the one theme button (picker corner and navbar): shows the current choice and cycles system → light → dark.
import { html, type TemplateResult } from "lit-html";
import type { Theme } from "../api";
import { nextTheme, themeIcon, themeLabel } from "../lib/theme";

export function themeToggle(choice: Theme, onToggle: () => void, extraClass = ""): TemplateResult {
  const label = `Theme: ${themeLabel(choice)}${choice === "system" ? " (follows your computer)" : ""}`;
  const hint = `${label}. Switch to ${themeLabel(nextTheme(choice)).toLowerCase()}.`;
  return html`<button
    id="theme-toggle"
    type="button"
    class="btn btn-icon theme-toggle ${extraClass}"
    aria-label=${hint}
    title=${hint}
    data-theme-choice=${choice}
    @click=${onToggle}
  >
    <i class="bi ${themeIcon(choice)}" aria-hidden="true"></i>
  </button>`;
}
