// Why: the currency a new profile keeps for good, chosen the same way wherever a profile is made (the create form, an admin adding a member): the backend's currencies by name, one preselected, a hint and the backend's verdict under it.
import { html, type TemplateResult } from "lit-html";
import { ref, type Ref } from "lit-html/directives/ref.js";
import type { CurrencyInfo } from "../api";
import { currencyLabel } from "../lib/currencies";

export interface CurrencySelectProps {
  /** The select's id; its hint is `#<id>-hint`, its message `#<id>-error`. */
  id: string;
  selectRef: Ref<HTMLSelectElement>;
  currencies: readonly CurrencyInfo[];
  /** The code selected at first (see `defaultCurrency`). */
  preselected: string;
  /** The backend's verdict (`invalid_currency`), or null. */
  error: string | null;
  onChange: () => void;
  /** `lg` on the auth cards, the default size in Settings. */
  large?: boolean;
}

export function currencySelect(p: CurrencySelectProps): TemplateResult {
  const invalid = p.error !== null;
  return html`<label for=${p.id} class="form-label">Currency</label>
    <select
      ${ref(p.selectRef)}
      id=${p.id}
      name="currency"
      class="form-select ${p.large === true ? "form-select-lg" : ""} ${invalid ? "is-invalid" : ""}"
      aria-invalid=${invalid ? "true" : "false"}
      aria-describedby=${invalid ? `${p.id}-hint ${p.id}-error` : `${p.id}-hint`}
      @change=${p.onChange}
    >
      ${p.currencies.map((c) => html`<option value=${c.code} ?selected=${c.code === p.preselected}>${currencyLabel(c.code)}</option>`)}
    </select>
    <div id="${p.id}-hint" class="form-text">Every amount in this profile is in this currency.</div>
    <div id="${p.id}-error" class="invalid-feedback">${p.error ?? ""}</div>`;
}
