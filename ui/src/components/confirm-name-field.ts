// Why: "Type <name> to confirm" before something that cannot be undone (removing a profile, rolling one back to a backup): the name set apart so its exact spelling shows, the input, its message and its hint, drawn the same way in every such dialog.
import { html, type TemplateResult } from "lit-html";
import { ref, type Ref } from "lit-html/directives/ref.js";

export interface ConfirmNameFieldProps {
  /** The input's id; its message is `#<id>-error`, its hint `#<id>-hint`. */
  id: string;
  /** The name to type, shown as text. */
  name: string;
  /** What is typed so far. */
  value: string;
  /** Rust's verdict (`confirmation_mismatch`), or null. */
  error: string | null;
  disabled: boolean;
  inputRef: Ref<HTMLInputElement>;
  onInput: (typed: string) => void;
}

export function confirmNameField(p: ConfirmNameFieldProps): TemplateResult {
  const invalid = p.error !== null;
  return html`<label for=${p.id} class="form-label remove-confirm-label">Type <span class="remove-typed-name">${p.name}</span> to confirm</label>
    <input
      ${ref(p.inputRef)}
      id=${p.id}
      name=${p.id}
      type="text"
      class="form-control ${invalid ? "is-invalid" : ""}"
      autocomplete="off"
      autocapitalize="off"
      autocorrect="off"
      spellcheck="false"
      .value=${p.value}
      ?disabled=${p.disabled}
      aria-invalid=${invalid ? "true" : "false"}
      aria-describedby=${invalid ? `${p.id}-hint ${p.id}-error` : `${p.id}-hint`}
      @input=${(e: Event) => p.onInput((e.currentTarget as HTMLInputElement).value)}
    />
    <div id="${p.id}-error" class="invalid-feedback">${p.error ?? ""}</div>
    <div id="${p.id}-hint" class="form-text">Exactly as shown, capitals and spaces included.</div>`;
}
