// Why: the create form's strength meter: a thin Bootstrap progress bar plus a word, driven by lib/strength.ts.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Strength } from "../lib/strength";

/** `strength` null (empty field) shows an empty track, so the layout does not jump while typing. */
export function passwordStrength(strength: Strength | null, rule: string, ruleId: string): TemplateResult {
  const score = strength?.score ?? 0;
  const label = strength?.label ?? "";
  return html`<div id="password-strength" class="strength" data-score=${strength === null ? "none" : score}>
    <div
      class="progress strength-track"
      role="progressbar"
      aria-label="Password strength"
      aria-valuemin="0"
      aria-valuemax="4"
      aria-valuenow=${score}
      aria-valuetext=${label || "empty"}
    >
      <div class="progress-bar strength-bar"></div>
    </div>
    <div class="strength-row">
      <span id=${ruleId} class="form-text mt-0">${rule}</span>
      <span class="strength-label" aria-live="polite">${label === "" ? nothing : html`Strength: <strong>${label}</strong>`}</span>
    </div>
    ${strength?.warning ? html`<div class="strength-warning form-text mt-1">${strength.warning}</div>` : nothing}
  </div>`;
}
