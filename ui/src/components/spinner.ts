// Why: the small in-button spinner shown while the key derivation runs; the button's changed label is what screen readers hear.
import { html, type TemplateResult } from "lit-html";

export function buttonSpinner(): TemplateResult {
  return html`<span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>`;
}
