// Why: a password input with a show/hide button and Bootstrap validation feedback, shared by create and unlock.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { ref, type Ref } from "lit-html/directives/ref.js";

export interface PasswordFieldProps {
  id: string;
  label: string;
  autocomplete: "new-password" | "current-password";
  revealed: boolean;
  onToggleReveal: () => void;
  inputRef: Ref<HTMLInputElement>;
  /** Id of the `.invalid-feedback` element; it is always present so tests and aria can point at it. */
  errorId?: string;
  error?: string | null;
  /** Extra ids for `aria-describedby` (hints, the strength meter). */
  describedBy?: string[];
  /** Marks the field for the screen router to focus when the screen opens (see main.ts). */
  autofocus?: boolean;
  onInput?: (e: InputEvent) => void;
  labelHidden?: boolean;
}

export function passwordField(p: PasswordFieldProps): TemplateResult {
  const invalid = p.error != null && p.error !== "";
  const describedBy = [...(p.describedBy ?? []), ...(invalid && p.errorId ? [p.errorId] : [])].join(" ");
  const toggleLabel = p.revealed ? "Hide password" : "Show password";
  return html`<label for=${p.id} class="form-label ${p.labelHidden ? "visually-hidden" : ""}">${p.label}</label>
    <div class="input-group password-group ${p.errorId ? "has-validation" : ""}">
      <input
        ${ref(p.inputRef)}
        id=${p.id}
        name=${p.id}
        type=${p.revealed ? "text" : "password"}
        class="form-control form-control-lg ${invalid ? "is-invalid" : ""}"
        autocomplete=${p.autocomplete}
        autocapitalize="off"
        spellcheck="false"
        aria-invalid=${invalid ? "true" : "false"}
        aria-describedby=${ifDefined(describedBy || undefined)}
        ?data-autofocus=${p.autofocus ?? false}
        @input=${p.onInput ?? nothing}
      />
      <button
        type="button"
        class="btn btn-reveal"
        aria-label=${toggleLabel}
        title=${toggleLabel}
        aria-pressed=${p.revealed ? "true" : "false"}
        aria-controls=${p.id}
        @click=${p.onToggleReveal}
      >
        <i class="bi ${p.revealed ? "bi-eye-slash" : "bi-eye"}" aria-hidden="true"></i>
      </button>
      ${p.errorId ? html`<div id=${p.errorId} class="invalid-feedback">${invalid ? p.error : ""}</div>` : nothing}
    </div>`;
}
